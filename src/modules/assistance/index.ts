// What other modules may use of 协查: raising requests to a person's holder inside the writer's transaction.
export { raiseRequests, recordIdentityChanges, type Ask } from './requests';
