// The desk form's values and the arrival request made of them; API error fields mapped back to form fields.
import type { Dayjs } from 'dayjs';
import type { DocumentType, HealthCodeColor, TransportMode } from '../../../../src/domain/enums';
import type { NewArrival } from '../../api/types';
import { personBody } from '../../components/PersonFields';

/** The top-level fields an API error may name. */
export const FIELDS = new Set(['person', 'transport', 'originCode', 'visited', 'contactWithAffected', 'contactNote', 'healthCode', 'temperature', 'symptoms', 'destination', 'employerUnitId']);

export interface DeskValues {
  healthCode: { color?: HealthCodeColor; raw?: string };
  person: { name?: string; documentType: DocumentType; documentNumber?: string; phone?: string };
  transport: { mode: TransportMode; number?: string };
  originCode?: string;
  destination: { code?: string; address?: string; compound?: string };
  temperature?: number;
  symptoms: string[];
  contactWithAffected: boolean;
  contactNote?: string;
  visited: { code?: string; range?: [Dayjs, Dayjs] }[];
  employerUnitId?: string;
}

export const INITIAL: DeskValues = {
  healthCode: {},
  person: { documentType: 'resident_id' },
  transport: { mode: 'flight' },
  destination: {},
  symptoms: [],
  contactWithAffected: false,
  visited: [],
};

/** "visited[0].to" -> ['visited', 0, 'range'] (the form keeps both dates in one range field). */
export function namePathOf(field: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  if (parts[0] === 'visited' && (parts[2] === 'from' || parts[2] === 'to')) parts[2] = 'range';
  return parts;
}

export function toRequest(v: DeskValues, entryPointId: string, attempt: { clientId: string; arrivedAt: string }): NewArrival {
  const scanned = v.healthCode.raw?.trim();
  return {
    clientId: attempt.clientId,
    person: personBody({ documentType: v.person.documentType, documentNumber: v.person.documentNumber ?? '', name: v.person.name ?? '', phone: v.person.phone ?? '' }),
    entryPointId,
    transport: { mode: v.transport.mode, ...(v.transport.number?.trim() ? { number: v.transport.number.trim() } : {}) },
    arrivedAt: attempt.arrivedAt,
    originCode: v.originCode!,
    visited: v.visited
      .filter((r) => r.code && r.range)
      .map((r) => ({ code: r.code!, from: r.range![0].format('YYYY-MM-DD'), to: r.range![1].format('YYYY-MM-DD') })),
    contactWithAffected: v.contactWithAffected,
    ...(v.contactWithAffected && v.contactNote?.trim() ? { contactNote: v.contactNote.trim() } : {}),
    healthCode: { color: v.healthCode.color!, ...(scanned ? { raw: scanned } : {}) },
    temperature: v.temperature!,
    symptoms: v.symptoms,
    destination: {
      code: v.destination.code!,
      address: (v.destination.address ?? '').trim(),
      ...(v.destination.compound?.trim() ? { compound: v.destination.compound.trim() } : {}),
    },
    ...(v.employerUnitId ? { employerUnitId: v.employerUnitId } : {}),
  };
}
