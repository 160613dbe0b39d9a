// An outbreak's case and contact records written straight into SQLite: cases reported over the
// last 30 days across the region's real communities, grouped in clusters (one of 1,000 cases
// linked by source), each with a household and a venue exposure and its close contacts
// (some with secondary contacts), every contact under observation at home, the older ones
// released. A few hundred recent cases still wait for isolation or admission.
import { geography, rng, pick } from './generate';
import { BENCH_SECRET } from './server';
import { createSeedDatabase, insertStatement, personId, residentDocument, SURNAMES } from './region-seed';
import { createFieldCrypto } from '../src/server/field-crypto';
import { newId } from '../src/db/ids';
import { addDays, planObservation } from '../src/domain/observation';
import { placeKey } from '../src/domain/cases';
import { reportDay } from '../src/domain/time';
import { personRow } from '../src/modules/persons/upsert';
import type { CaseStatus, ClinicalType } from '../src/domain/enums';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TZ = 'Asia/Shanghai';
const SPAN_DAYS = 30;
const CONTROL_DAYS = 10;

export interface CaseSeedSize {
  cases: number;
  contacts: number;
  /** Cases in the one large cluster. */
  bigCluster: number;
}

export interface CasesSeeded extends CaseSeedSize {
  /** A case of the large cluster, and the cluster's size. */
  bigClusterCase: string;
  waiting: number;
  observations: number;
  /** The next free person index, for people not yet in the database. */
  nextPerson: number;
  seconds: number;
}

