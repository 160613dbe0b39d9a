// The one jurisdiction filter: a row is visible to a caller bound to node C when
// one of its scope columns holds C or a code below it. Codes are prefix-coded
// (54 > 5401 > 540102 > 540102002 > 540102002001; units append U + digits), so a
// subtree is a single bytewise index range [C, C + '~').
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { subtreeUpperBound } from '../domain/division-code';

export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: string[],
  scopeCode: string,
): Expression<SqlBool> {
  const upper = subtreeUpperBound(scopeCode);
  const e = eb as unknown as ExpressionBuilder<any, any>;
  return e.or(columns.map((c) => e.and([e(c, '>=', scopeCode), e(c, '<', upper)])));
}
