// What other modules may use of the audit log: every write of personal data records itself here.
export { writeAudit, type AuditEntry } from './repository';
export { startExport } from './export-start';
