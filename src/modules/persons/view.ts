// Stored person rows into the API's shapes, naming every code in one look-up.
import { registrationEntry, type arrivalsOfPerson } from '../arrivals';
import type { casesOfPerson } from '../cases';
import type { observationsOfPerson } from '../observations';
import { ancestorCodes } from '../../domain/division-code';
import type { Ctx } from '../../server/context';
import type { DB } from '../../db/schema';
import type { mergedInto, PersonSummaryRow } from './repository/persons';
import { demographics } from './identifiers';
import type { PersonRecord, PersonSummary } from './schemas';

type Names = Map<string, string>;
type Stay = { code: string; from: string; to: string };

export async function namesOf(ctx: Ctx, codes: Iterable<string>): Promise<Names> {
  return new Map([...(await ctx.nodes.get(codes))].map(([code, n]) => [code, n.name]));
}

export function toSummary(ctx: Ctx, r: PersonSummaryRow, names: Names): PersonSummary {
  return {
    id: r.id,
    name: r.name,
    documentType: r.document_type,
    documentNumber: r.document_masked,
    phone: r.phone_masked,
    ...demographics(ctx.crypto, r, false),
    jurisdictionCode: r.jurisdiction_code,
    jurisdictionName: names.get(r.jurisdiction_code) ?? r.jurisdiction_code,
    lastArrivalAt: r.last_arrival_at ?? null,
  };
}

export interface History {
  arrivals: Awaited<ReturnType<typeof arrivalsOfPerson>>;
  observations: Awaited<ReturnType<typeof observationsOfPerson>>;
  cases: Awaited<ReturnType<typeof casesOfPerson>>;
  merges: Awaited<ReturnType<typeof mergedInto>>;
}

/** The residence path from the city down (the province is left out when it is the region itself). */
function residencePath(ctx: Ctx, code: string): string[] {
  return [...ancestorCodes(code), code].filter((c) => c.length > 2 || c !== ctx.config.region);
}

export function codesOf(ctx: Ctx, person: DB['persons'], h: History): string[] {
  return [
    ...residencePath(ctx, person.jurisdiction_code),
    ...h.arrivals.arrivals.flatMap((a) => [a.origin_code, a.dest_code, ...(JSON.parse(a.visited) as Stay[]).map((v) => v.code)]),
    ...h.arrivals.events.flatMap((e) => (e.unit_code ? [e.unit_code] : [])),
    ...h.observations.observations.flatMap((o) => (o.community_code ? [o.unit_code, o.community_code] : [o.unit_code])),
    ...h.cases.map((c) => c.jurisdiction_code),
  ];
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

export function toRecord(ctx: Ctx, p: DB['persons'], h: History, names: Names): PersonRecord {
  const named = (code: string) => ({ code, name: names.get(code) ?? code });
  const events = groupBy(h.arrivals.events, (e) => e.arrival_id);
  const checks = groupBy(h.observations.checks, (c) => c.observation_id);
  const alerts = groupBy(h.observations.alerts, (a) => a.observation_id);
  return {
    id: p.id,
    name: p.name,
    documentType: p.document_type,
    documentNumber: p.document_masked,
    phone: p.phone_masked,
    ...demographics(ctx.crypto, p, false),
    residence: { ...named(p.jurisdiction_code), path: residencePath(ctx, p.jurisdiction_code).map(named) },
    arrivals: h.arrivals.arrivals.map((a) => ({
      id: a.id,
      registeredAt: a.registered_at,
      arrivedAt: a.arrived_at,
      entryPoint: { id: a.entry_point_id, name: a.entry_point_name },
      transport: { mode: a.transport_mode, number: a.transport_number },
      origin: named(a.origin_code),
      visited: (JSON.parse(a.visited) as Stay[]).map((v) => ({ ...v, name: names.get(v.code) ?? v.code })),
      contactWithAffected: a.contact_with_affected === 1,
      contactNote: a.contact_note,
      temperature: a.temperature,
      abnormalTemperature: a.abnormal_temperature === 1,
      healthCodeColor: a.health_code_color,
      destination: { ...named(a.dest_code), address: a.dest_address, compound: a.dest_compound },
      disposition: a.disposition,
      stage: a.stage,
      timeline: [
        registrationEntry(a),
        ...(events.get(a.id) ?? []).map((e) => ({
          stage: e.stage,
          unit: e.unit_code ? named(e.unit_code) : null,
          actorName: e.actor_name,
          at: e.at,
        })),
      ],
    })),
    observations: h.observations.observations.map((o) => ({
      id: o.id,
      arrivalId: o.arrival_id,
      reason: o.reason,
      kind: o.kind,
      unit: named(o.unit_code),
      community: o.community_code ? named(o.community_code) : null,
      status: o.status,
      startDay: o.start_day,
      handoffDay: o.handoff_day,
      endDay: o.end_day,
      endedAt: o.ended_at,
      endReason: o.end_reason,
      checks: (checks.get(o.id) ?? []).map((c) => ({
        id: c.id,
        takenAt: c.taken_at,
        reportDay: c.report_day,
        slot: c.slot,
        temperature: c.temperature,
        symptoms: JSON.parse(c.symptoms) as string[],
        abnormal: c.abnormal === 1,
      })),
      alerts: (alerts.get(o.id) ?? []).map((a) => ({
        id: a.id,
        checkId: a.check_id,
        status: a.status,
        openedAt: a.opened_at,
        resolution: a.resolution,
        outcome: a.outcome,
        closedAt: a.closed_at,
      })),
    })),
    cases: h.cases.map((c) => ({
      id: c.id,
      classification: c.classification,
      status: c.status,
      reportedAt: c.reported_at,
      jurisdiction: named(c.jurisdiction_code),
      clusterId: c.cluster_id,
      linkedCaseId: c.linked_case_id,
    })),
    mergedFrom: h.merges.map((m) => ({
      mergeId: m.id,
      mergedAt: m.merged_at,
      person: { id: m.person_id, name: m.name, documentType: m.document_type, documentNumber: m.document_masked },
    })),
  };
}
