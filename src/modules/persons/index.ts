// What other modules may use of persons: one person per document, found or created inside the writer's transaction.
export { checkDocument, documentKeyInput, type CheckedDocument } from './documents';
export { demographics, identifiers } from './identifiers';
export { applyIdentity, personRow, resolvePersons, settleIdentities, type GivenPerson, type Resolved } from './upsert';
