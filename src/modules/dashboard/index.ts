// What other modules may use of the dashboard: the counts a write updates in its own transaction.
export { countArrival, countObservation, countRelease, moveObservation } from './repository/rollups';
