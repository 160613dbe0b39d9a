import { Type, type Static } from '@fastify/type-provider-typebox';
import { SCREEN_TOKEN_DEFAULT_DAYS, SCREEN_TOKEN_MAX_DAYS, SCREEN_TOKEN_STATUSES } from '../../domain/screen-token';
import { StringEnum } from '../../server/typebox';
import { DivisionCode, List } from '../../server/schemas';

const Named = Type.Object({ code: Type.String(), name: Type.String() });
const UserRef = Type.Object({ id: Type.String(), displayName: Type.String() });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const NewScreenToken = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S', description: 'where the screen hangs, e.g. 指挥中心大屏1' }),
  jurisdiction: Type.Optional(DivisionCode({ description: "node whose dashboard the screen shows; default the issuer's, and must lie within it" })),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: SCREEN_TOKEN_MAX_DAYS, description: `default ${SCREEN_TOKEN_DEFAULT_DAYS}` })),
});
export type NewScreenToken = Static<typeof NewScreenToken>;

const viewProperties = {
  id: Type.String(),
  label: Type.String(),
  jurisdiction: Named,
  status: StringEnum(SCREEN_TOKEN_STATUSES),
  createdBy: UserRef,
  createdAt: Type.String(),
  expiresAt: NullableString,
  lastUsedAt: NullableString,
  revokedAt: NullableString,
  revokedBy: Type.Union([UserRef, Type.Null()]),
};

export const ScreenTokenView = Type.Object(viewProperties);
export type ScreenTokenView = Static<typeof ScreenTokenView>;

export const IssuedScreenToken = Type.Object({
  ...viewProperties,
  token: Type.String({ description: 'the token itself: shown this once, stored only as a hash' }),
  url: Type.String({ description: 'path that opens the screen on this token, e.g. /screen#token=fks_… (in the fragment, so it is never sent to a server or in a Referer)' }),
});
export type IssuedScreenToken = Static<typeof IssuedScreenToken>;

export const ScreenTokenList = List(ScreenTokenView);
export type ScreenTokenList = Static<typeof ScreenTokenList>;
