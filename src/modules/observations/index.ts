// What other modules may use of observations.
export { RoomChoice } from './schemas';
export { openObservation, openObservations, type OpenObservation } from './service/open';
export { closeObservation } from './service/lifecycle';
export { activeObservationsOf, observationsOfPerson, observationToEnd, OBSERVATION_SCOPE_COLUMNS } from './repository/observations';
export { missingByMarks, missingInSlot } from './repository/checks';
