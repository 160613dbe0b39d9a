// What other modules may use of cases.
export { casesOfPerson } from './repository/cases';
export { moveContactsWithObservation } from './repository/contacts';
export { linkToHolderCase } from './link';
