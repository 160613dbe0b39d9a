// What other modules may use of sites: a room for someone placed at a site, inside the placing write.
export { assignRoom } from './service';
