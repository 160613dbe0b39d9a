// A write refused by a unique index, as both databases report it.

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The API field (camelCase of the last column) whose value a unique index refused, or null
 * when the error is not a unique violation.
 */
export function uniqueViolationField(err: unknown): string | null {
  const e = err as { code?: unknown; detail?: unknown; message?: unknown };
  if (!e || typeof e !== 'object') return null;
  // PostgreSQL: unique_violation, detail "Key (kind, client_id)=(…) already exists."
  if (e.code === '23505') {
    const columns = typeof e.detail === 'string' ? /^Key \(([^)]+)\)/.exec(e.detail)?.[1] : undefined;
    return camel(columns?.split(',').pop()?.trim() || 'value');
  }
  // SQLite: "UNIQUE constraint failed: users.username" (or "t.a, t.b").
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = typeof e.message === 'string' ? /constraint failed: (.+)$/.exec(e.message)?.[1] : undefined;
    return camel(columns?.split(',').pop()?.trim().split('.').pop() || 'value');
  }
  return null;
}
