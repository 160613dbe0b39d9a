// Tracing (流调溯源): a case's exposures within its infectious period, and the close and
// secondary contacts found through them, one by one or from an uploaded list. Each contact is
// put under control through an observation (so their community or site lists them without
// re-entry); a contact who tests positive becomes a case linked to the source.
export { addExposure, listExposures } from './exposures';
export { addContact, addSecondaryContact, getContact, listContacts } from './contacts';
export { importContacts } from './import';
export { markPositive } from './positive';
