// What other modules may use of screen tokens: checking a wall screen's token.
export { authenticateScreen } from './service';
