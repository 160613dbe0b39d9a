import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';
import type { FieldCrypto } from '../../server/field-crypto';
import { columnTypes } from './column-types';

const OPEN = ['reported', 'isolated', 'admitted'];

/**
 * Identities that cannot be rebuilt or taken over.
 *
 * A masked ID number (first 6 and last 4) with the birth date gives the whole number back, so
 * birth date and sex are sealed like the number (a plain birth year stays for statistics), and
 * likely duplicates are found by a keyed index of name and birth date. The plain columns are
 * dropped; on SQLite the freed pages are zeroed (secure_delete) so the old values leave the file.
 *
 * A person's identity is changed only by whoever holds the person: a write from elsewhere keeps
 * the name and phone it gave on its own record (stated_*) and asks the holder (a cross-jurisdiction
 * assistance request, 协查). Care flags and tasks belong to the jurisdiction that set them, so
 * they never move with the person. A case reported about a person whose open case is held
 * elsewhere is recorded apart (held_elsewhere) until the holder links it.
 */
export async function up(db: Kysely<any>, dialect: Dialect, crypto: FieldCrypto): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('persons').addColumn('demographics_enc', 'text').execute();
  await db.schema.alterTable('persons').addColumn('birth_year', 'integer').execute();
  await db.schema.alterTable('persons').addColumn('name_birth_key', 'text').execute();

  let after = '';
  for (;;) {
    const rows: { id: string; birth_date: string | null; sex: string | null; name_key: string | null }[] = await db.selectFrom('persons')
      .select(['id', 'birth_date', 'sex', 'name_key']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (!rows.length) break;
    for (const r of rows) {
      if (!r.birth_date && !r.sex) continue;
      await db.updateTable('persons').set({
        demographics_enc: crypto.encrypt(JSON.stringify({ birthDate: r.birth_date, sex: r.sex })),
        birth_year: r.birth_date ? Number(r.birth_date.slice(0, 4)) : null,
        name_birth_key: r.name_key && r.birth_date ? crypto.blindIndex(`${r.name_key}|${r.birth_date}`) : null,
      }).where('id', '=', r.id).execute();
    }
    after = rows[rows.length - 1].id;
  }
  if (dialect === 'sqlite') await sql`pragma secure_delete = on`.execute(db);
  await db.schema.dropIndex('persons_name_key').execute();
  await db.schema.alterTable('persons').dropColumn('birth_date').execute();
  await db.schema.alterTable('persons').dropColumn('sex').execute();
  await db.schema.createIndex('persons_name_birth_key').on('persons').column('name_birth_key').execute();

  for (const table of ['arrivals', 'observations', 'contacts', 'cases']) {
    await db.schema.alterTable(table).addColumn('stated_name', 'text').execute();
    await db.schema.alterTable(table).addColumn('stated_phone_enc', 'text').execute();
    await db.schema.alterTable(table).addColumn('stated_phone_masked', 'text').execute();
  }

  for (const table of ['care_flags', 'care_tasks']) {
    await db.schema.alterTable(table).addColumn('jurisdiction_code', t.code).execute();
    await sql`update ${sql.table(table)} set jurisdiction_code = (select p.jurisdiction_code from persons p where p.id = ${sql.ref(`${table}.person_id`)})`.execute(db);
    await db.schema.createIndex(`${table}_jurisdiction`).on(table).column('jurisdiction_code').execute();
  }

  await db.schema.alterTable('cases').addColumn('held_elsewhere', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('cases').addColumn('linked_case_id', 'text', (c) => c.references('cases.id')).execute();
  await db.schema.dropIndex('cases_open_person').execute();
  await db.schema.createIndex('cases_open_person').on('cases').column('person_id').unique()
    .where(sql.ref('status'), 'in', OPEN).where(sql.ref('held_elsewhere'), '=', 0).execute();

  // 协查: what a jurisdiction asks of the one holding a person. `proposed` and `previous` are JSON
  // of identity values (a phone only sealed); `source_*` is the asker's own record.
  await db.schema.createTable('assistance_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('holder_code', t.code, (c) => c.notNull())
    .addColumn('requester_code', t.code, (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('source_entity', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('proposed', 'text')
    .addColumn('previous', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', t.instant)
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistance_requests_holder').on('assistance_requests').columns(['holder_code', 'status', 'created_at']).execute();
  await db.schema.createIndex('assistance_requests_person').on('assistance_requests').column('person_id').execute();
}
