// What happened to a person, inside the caller's jurisdiction: arrivals with their
// hand-offs, observations with their checks and alerts, cases, and who was merged into them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { scoped } from '../arrivals/queries';
import { scopedObservations } from '../observations/queries';
import { scopedCases } from '../cases/queries';

export async function arrivalsOf(db: Kysely<DB>, personId: string, scopeCode: string) {
  const arrivals = await scoped(
    db.selectFrom('arrivals')
      .innerJoin('entry_points', 'entry_points.id', 'arrivals.entry_point_id')
      .innerJoin('users', 'users.id', 'arrivals.registered_by')
      .selectAll('arrivals')
      .select(['entry_points.name as entry_point_name', 'users.display_name as registered_by_name'])
      .where('arrivals.person_id', '=', personId),
    scopeCode,
  ).orderBy('arrivals.arrived_at', 'desc').orderBy('arrivals.id', 'desc').execute();
  const events = arrivals.length
    ? await db.selectFrom('arrival_events').selectAll().where('arrival_id', 'in', arrivals.map((a) => a.id)).orderBy('at').orderBy('id').execute()
    : [];
  return { arrivals, events };
}

export async function observationsOf(db: Kysely<DB>, personId: string, scopeCode: string) {
  const observations = await scopedObservations(db.selectFrom('observations').selectAll().where('observations.person_id', '=', personId), scopeCode)
    .orderBy('observations.start_at', 'desc').orderBy('observations.id', 'desc').execute();
  const ids = observations.map((o) => o.id);
  if (!ids.length) return { observations, checks: [], alerts: [] };
  const [checks, alerts] = await Promise.all([
    db.selectFrom('observation_checks').selectAll().where('observation_id', 'in', ids).orderBy('taken_at').orderBy('id').execute(), // unscoped: checks of observations loaded in scope
    db.selectFrom('alerts').selectAll().where('observation_id', 'in', ids).orderBy('opened_at').orderBy('id').execute(), // unscoped: alerts of observations loaded in scope
  ]);
  return { observations, checks, alerts };
}

export function casesOf(db: Kysely<DB>, personId: string, scopeCode: string) {
  return scopedCases(db.selectFrom('cases')
    .select(['cases.id', 'cases.classification', 'cases.status', 'cases.reported_at', 'cases.jurisdiction_code', 'cases.cluster_id', 'cases.linked_case_id'])
    .where('cases.person_id', '=', personId), scopeCode)
    .orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').execute();
}

export function mergedInto(db: Kysely<DB>, survivorId: string) {
  return db.selectFrom('person_merges')
    .innerJoin('persons', 'persons.id', 'person_merges.merged_id') // unscoped: persons merged into one the caller may see
    .select(['person_merges.id', 'person_merges.merged_at', 'persons.id as person_id', 'persons.name', 'persons.document_type', 'persons.document_masked'])
    .where('person_merges.survivor_id', '=', survivorId)
    .where('person_merges.undone_at', 'is', null)
    .orderBy('person_merges.merged_at')
    .execute();
}
