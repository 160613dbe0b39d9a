import { Type, type Static } from '@fastify/type-provider-typebox';
import { StringEnum } from '../../server/typebox';
import { CASE_CLASSIFICATIONS, CASE_STATUSES, DISPOSITIONS, STAGES } from '../../domain/enums';
import { DUPLICATE_RULES } from '../../domain/duplicates';
import { TimelineEntry } from '../arrivals';
import { Paged, pageQuery } from '../../server/schemas';

const Named = Type.Object({ code: Type.String(), name: Type.String() });
const Text = Type.Union([Type.String(), Type.Null()]);

export const PersonSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  documentType: Type.String(),
  documentNumber: Type.String({ description: 'masked' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'masked' }),
  birthYear: Type.Union([Type.Integer(), Type.Null()], { description: 'the birth date only with the full number (reveal): beside a masked number it would give the number back' }),
  sex: Text,
  jurisdictionCode: Type.String(),
  jurisdictionName: Type.String(),
  lastArrivalAt: Type.Union([Type.String(), Type.Null()], { description: 'latest arrival the caller may see' }),
});
export type PersonSummary = Static<typeof PersonSummary>;

export const PersonFilter = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 64, description: 'name (prefix), last 4 digits of the phone, or a full document number' })),
  compound: Type.Optional(Type.String({ maxLength: 100, description: 'residential compound (小区) of an arrival, prefix' })),
  ...pageQuery({ default: 20, max: 200 }),
});
export type PersonFilter = Static<typeof PersonFilter>;

export const PersonList = Paged(PersonSummary);

const ArrivalEntry = Type.Object({
  id: Type.String(),
  registeredAt: Type.String(),
  arrivedAt: Type.String(),
  entryPoint: Type.Object({ id: Type.String(), name: Type.String() }),
  transport: Type.Object({ mode: Type.String(), number: Text }),
  origin: Named,
  visited: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), from: Type.String(), to: Type.String() })),
  contactWithAffected: Type.Boolean(),
  contactNote: Text,
  temperature: Type.Number(),
  abnormalTemperature: Type.Boolean(),
  healthCodeColor: Type.String(),
  destination: Type.Object({ code: Type.String(), name: Type.String(), address: Type.String(), compound: Text }),
  disposition: StringEnum(DISPOSITIONS),
  stage: StringEnum(STAGES),
  timeline: Type.Array(TimelineEntry),
});

const ObservationEntry = Type.Object({
  id: Type.String(),
  arrivalId: Text,
  reason: Type.String(),
  kind: Type.String(),
  unit: Named,
  community: Type.Union([Named, Type.Null()]),
  status: Type.String(),
  startDay: Type.String(),
  handoffDay: Text,
  endDay: Type.String(),
  endedAt: Text,
  endReason: Text,
  checks: Type.Array(Type.Object({
    id: Type.String(),
    takenAt: Type.String(),
    reportDay: Type.String(),
    slot: Type.Integer(),
    temperature: Type.Number(),
    symptoms: Type.Array(Type.String()),
    abnormal: Type.Boolean(),
  })),
  alerts: Type.Array(Type.Object({
    id: Type.String(),
    checkId: Type.String(),
    status: Type.String(),
    openedAt: Type.String(),
    resolution: Text,
    outcome: Text,
    closedAt: Text,
  })),
});

export const PersonRecord = Type.Object({
  id: Type.String(),
  name: Type.String(),
  documentType: Type.String(),
  documentNumber: Type.String({ description: 'masked; POST /api/persons/{id}/reveal shows it (audited)' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'masked' }),
  birthYear: Type.Union([Type.Integer(), Type.Null()], { description: 'the birth date only with the full number (reveal): beside a masked number it would give the number back' }),
  sex: Text,
  residence: Type.Object({ code: Type.String(), name: Type.String(), path: Type.Array(Named, { description: 'from the city down' }) }),
  arrivals: Type.Array(ArrivalEntry, { description: 'newest first; only those inside the caller’s jurisdiction' }),
  observations: Type.Array(ObservationEntry, { description: 'newest first; only those inside the caller’s jurisdiction' }),
  cases: Type.Array(Type.Object({
    id: Type.String(),
    classification: StringEnum(CASE_CLASSIFICATIONS),
    status: StringEnum(CASE_STATUSES),
    reportedAt: Type.String(),
    jurisdiction: Named,
    clusterId: Type.String(),
    linkedCaseId: Type.Union([Type.String(), Type.Null()], { description: 'status linked: the case on record it was linked to (协查)' }),
  }), { description: 'newest first; only those inside the caller’s jurisdiction' }),
  mergedFrom: Type.Array(Type.Object({
    mergeId: Type.String(),
    mergedAt: Type.String(),
    person: Type.Object({ id: Type.String(), name: Type.String(), documentType: Type.String(), documentNumber: Type.String({ description: 'masked' }) }),
  }), { description: 'persons merged into this one (undo with POST /api/persons/merges/{mergeId}/undo)' }),
});
export type PersonRecord = Static<typeof PersonRecord>;

export const DuplicateList = Type.Object({
  groups: Type.Array(Type.Object({
    rule: StringEnum(DUPLICATE_RULES, { description: 'name_birth_date: same normalised name and birth date; phone: same phone' }),
    persons: Type.Array(PersonSummary, { description: 'oldest record first' }),
  })),
});

export const MergeRequest = Type.Object({
  survivorId: Type.String({ maxLength: 64, description: 'the person who keeps every record' }),
  mergedId: Type.String({ maxLength: 64, description: 'the person merged away; their row stays, flagged' }),
});

export const MergeView = Type.Object({
  id: Type.String(),
  survivorId: Type.String(),
  mergedId: Type.String(),
  moved: Type.Record(Type.String(), Type.Integer(), { description: 'rows moved per table' }),
  mergedAt: Type.String(),
  undoneAt: Text,
});
export type MergeView = Static<typeof MergeView>;

export const PersonError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  survivorId: Type.Optional(Type.String({ description: 'with code "merged": the person this one was merged into' })),
});
