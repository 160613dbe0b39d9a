// What other modules may use of arrivals.
export { TimelineEntry } from './schemas';
export { ARRIVAL_SCOPE_COLUMNS, arrivalsOfPerson } from './repository/arrivals';
export { registrationEntry } from './view';
