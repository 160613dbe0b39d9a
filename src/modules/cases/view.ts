// Stored rows in the API's shape, naming every code in one look-up.
import type { Ctx } from '../../server/context';
import { contactState, infectiousPeriod, waitingMinutes } from '../../domain/cases';
import type { CaseRow } from './repository/cases';
import type { ContactRow } from './repository/contacts';
import type { CaseView, ContactView, ExposureView } from './schemas';
import type { DB } from '../../db/schema';
import { identifiers } from '../persons';

export type Names = Map<string, string>;

export async function namesOf(ctx: Ctx, codes: (string | null | undefined)[]): Promise<Names> {
  const nodes = await ctx.nodes.get(codes.filter((c): c is string => !!c));
  return new Map([...nodes].map(([code, n]) => [code, n.name]));
}

const named = (names: Names, code: string) => ({ code, name: names.get(code) ?? code });
const namedOrNull = (names: Names, code: string | null) => (code ? named(names, code) : null);

export const caseCodes = (r: CaseRow) => [r.jurisdiction_code, r.community_code, r.origin_code];

export function toCaseView(ctx: Ctx, r: CaseRow, names: Names, now: Date, reveal = false): CaseView {
  return {
    id: r.id,
    person: {
      id: r.person_id,
      name: r.person_name,
      documentType: r.document_type,
      ...identifiers(ctx.crypto, r, reveal),
    },
    classification: r.classification,
    reportedClassification: r.reported_classification,
    clinicalType: r.clinical_type,
    origin: r.origin,
    originPlace: namedOrNull(names, r.origin_code),
    foundBy: r.found_by,
    reportedAt: r.reported_at,
    reportingUnit: r.reporting_unit,
    jurisdiction: named(names, r.jurisdiction_code),
    community: namedOrNull(names, r.community_code),
    onsetDate: r.onset_date,
    firstPositiveAt: r.first_positive_at,
    status: r.status,
    statusSince: r.status_since,
    controlledAt: r.controlled_at,
    facility: r.facility,
    endedAt: r.ended_at,
    reclassifiedAt: r.reclassified_at,
    sourceCaseId: r.source_case_id,
    sourceContactId: r.source_contact_id,
    cluster: { id: r.cluster_id, name: r.cluster_name },
    infectiousPeriod: infectiousPeriod({ onsetDate: r.onset_date, firstPositiveAt: r.first_positive_at, controlledAt: r.controlled_at }, ctx.config.timeZone),
    waitingMinutes: r.status === 'reported' ? waitingMinutes(r.reported_at, now) : null,
  };
}

export function toEventView(e: DB['case_events']) {
  return {
    kind: e.kind,
    from: e.from_value,
    to: e.to_value,
    detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
    actorName: e.actor_name,
    at: e.at,
  };
}

export function toExposureView(e: DB['exposures'], names: Names, counts: { close: number; secondary: number } | undefined): ExposureView {
  return {
    id: e.id,
    caseId: e.case_id,
    setting: e.setting,
    place: namedOrNull(names, e.place_code),
    address: e.address,
    from: e.from_at,
    to: e.to_at,
    transport: e.transport_number ? { mode: e.transport_mode ?? 'other', number: e.transport_number, seat: e.seat } : null,
    note: e.note,
    contacts: counts ?? { close: 0, secondary: 0 },
    createdAt: e.created_at,
  };
}

export const contactCodes = (r: ContactRow) => [r.case_code, r.community_code, r.observation_unit];

export function toContactView(r: ContactRow, names: Names): ContactView {
  return {
    id: r.id,
    exposureId: r.exposure_id,
    caseId: r.case_id,
    caseJurisdiction: named(names, r.case_code),
    degree: r.degree,
    viaContactId: r.via_contact_id,
    person: { id: r.person_id, name: r.person_name, documentType: r.document_type, documentNumber: r.document_masked, phone: r.phone_masked },
    community: namedOrNull(names, r.community_code),
    address: r.address,
    seat: r.seat,
    observation: r.observation_id && r.observation_unit
      ? {
        id: r.observation_id,
        status: r.observation_status!,
        kind: r.observation_kind!,
        reason: r.observation_reason!,
        unit: named(names, r.observation_unit),
        endDay: r.observation_end_day!,
      }
      : null,
    status: contactState({ positiveCaseId: r.positive_case_id, observationStatus: r.observation_status }),
    positiveCaseId: r.positive_case_id,
    createdAt: r.created_at,
  };
}
