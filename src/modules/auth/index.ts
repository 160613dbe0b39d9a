// What other modules may use of sign-in: password hashing and policy, token hashing, ending a user's sessions.
export { hashPassword } from './passwords';
export { checkPasswordPolicy } from './password-change';
export { clearAccountAttempts, revokeSessionsOf } from './repository';
export { tokenHash } from './service';
