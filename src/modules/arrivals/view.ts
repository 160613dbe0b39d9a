// Turns stored arrival rows into the API's shape, naming every code in one look-up.
import { ancestorCodes } from '../../domain/division-code';
import { isOverdue } from '../../domain/handoff';
import type { Ctx } from '../../server/context';
import type { ArrivalView } from './schemas';
import type { ArrivalRow } from './repository/arrivals';
import { demographics, identifiers } from '../persons';

type Stay = { code: string; from: string; to: string };

function codesOf(r: ArrivalRow): string[] {
  const visited = JSON.parse(r.visited) as Stay[];
  return [
    r.origin_code,
    r.dest_code,
    ...ancestorCodes(r.dest_code),
    r.route_first,
    ...(r.route_second ? [r.route_second] : []),
    ...(r.employer_code ? [r.employer_code] : []),
    ...visited.map((v) => v.code),
  ];
}

/** The names from the province (or below it, when it is the region itself) down to the destination. */
export function destinationPath(code: string, names: Map<string, string>, region: string): string {
  return [...ancestorCodes(code), code]
    .filter((c) => c.length > 2 || c !== region)
    .map((c) => names.get(c) ?? c)
    .join(' ');
}

export async function namesFor(ctx: Ctx, rows: ArrivalRow[], extra: string[] = []): Promise<Map<string, string>> {
  const nodes = await ctx.nodes.get([...new Set([...rows.flatMap(codesOf), ...extra])]);
  return new Map([...nodes].map(([code, n]) => [code, n.name]));
}

export function toView(
  ctx: Ctx,
  r: ArrivalRow,
  names: Map<string, string>,
  now: Date,
  reveal = false,
): ArrivalView {
  const named = (code: string) => ({ code, name: names.get(code) ?? code });
  const visited = JSON.parse(r.visited) as Stay[];
  const path = destinationPath(r.dest_code, names, ctx.config.region);
  const stage = r.stage;
  return {
    id: r.id,
    clientId: r.client_id,
    person: {
      id: r.person_id,
      name: r.person_name,
      documentType: r.document_type,
      ...identifiers(ctx.crypto, r, reveal),
      ...demographics(ctx.crypto, r, reveal),
    },
    entryPoint: { id: r.entry_point_id, name: r.entry_point_name },
    transport: { mode: r.transport_mode, number: r.transport_number },
    arrivedAt: r.arrived_at,
    origin: named(r.origin_code),
    visited: visited.map((v) => ({ ...v, name: names.get(v.code) ?? v.code })),
    contactWithAffected: r.contact_with_affected === 1,
    contactNote: r.contact_note,
    healthCode: { color: r.health_code_color, raw: r.health_code_raw },
    temperature: r.temperature,
    abnormalTemperature: r.abnormal_temperature === 1,
    symptoms: JSON.parse(r.symptoms) as string[],
    destination: { ...named(r.dest_code), path, address: r.dest_address, compound: r.dest_compound },
    employer: r.employer_code ? named(r.employer_code) : null,
    disposition: r.disposition,
    reasons: JSON.parse(r.reasons) as string[],
    route: { first: named(r.route_first), second: r.route_second ? named(r.route_second) : null },
    stage,
    holder: r.holder_code ? named(r.holder_code) : null,
    stageSince: r.stage_since,
    overdue: isOverdue({ stage, stageSince: r.stage_since }, now, ctx.config.handoffOverdueMinutes),
    registeredAt: r.registered_at,
    registeredBy: { id: r.registered_by, name: r.registered_by_name },
  };
}

/** The first entry of every timeline: the registration itself, told by the arrival row. */
export function registrationEntry(r: { registered_at: string; registered_by_name: string }) {
  return { stage: 'registered' as const, unit: null, actorName: r.registered_by_name, at: r.registered_at };
}
