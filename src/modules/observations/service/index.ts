// The use cases the routes call.
export { closeAlert, listAlerts } from './alerts';
export { saveChecks } from './checks';
export { handOff, receiveHandoff } from './handoffs';
export { endObservation, getObservation, listObservations, releaseMany, releaseObservation } from './lifecycle';
export { missingChecks } from './missing-checks';
export { openByHand } from './open';
export { listPolicies, setPolicy } from './policies';
