import { Type, type Static } from '@fastify/type-provider-typebox';
import { ALERT_RESOLUTIONS, ALERT_STATUSES, DOCUMENT_TYPES, OBSERVATION_KINDS, OBSERVATION_STATUSES } from '../../domain/enums';
import { StringEnum, dateRange } from '../../server/typebox';
import { DivisionCode, pageQuery } from '../../server/schemas';


const Named = Type.Object({ code: Type.String(), name: Type.String() });

/** Taking a person into a full site: allowed with a reason, and audited. */
export const RoomOverride = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200 }) });
export const RoomChoice = Type.Object({ roomId: Type.Optional(Type.String({ maxLength: 64 })), override: Type.Optional(RoomOverride) });

export const ObservationView = Type.Object({
  id: Type.String(),
  person: Type.Object({
    id: Type.String(),
    name: Type.String(),
    documentNumber: Type.String({ description: 'masked' }),
    phone: Type.Union([Type.String(), Type.Null()], { description: 'masked' }),
  }),
  arrivalId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  kind: StringEnum(OBSERVATION_KINDS),
  unit: Named,
  community: Type.Union([Named, Type.Null()]),
  pendingUnit: Type.Union([Named, Type.Null()], { description: 'a hand-off waiting for this unit to receive' }),
  status: StringEnum(OBSERVATION_STATUSES),
  startAt: Type.String(),
  startDay: Type.String(),
  handoffDay: Type.Union([Type.String(), Type.Null()]),
  endDay: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  endReason: Type.Union([Type.String(), Type.Null()]),
  todaySlots: Type.Array(Type.Integer(), { description: "slots of today's checks already entered" }),
  missing: Type.Integer({ description: 'required checks missing since the start' }),
  openAlerts: Type.Integer(),
  releaseBlockers: Type.Array(Type.String(), { description: 'empty when the person may be released now' }),
});
export type ObservationView = Static<typeof ObservationView>;

export const ObservationFilter = Type.Object({
  unit: Type.Optional(DivisionCode({ description: 'responsible unit subtree; default the caller’s' })),
  status: Type.Optional(StringEnum(OBSERVATION_STATUSES)),
  due: Type.Optional(StringEnum(['today'] as const, { description: 'due for release today or earlier' })),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'name prefix' })),
  ...pageQuery({ default: 100, max: 1000 }),
});
export type ObservationFilter = Static<typeof ObservationFilter>;

export const NewObservation = Type.Object({
  clientId: Type.String({ format: 'uuid' }),
  person: Type.Object({
    documentType: StringEnum(DOCUMENT_TYPES),
    documentNumber: Type.String({ minLength: 3, maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    phone: Type.String({ pattern: '^\\+?[0-9]{5,20}$' }),
  }),
  reason: Type.String({ maxLength: 40, default: 'community_check', description: 'a policy reason (GET /observations/policies), e.g. community_check (排查)' }),
  communityCode: Type.String({ description: 'the community the person lives in' }),
  siteCode: Type.Optional(DivisionCode({ description: 'observation site for centralised observation' })),
  startAt: Type.Optional(Type.String({ format: 'date-time', ...dateRange('observation_start') })),
  roomId: Type.Optional(Type.String({ maxLength: 64 })),
  override: Type.Optional(RoomOverride),
});
export type NewObservation = Static<typeof NewObservation>;

export const CheckBatch = Type.Object({
  checks: Type.Array(
    Type.Object({
      clientId: Type.String({ format: 'uuid' }),
      observationId: Type.String({ maxLength: 64 }),
      takenAt: Type.String({ format: 'date-time' }),
      temperature: Type.Number({ minimum: 30, maximum: 45 }),
      symptoms: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, default: [] }),
    }),
    { minItems: 1, maxItems: 2000 },
  ),
});
export type CheckBatch = Static<typeof CheckBatch>;

export const AlertView = Type.Object({
  id: Type.String(),
  observationId: Type.String(),
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  unit: Named,
  status: StringEnum(ALERT_STATUSES),
  temperature: Type.Number(),
  symptoms: Type.Array(Type.String()),
  takenAt: Type.String(),
  openedAt: Type.String(),
  resolution: Type.Union([StringEnum(ALERT_RESOLUTIONS), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Type.String(), Type.Null()]),
});

export const ClosedAlert = Type.Object({ id: Type.String(), status: Type.Literal('closed'), resolution: StringEnum(ALERT_RESOLUTIONS), outcome: Type.String() });

/** Per slot of the day whose deadline passed: how many observations have no check, and the first of them. */
export const MissingChecks = Type.Object({
  day: Type.String({ format: 'date' }),
  slots: Type.Array(Type.Object({
    slot: Type.Integer(),
    deadline: Type.String(),
    missing: Type.Integer(),
    items: Type.Array(Type.Object({ observationId: Type.String(), unitCode: Type.String(), name: Type.Union([Type.String(), Type.Null()]) })),
  })),
});
