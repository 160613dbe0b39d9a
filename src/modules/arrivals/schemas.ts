import { Type, type Static } from '@fastify/type-provider-typebox';
import { StringEnum as literals } from '../../server/typebox';
import { DISPOSITIONS, DOCUMENT_TYPES, HEALTH_CODE_COLORS, STAGES, TRANSPORT_MODES } from '../../domain/enums';
import { DivisionCode, pageQuery } from '../../server/schemas';

const Code = DivisionCode();
const Day = Type.String({ format: 'date' });
const Named = Type.Object({ code: Type.String(), name: Type.String() });

export const NewArrival = Type.Object({
  clientId: Type.String({ format: 'uuid' }),
  person: Type.Object({
    documentType: literals(DOCUMENT_TYPES),
    documentNumber: Type.String({ minLength: 3, maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    phone: Type.String({ pattern: '^\\+?[0-9]{5,20}$' }),
  }),
  entryPointId: Type.String({ minLength: 1, maxLength: 64 }),
  transport: Type.Object({ mode: literals(TRANSPORT_MODES), number: Type.Optional(Type.String({ maxLength: 32 })) }),
  arrivedAt: Type.String({ format: 'date-time' }),
  originCode: Code,
  visited: Type.Array(Type.Object({ code: Code, from: Day, to: Day }), { maxItems: 50, default: [] }),
  contactWithAffected: Type.Boolean(),
  contactNote: Type.Optional(Type.String({ maxLength: 500 })),
  healthCode: Type.Object({ color: literals(HEALTH_CODE_COLORS), raw: Type.Optional(Type.String({ maxLength: 2000 })) }),
  temperature: Type.Number({ minimum: 30, maximum: 45 }),
  symptoms: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, default: [] }),
  destination: Type.Object({
    code: Code,
    address: Type.String({ minLength: 1, maxLength: 200 }),
    compound: Type.Optional(Type.String({ maxLength: 100 })),
  }),
  employerUnitId: Type.Optional(Code),
});
export type NewArrival = Static<typeof NewArrival>;

export const TimelineEntry = Type.Object({
  stage: literals(STAGES),
  unit: Type.Union([Named, Type.Null()]),
  actorName: Type.String(),
  at: Type.String(),
});

export const ArrivalView = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  person: Type.Object({
    id: Type.String(),
    name: Type.String(),
    documentType: Type.String(),
    documentNumber: Type.String({ description: 'masked unless revealed' }),
    phone: Type.Union([Type.String(), Type.Null()]),
    birthYear: Type.Union([Type.Integer(), Type.Null()]),
    birthDate: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'only when revealed' })),
    sex: Type.Union([Type.String(), Type.Null()]),
  }),
  entryPoint: Type.Object({ id: Type.String(), name: Type.String() }),
  transport: Type.Object({ mode: Type.String(), number: Type.Union([Type.String(), Type.Null()]) }),
  arrivedAt: Type.String(),
  origin: Named,
  visited: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), from: Type.String(), to: Type.String() })),
  contactWithAffected: Type.Boolean(),
  contactNote: Type.Union([Type.String(), Type.Null()]),
  healthCode: Type.Object({ color: Type.String(), raw: Type.Union([Type.String(), Type.Null()]) }),
  temperature: Type.Number(),
  abnormalTemperature: Type.Boolean(),
  symptoms: Type.Array(Type.String()),
  destination: Type.Object({
    code: Type.String(),
    name: Type.String(),
    path: Type.String({ description: 'names from the city down, space-separated' }),
    address: Type.String(),
    compound: Type.Union([Type.String(), Type.Null()]),
  }),
  employer: Type.Union([Named, Type.Null()]),
  disposition: literals(DISPOSITIONS),
  reasons: Type.Array(Type.String()),
  route: Type.Object({ first: Named, second: Type.Union([Named, Type.Null()]) }),
  stage: literals(STAGES),
  holder: Type.Union([Named, Type.Null()]),
  stageSince: Type.String(),
  overdue: Type.Boolean(),
  registeredAt: Type.String(),
  registeredBy: Type.Object({ id: Type.String(), name: Type.String() }),
  timeline: Type.Optional(Type.Array(TimelineEntry)),
});
export type ArrivalView = Static<typeof ArrivalView>;

export const ArrivalFilter = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'first report day (registered), inclusive' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'last report day, inclusive' })),
  entryPointId: Type.Optional(Type.String()),
  originCode: Type.Optional(Code),
  destCode: Type.Optional(DivisionCode({ description: 'destination subtree' })),
  stage: Type.Optional(literals(STAGES)),
  disposition: Type.Optional(literals(DISPOSITIONS)),
  abnormal: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  holder: Type.Optional(DivisionCode({ description: 'waiting for this unit' })),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'name, last 4 digits of phone, or document number' })),
  ...pageQuery({ default: 20, max: 200 }),
});
export type ArrivalFilter = Static<typeof ArrivalFilter>;
