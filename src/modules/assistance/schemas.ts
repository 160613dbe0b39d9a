import { Type, type Static } from '@fastify/type-provider-typebox';
import { ASSISTANCE_KINDS, ASSISTANCE_STATUSES } from '../../domain/enums';
import { StringEnum } from '../../server/typebox';
import { Paged, pageQuery } from '../../server/schemas';

const Named = Type.Object({ code: Type.String(), name: Type.String() });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const AssistanceFilter = Type.Object({
  status: Type.Optional(StringEnum(['open', 'decided'] as const, { description: 'open (default) or decided' })),
  kind: Type.Optional(StringEnum(ASSISTANCE_KINDS)),
  ...pageQuery({ default: 20, max: 200 }),
});
export type AssistanceFilter = Static<typeof AssistanceFilter>;

const IdentityValues = Type.Object({
  name: Type.Optional(Type.String()),
  phone: Type.Optional(NullableString),
  residence: Type.Optional(Named),
}, { description: 'only the fields given differently; phones masked' });

export const AssistanceView = Type.Object({
  id: Type.String(),
  kind: StringEnum(ASSISTANCE_KINDS, { description: 'identity: other values given for a person you hold; case: a case reported elsewhere for a person with an open case of yours; contact: a contact traced elsewhere who is an open case of yours' }),
  status: StringEnum(ASSISTANCE_STATUSES),
  person: Type.Object({
    id: Type.String(),
    name: Type.String(),
    documentType: Type.String(),
    documentNumber: Type.String({ description: 'masked' }),
    phone: Type.Union([Type.String(), Type.Null()], { description: 'masked' }),
    residence: Named,
  }),
  requester: Type.Object({ jurisdiction: Named, userName: Type.String() }),
  proposed: Type.Union([IdentityValues, Type.Null()]),
  previous: Type.Union([IdentityValues, Type.Null()]),
  targetCaseId: NullableString,
  createdAt: Type.String(),
  decidedAt: NullableString,
  note: NullableString,
});
export type AssistanceView = Static<typeof AssistanceView>;

export const AssistanceList = Paged(AssistanceView);

export const AssistanceDecision = Type.Object({
  decision: StringEnum(['accept', 'link', 'reject'] as const, {
    description: 'accept: take the proposed identity values (identity); link: the report is about your open case (case, contact); reject: not the same person or not correct',
  }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type AssistanceDecision = Static<typeof AssistanceDecision>;
