import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope } from '../../db/scope';

export function selectTokens(db: Kysely<DB>) {
  return db.selectFrom('screen_tokens')
    .innerJoin('users as creator', 'creator.id', 'screen_tokens.created_by')
    .leftJoin('users as revoker', 'revoker.id', 'screen_tokens.revoked_by')
    .leftJoin('jurisdictions', 'jurisdictions.code', 'screen_tokens.jurisdiction_code')
    .select([
      'screen_tokens.id', 'screen_tokens.token_hash', 'screen_tokens.label', 'screen_tokens.jurisdiction_code', 'screen_tokens.created_by',
      'screen_tokens.created_at', 'screen_tokens.expires_at', 'screen_tokens.last_used_at', 'screen_tokens.revoked_at', 'screen_tokens.revoked_by',
      'creator.display_name as creator_name', 'revoker.display_name as revoker_name', 'jurisdictions.name as jurisdiction_name',
    ]);
}
export type TokenRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectTokens>['executeTakeFirst']>>>;

export function tokensInScope(db: Kysely<DB>, scopeCode: string, limit: number) {
  return selectTokens(db)
    .where((eb) => inScope(eb, ['screen_tokens.jurisdiction_code'], scopeCode))
    .orderBy('screen_tokens.created_at', 'desc')
    .limit(limit)
    .execute();
}

export function tokenInScope(db: Kysely<DB>, id: string, scopeCode: string) {
  return selectTokens(db)
    .where('screen_tokens.id', '=', id)
    .where((eb) => inScope(eb, ['screen_tokens.jurisdiction_code'], scopeCode))
    .executeTakeFirst();
}

export function tokenByHash(db: Kysely<DB>, hash: string) {
  return db.selectFrom('screen_tokens')
    .select(['id', 'label', 'jurisdiction_code', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
}

export async function touch(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('screen_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function insertToken(trx: Transaction<DB>, row: DB['screen_tokens']): Promise<void> {
  await trx.insertInto('screen_tokens').values(row).execute();
}

/** Revokes the token unless it was revoked already. */
export async function revokeToken(trx: Transaction<DB>, id: string, userId: string, at: string): Promise<void> {
  await trx.updateTable('screen_tokens').set({ revoked_at: at, revoked_by: userId }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