export async function seedCases(dir: string, size: CaseSeedSize, log: (line: string) => void): Promise<CasesSeeded> {
  const started = Date.now();
  const db = await createSeedDatabase(dir);
  const crypto = createFieldCrypto(BENCH_SECRET);
  const communities = (await geography('54')).communities;
  const r = rng(23);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const perCase = Math.floor(size.contacts / size.cases);
  const secondaryPerCase = Math.floor(perCase / 6);

  const sample = personRow(crypto, residentDocument('540102', 0), '样本', '13800000000', communities[0].code, at);
  const person = insertStatement(db, 'persons', Object.keys(sample));
  const insertCase = insertStatement(db, 'cases', [
    'id', 'client_id', 'person_id', 'classification', 'reported_classification', 'clinical_type', 'origin', 'origin_code', 'found_by', 'reported_at',
    'reporting_unit', 'jurisdiction_code', 'community_code', 'onset_date', 'first_positive_at', 'status', 'status_since', 'controlled_at', 'facility',
    'ended_at', 'reclassified_at', 'source_case_id', 'source_contact_id', 'cluster_id', 'created_by', 'created_at', 'updated_at',
  ]);
  const insertEvent = insertStatement(db, 'case_events', ['id', 'client_id', 'case_id', 'kind', 'from_value', 'to_value', 'detail', 'actor_id', 'actor_name', 'at']);
  const insertExposure = insertStatement(db, 'exposures', [
    'id', 'client_id', 'case_id', 'setting', 'place_code', 'address', 'from_at', 'to_at', 'transport_mode', 'transport_number', 'seat', 'place_key', 'note',
    'created_by', 'created_at',
  ]);
  const insertObservation = insertStatement(db, 'observations', [
    'id', 'client_id', 'person_id', 'arrival_id', 'reason', 'centralised_days', 'home_days', 'kind', 'unit_code', 'community_code', 'pending_unit_code',
    'room_id', 'status', 'start_at', 'start_day', 'handoff_day', 'end_day', 'ended_at', 'end_reason', 'opened_by', 'created_at',
  ]);
  const insertContact = insertStatement(db, 'contacts', [
    'id', 'exposure_id', 'case_id', 'case_code', 'person_id', 'degree', 'via_contact_id', 'observation_id', 'community_code', 'unit_code', 'address', 'seat',
    'positive_case_id', 'created_by', 'created_at',
  ]);

  let nextPerson = 0;
  const newPerson = (community: { code: string }) => {
    const i = nextPerson++;
    const phone = '13' + String((i * 7919) % 1e9).padStart(9, '0');
    person.run({ ...personRow(crypto, residentDocument(community.code.slice(0, 6), i), pick(r, SURNAMES) + (i % 97), phone, community.code, at), id: personId(i) });
    return personId(i);
  };

  let cluster = { id: '', left: 0, members: [] as string[] };
  let waiting = 0;
  let observations = 0;
  let bigClusterCase = '';
  const writeCases = db.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const id = newId();
      if (cluster.left === 0) {
        // The first cluster is the large one; then sizes from 1 to about 40, most of them small.
        const clusterSize = k === 0 ? size.bigCluster : 1 + Math.floor(40 * r() ** 3);
        cluster = { id, left: clusterSize, members: [] };
      }
      cluster.left--;
      const community = pick(r, communities);
      const reported = now - r() * SPAN_DAYS * DAY;
      const age = now - reported;
      const confirmed = r() < 0.3;
      const reclassified = !confirmed && r() < 0.05;
      const firstPositive = reported - (2 + r() * 10) * HOUR;
      const status: CaseStatus = age < 2 * DAY && r() < 0.3 ? 'reported'
        : age < 14 * DAY ? (confirmed ? 'admitted' : 'isolated')
          : confirmed ? 'cured_discharged' : 'released';
      const controlled = status === 'reported' ? null : reported + (1 + r() * 8) * HOUR;
      const ended = status === 'cured_discharged' || status === 'released' ? reported + 14 * DAY : null;
      const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
      const classification = confirmed || reclassified ? 'confirmed' : 'asymptomatic';
      insertCase.run({
        id, client_id: id, person_id: newPerson(community), classification, reported_classification: confirmed ? 'confirmed' : 'asymptomatic',
        clinical_type: classification === 'confirmed' ? pick(r, ['mild', 'mild', 'mild', 'moderate', 'severe'] as ClinicalType[]) : null,
        origin: 'local', origin_code: null, found_by: pick(r, ['community_screening', 'contact_control', 'mass_screening', 'fever_clinic'] as const),
        reported_at: iso(reported), reporting_unit: '拉萨市疾病预防控制中心', jurisdiction_code: community.code.slice(0, 6), community_code: community.code,
        onset_date: confirmed ? reportDay(new Date(firstPositive - DAY), TZ) : null, first_positive_at: iso(firstPositive), status,
        status_since: iso(ended ?? controlled ?? reported), controlled_at: iso(controlled), facility: status === 'reported' ? null : '方舱医院',
        ended_at: iso(ended), reclassified_at: reclassified ? iso(reported + DAY) : null,
        source_case_id: cluster.members.length ? pick(r, cluster.members) : null, source_contact_id: null, cluster_id: cluster.id,
        created_by: 'seed', created_at: iso(reported), updated_at: iso(ended ?? controlled ?? reported),
      });
      insertEvent.run({ id: newId(), client_id: null, case_id: id, kind: 'reported', from_value: null, to_value: 'reported', detail: null, actor_id: 'seed', actor_name: '生成器', at: iso(reported) });
      if (k === 0) bigClusterCase = id;
      cluster.members.push(id);
      if (status === 'reported') waiting++;

      // A household and a venue, in the two days before the first positive sample.
      const exposures = (['household', 'venue'] as const).map((setting, e) => {
        const from = firstPositive - (2 - e) * DAY;
        // Distinct addresses: clusters here come from sources only, as the seed assigns them.
        const address = setting === 'household' ? `${community.name}${k}号` : `${community.name}农贸市场${k}号摊位`;
        const exposure = {
          id: newId(), setting, place_code: community.code, address, from_at: iso(from), to_at: iso(from + 6 * HOUR),
          place_key: placeKey({ setting, placeCode: community.code, address, transportNumber: null, from: iso(from)! }, TZ),
        };
        insertExposure.run({ ...exposure, client_id: exposure.id, case_id: id, transport_mode: null, transport_number: null, seat: null, note: null, created_by: 'seed', created_at: iso(reported) });
        return exposure;
      });
      const traced = reported + 6 * HOUR;
      const start = iso(traced)!;
      const plan = planObservation(start, { code: 'close_contact', centralisedDays: 0, homeDays: CONTROL_DAYS }, TZ);
      const released = traced + CONTROL_DAYS * DAY < now;
      const closeIds: string[] = [];
      for (let c = 0; c < perCase; c++) {
        const secondary = c >= perCase - secondaryPerCase;
        const home = r() < 0.7 ? community : pick(r, communities);
        const pid = newPerson(home);
        const observationId = newId();
        insertObservation.run({
          id: observationId, client_id: null, person_id: pid, arrival_id: null, reason: secondary ? 'secondary_contact' : 'close_contact', centralised_days: 0,
          home_days: CONTROL_DAYS, kind: 'home', unit_code: home.code, community_code: home.code, pending_unit_code: null, room_id: null,
          status: released ? 'released' : 'active', start_at: start, start_day: plan.startDay, handoff_day: null, end_day: addDays(plan.startDay, CONTROL_DAYS),
          ended_at: released ? iso(traced + CONTROL_DAYS * DAY) : null, end_reason: null, opened_by: 'seed', created_at: start,
        });
        observations++;
        const contactId = newId();
        insertContact.run({
          id: contactId, exposure_id: exposures[c % 3 === 0 ? 0 : 1].id, case_id: id, case_code: community.code.slice(0, 6), person_id: pid,
          degree: secondary ? 'secondary' : 'close', via_contact_id: secondary ? pick(r, closeIds) : null, observation_id: observationId,
          community_code: home.code, unit_code: home.code, address: null, seat: null, positive_case_id: null, created_by: 'seed', created_at: start,
        });
        if (!secondary) closeIds.push(contactId);
      }
    }
  });
  for (let from = 0; from < size.cases; from += 1000) {
    writeCases(from, Math.min(size.cases, from + 1000));
    if (from % 5000 === 0) log(`  cases: ${from.toLocaleString('en')} / ${size.cases.toLocaleString('en')}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ...size, bigClusterCase, waiting, observations, nextPerson, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
