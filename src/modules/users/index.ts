// What other modules may use of user accounts: the account shape, and the reads and writes sign-in needs.
export { UserView } from './schemas';
export { insertAdmin, passwordHashOf, setOwnPassword, userByUsername } from './repository';
