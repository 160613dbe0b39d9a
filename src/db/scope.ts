// The one jurisdiction filter: a row is visible to a caller bound to node C when
// one of its scope columns holds C or a code below it. Codes are prefix-coded
// (54 > 5401 > 540102 > 540102002 > 540102002001; units append U + digits), so a
// subtree is a single bytewise index range [C, C + '~').
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { subtreeUpperBound } from '../domain/division-code';

/** The tables holding personal data: read only through a jurisdiction filter (see scope-guard.test.ts). */
export const PERSONAL_TABLES = [
  'persons', 'arrivals', 'observations', 'observation_checks', 'alerts', 'cases', 'contacts', 'exposures', 'care_flags', 'care_tasks', 'assistance_requests',
] as const;

export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: string[],
  scopeCode: string,
): Expression<SqlBool> {
  const upper = subtreeUpperBound(scopeCode);
  const e = eb as unknown as ExpressionBuilder<any, any>;
  return e.or(columns.map((c) => e.and([e(c, '>=', scopeCode), e(c, '<', upper)])));
}

type StatingTable = 'arrivals' | 'observations' | 'contacts' | 'cases';

/**
 * The name a viewer bound to `scopeCode` sees on a record joined with its person: the person's own
 * when the viewer holds them (their residence is in scope), else what the record's writer was told
 * where it differs (the record's stated_* columns; see src/domain/identity.ts).
 */
export function shownName(eb: ExpressionBuilder<any, any>, table: StatingTable, scopeCode: string) {
  return eb.case().when(inScope(eb, ['persons.jurisdiction_code'], scopeCode)).then(eb.ref('persons.name'))
    .else(eb.fn.coalesce(`${table}.stated_name`, 'persons.name')).end().$castTo<string>();
}

/** The name and phone a viewer sees on a record (as `shownName`), as person_name, phone_masked and phone_enc. */
export function shownIdentity(eb: ExpressionBuilder<any, any>, table: StatingTable, scopeCode: string) {
  const ownPhone = eb.or([inScope(eb, ['persons.jurisdiction_code'], scopeCode), eb(`${table}.stated_phone_enc`, 'is', null)]);
  return [
    shownName(eb, table, scopeCode).as('person_name'),
    eb.case().when(ownPhone).then(eb.ref('persons.phone_masked')).else(eb.ref(`${table}.stated_phone_masked`)).end().$castTo<string | null>().as('phone_masked'),
    eb.case().when(ownPhone).then(eb.ref('persons.phone_enc')).else(eb.ref(`${table}.stated_phone_enc`)).end().$castTo<string | null>().as('phone_enc'),
  ] as const;
}
