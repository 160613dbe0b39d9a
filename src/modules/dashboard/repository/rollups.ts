// The maintained dashboard counts: added to in the transaction that registers an
// arrival, opens, moves or ends an observation, and recounted from the arrivals and observations when the time zone they were counted in
// is not the configured one (first start after the migration, or a changed zone).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../../db/database';
import type { DB } from '../../../db/schema';
import {
  arrivalRollups, observationEndRollups, observationStartRollups, releaseRollups, RollupTotals, type ArrivalFacts, type ObservationDayRow,
} from '../../../domain/rollups';

const SETTING = 'rollups_time_zone';
const READ_BATCH = 10_000;
const WRITE_BATCH = 500;

/**
 * Adds one arrival to the counts; always in the order county, place, entry, origin so concurrent
 * writers lock alike. Written as plain SQL: on the registration path, building these statements
 * with the query builder cost more than running them.
 */
export async function countArrival(trx: Transaction<DB>, arrival: ArrivalFacts, timeZone: string): Promise<void> {
  const r = arrivalRollups(arrival, timeZone);
  const days = r.days.map((d) => sql`(${d.grain}, ${d.code}, ${d.day}, ${d.registered}, ${d.abnormal}, ${d.fever_clinic}, ${d.centralised}, ${d.home})`);
  await sql`insert into arrival_day_counts (grain, code, day, registered, abnormal, fever_clinic, centralised, home) values ${sql.join(days)}
    on conflict (grain, code, day) do update set registered = arrival_day_counts.registered + excluded.registered,
      abnormal = arrival_day_counts.abnormal + excluded.abnormal, fever_clinic = arrival_day_counts.fever_clinic + excluded.fever_clinic,
      centralised = arrival_day_counts.centralised + excluded.centralised, home = arrival_day_counts.home + excluded.home`.execute(trx);
  await sql`insert into arrival_entry_counts (city_code, entry_point_id, hour, registered) values (${r.entry.city_code}, ${r.entry.entry_point_id}, ${r.entry.hour}, 1)
    on conflict (city_code, hour, entry_point_id) do update set registered = arrival_entry_counts.registered + 1`.execute(trx);
  await sql`insert into arrival_origin_counts (city_code, day, origin_code, registered) values (${r.origin.city_code}, ${r.origin.day}, ${r.origin.origin_code}, 1)
    on conflict (city_code, day, origin_code) do update set registered = arrival_origin_counts.registered + 1`.execute(trx);
}

/** Adds one release to the counts, county first like arrivals. */
export async function countRelease(trx: Transaction<DB>, observation: { unit_code: string; ended_at: string }, timeZone: string): Promise<void> {
  for (const r of releaseRollups(observation, timeZone)) {
    await trx.insertInto('release_day_counts').values(r)
      .onConflict((oc) => oc.columns(['grain', 'code', 'day']).doUpdateSet((eb) => ({ released: eb('release_day_counts.released', '+', 1) })))
      .execute();
  }
}

/**
 * Adds observation starts and ends (or takes a start back), summed per key first (one statement may
 * not update a row twice) and written in key order, county first, so that concurrent writers lock alike.
 */
export async function countObservation(trx: Transaction<DB>, rows: ObservationDayRow[]): Promise<void> {
  const totals = new RollupTotals();
  totals.addObservation(rows);
  const sorted = [...totals.observations.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (let i = 0; i < sorted.length; i += WRITE_BATCH) {
    await trx.insertInto('observation_day_counts').values(sorted.slice(i, i + WRITE_BATCH))
      .onConflict((oc) => oc.columns(['grain', 'code', 'day']).doUpdateSet((eb) => ({
        started: eb('observation_day_counts.started', '+', eb.ref('excluded.started')),
        ended: eb('observation_day_counts.ended', '+', eb.ref('excluded.ended')),
      })))
      .execute();
  }
}

/** An observation's responsible unit changes: its start moves to the new unit. */
export async function moveObservation(trx: Transaction<DB>, o: { unit_code: string; start_at: string }, toUnit: string, timeZone: string): Promise<void> {
  await countObservation(trx, [...observationStartRollups(o, timeZone, -1), ...observationStartRollups({ ...o, unit_code: toUnit }, timeZone)]);
}

/** The counts recomputed from every arrival and every release. */
export async function recount(db: Kysely<DB>, timeZone: string): Promise<RollupTotals> {
  const totals = new RollupTotals();
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('arrivals') // unscoped: rebuilding the counts: no personal columns, nothing returned to a caller
      .select(['id', 'dest_code', 'registered_at', 'entry_point_id', 'origin_code', 'abnormal_temperature', 'disposition'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(READ_BATCH)
      .execute();
    for (const row of rows) totals.add(arrivalRollups(row, timeZone));
    if (rows.length < READ_BATCH) break;
    after = rows[rows.length - 1].id;
  }
  after = '';
  for (;;) {
    const rows = await db.selectFrom('observations') // unscoped: rebuilding the counts: no personal columns, nothing returned to a caller
      .select(['id', 'unit_code', 'status', 'start_at', 'ended_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(READ_BATCH)
      .execute();
    for (const row of rows) {
      totals.addObservation(observationStartRollups(row, timeZone));
      if (row.ended_at === null) continue;
      const ended = { unit_code: row.unit_code, ended_at: row.ended_at };
      totals.addObservation(observationEndRollups(ended, timeZone));
      if (row.status === 'released') totals.addRelease(releaseRollups(ended, timeZone));
    }
    if (rows.length < READ_BATCH) return totals;
    after = rows[rows.length - 1].id;
  }
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += WRITE_BATCH) await insert(rows.slice(i, i + WRITE_BATCH));
}

/** Replaces the counts with a recount, in one transaction. */
export async function rebuildRollups(db: Kysely<DB>, dialect: Dialect, timeZone: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Another server process may be registering meanwhile: hold its writes until the counts are whole.
    if (dialect === 'postgres') await sql`lock table arrivals, observations in share mode`.execute(trx);
    const totals = await recount(trx, timeZone);
    await trx.deleteFrom('arrival_day_counts').execute();
    await trx.deleteFrom('arrival_entry_counts').execute();
    await trx.deleteFrom('arrival_origin_counts').execute();
    await trx.deleteFrom('release_day_counts').execute();
    await trx.deleteFrom('observation_day_counts').execute();
    await insertChunks([...totals.days.values()], (c) => trx.insertInto('arrival_day_counts').values(c).execute());
    await insertChunks([...totals.entries.values()], (c) => trx.insertInto('arrival_entry_counts').values(c).execute());
    await insertChunks([...totals.origins.values()], (c) => trx.insertInto('arrival_origin_counts').values(c).execute());
    await insertChunks([...totals.releases.values()], (c) => trx.insertInto('release_day_counts').values(c).execute());
    await insertChunks([...totals.observations.values()], (c) => trx.insertInto('observation_day_counts').values(c).execute());
    await trx.updateTable('settings').set({ value: timeZone }).where('key', '=', SETTING).execute();
  });
}

/** Recounts when the counts were made in another time zone, or never. */
export async function ensureRollups(db: Kysely<DB>, dialect: Dialect, timeZone: string): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  if (row?.value === timeZone) return false;
  await rebuildRollups(db, dialect, timeZone);
  return true;
}
