import { Type, type Static } from '@fastify/type-provider-typebox';
import { DIVISION_LEVELS, ENTRY_POINT_KINDS, UNIT_KINDS } from '../../domain/enums';
import { StringEnum } from '../../server/typebox';
import { DivisionCode } from '../../server/schemas';

const Code = DivisionCode({ description: 'division code, or unit code such as 540102U001' });
export const CodeParams = Type.Object({ code: Code });
const NullableString = Type.Union([Type.String(), Type.Null()]);

const LEVELS = [...DIVISION_LEVELS, 'unit'] as const;
const LEVEL = LEVELS.join('|');

export const NodeView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: StringEnum(LEVELS),
  kind: Type.String({ description: "'division' or a unit kind" }),
  parentCode: NullableString,
  hasChildren: Type.Boolean(),
  rooms: Type.Union([Type.Integer(), Type.Null()]),
  hotelCode: NullableString,
  active: Type.Boolean(),
});

/** A node with where it lies as display text ("拉萨市 城关区 八廓街道"). */
export const PlacedNode = Type.Object({ ...NodeView.properties, path: Type.String() });

export const NodeDetail = Type.Object({
  ...NodeView.properties,
  path: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }), { description: 'from the province down to the node itself' }),
});

export const JurisdictionQuery = Type.Object({
  parent: Type.Optional(Code),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'name substring; when given, the answer is a search' })),
  within: Type.Optional(Code),
  levels: Type.Optional(Type.String({ pattern: `^(${LEVEL})(,(${LEVEL}))*$`, description: 'comma-separated, e.g. town,community' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'search only' }),
});
export type JurisdictionQuery = Static<typeof JurisdictionQuery>;

export const JurisdictionList = Type.Array(Type.Object({ ...NodeView.properties, path: Type.Optional(Type.String({ description: 'search results only' })) }));

export const EntryPointView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: StringEnum(ENTRY_POINT_KINDS),
  jurisdictionCode: Type.String(),
  jurisdictionName: Type.String(),
  active: Type.Boolean(),
});

const EntryPointName = Type.String({ minLength: 1, maxLength: 64 });

export const NewEntryPoint = Type.Object({ name: EntryPointName, kind: StringEnum(ENTRY_POINT_KINDS), jurisdictionCode: Code });
export type NewEntryPoint = Static<typeof NewEntryPoint>;

export const EntryPointPatch = Type.Object({
  name: Type.Optional(EntryPointName),
  kind: Type.Optional(StringEnum(ENTRY_POINT_KINDS)),
  jurisdictionCode: Type.Optional(Code),
  active: Type.Optional(Type.Boolean()),
});
export type EntryPointPatch = Static<typeof EntryPointPatch>;

const UnitName = Type.String({ minLength: 1, maxLength: 64 });
const Rooms = Type.Integer({ minimum: 1, maximum: 100_000, description: 'hotel and isolation_site only, where it is required' });
const HotelCode = DivisionCode({ description: 'designated observation hotel (a hotel or isolation_site unit); agency, enterprise and economic_zone only' });

export const UnitQuery = Type.Object({
  parent: Type.Optional(DivisionCode({ description: "default: the caller's jurisdiction" })),
  kind: Type.Optional(StringEnum(UNIT_KINDS)),
  includeInactive: Type.Boolean({ default: false }),
});
export type UnitQuery = Static<typeof UnitQuery>;

export const NewUnit = Type.Object({
  parentCode: Code,
  name: UnitName,
  kind: StringEnum(UNIT_KINDS),
  rooms: Type.Optional(Rooms),
  hotelCode: Type.Optional(HotelCode),
});
export type NewUnit = Static<typeof NewUnit>;

export const UnitPatch = Type.Object({
  name: Type.Optional(UnitName),
  rooms: Type.Optional(Rooms),
  hotelCode: Type.Optional(Type.Union([HotelCode, Type.Null()], { description: 'null clears it' })),
  active: Type.Optional(Type.Boolean()),
});
export type UnitPatch = Static<typeof UnitPatch>;
