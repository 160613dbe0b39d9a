import { Type, type Static } from '@fastify/type-provider-typebox';
import { SITE_KINDS } from '../../domain/enums';
import { StringEnum } from '../../server/typebox';
import { DivisionCode } from '../../server/schemas';


export const SiteParams = Type.Object({ code: DivisionCode({ description: 'site unit code, e.g. 540102U003' }) });
export const SiteQuery = Type.Object({
  within: Type.Optional(DivisionCode({ description: "subtree to list; default the caller's jurisdiction" })),
});
export type SiteQuery = Static<typeof SiteQuery>;

export const SiteView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(SITE_KINDS),
  declaredRooms: Type.Union([Type.Integer(), Type.Null()], { description: 'room count declared on the unit' }),
  definedRooms: Type.Integer({ description: 'rooms entered with their numbers (in service or not)' }),
  capacity: Type.Integer({ description: 'beds: active rooms’ capacities, or the declared room count when no rooms are defined' }),
  occupied: Type.Integer({ description: 'people under active observation at the site now' }),
  free: Type.Integer(),
});

export const RoomView = Type.Object({
  id: Type.String(),
  siteCode: Type.String(),
  number: Type.String(),
  capacity: Type.Integer(),
  active: Type.Boolean(),
  occupants: Type.Integer(),
  free: Type.Integer(),
});

const RoomNumber = Type.String({ minLength: 1, maxLength: 20, pattern: '^\\S(.*\\S)?$', description: 'e.g. 101, A1203, 东楼2层05' });
const Capacity = Type.Integer({ minimum: 1, maximum: 50, description: 'beds' });

export const NewRooms = Type.Object({
  rooms: Type.Array(Type.Object({ number: RoomNumber, capacity: Capacity }), { minItems: 1, maxItems: 1000 }),
});
export type NewRooms = Static<typeof NewRooms>;

export const RoomPatch = Type.Object({
  capacity: Type.Optional(Capacity),
  active: Type.Optional(Type.Boolean({ description: 'false takes an empty room out of service' })),
});
export type RoomPatch = Static<typeof RoomPatch>;

const Override = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, description: 'why the site may take more people than it has beds (audited)' }) },
  { description: 'assign even when the room or site is full' },
);

export const RoomMove = Type.Object({
  roomId: Type.Optional(Type.String({ maxLength: 64, description: 'default: the first other room with a free bed' })),
  override: Type.Optional(Override),
});
export type RoomMove = Static<typeof RoomMove>;

export const AssignedRoomView = Type.Object({
  observationId: Type.String(),
  siteCode: Type.String(),
  roomId: Type.Union([Type.String(), Type.Null()]),
  roomNumber: Type.Union([Type.String(), Type.Null()]),
  overCapacity: Type.Boolean({ description: 'true when placed by an override' }),
});
