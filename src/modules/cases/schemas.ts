import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import {
  CASE_CLASSIFICATIONS, CASE_EVENT_KINDS, CASE_FOUND_BY, CASE_ORIGINS, CASE_STATUSES, CLINICAL_TYPES, CONTACT_DEGREES, CONTACT_STATUSES,
  DOCUMENT_TYPES, EXPOSURE_SETTINGS, OPEN_CASE_STATUSES, TRANSPORT_MODES,
} from '../../domain/enums';
import { StringEnum } from '../../server/typebox';
import { DivisionCode, List, Paged, pageQuery } from '../../server/schemas';

const Code = DivisionCode();
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Named = Type.Object({ code: Type.String(), name: Type.String() });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Page = pageQuery({ default: 50, max: 500 });
const Within = Type.Optional(DivisionCode({ description: 'a jurisdiction subtree inside the caller’s; default the caller’s own' }));

export const PersonInput = Type.Object({
  documentType: StringEnum(DOCUMENT_TYPES),
  documentNumber: Type.String({ minLength: 3, maxLength: 32 }),
  name: Type.String({ minLength: 1, maxLength: 64 }),
  phone: Type.String({ pattern: '^\\+?[0-9]{5,20}$' }),
});

const PersonView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  documentType: Type.String(),
  documentNumber: Type.String({ description: 'masked unless revealed' }),
  phone: Nullable(Type.String({ description: 'masked unless revealed' })),
});

/** What a case report and a positive contact share. */
const CaseFacts = {
  classification: StringEnum(CASE_CLASSIFICATIONS),
  clinicalType: Type.Optional(StringEnum(CLINICAL_TYPES, { description: 'required for a confirmed case (轻型/普通型/重型/危重型)' })),
  firstPositiveAt: Type.String({ format: 'date-time', description: 'sampling time of the first positive test' }),
  onsetDate: Type.Optional(Type.String({ format: 'date', description: 'symptom onset (confirmed cases)' })),
  reportedAt: Type.Optional(Type.String({ format: 'date-time', description: 'default now' })),
  reportingUnit: Type.String({ minLength: 1, maxLength: 100, description: 'the hospital, lab or CDC that reports, e.g. 拉萨市人民医院' }),
  status: Type.Optional(StringEnum(OPEN_CASE_STATUSES, { description: 'default reported; a case reported by the hospital that admitted it is admitted' })),
  facility: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'where the case is isolated or treated' })),
};

export const NewCase = Type.Object({
  clientId: Type.String({ format: 'uuid', description: 'a retry with the same clientId returns the first result' }),
  person: PersonInput,
  communityCode: Type.Optional(Code),
  origin: StringEnum(CASE_ORIGINS),
  originCode: Type.Optional(DivisionCode({ description: 'where an imported case came from (division code); required when imported' })),
  foundBy: StringEnum(CASE_FOUND_BY),
  jurisdictionCode: Type.String({ minLength: 2, maxLength: 32, description: 'the jurisdiction the case counts for' }),
  sourceCaseId: Type.Optional(Id),
  ...CaseFacts,
});
export type NewCase = Static<typeof NewCase>;

export const PositiveContact = Type.Object({
  clientId: Type.String({ format: 'uuid' }),
  jurisdictionCode: Type.Optional(DivisionCode({ description: 'default the source case’s jurisdiction when it is the caller’s' })),
  ...CaseFacts,
});
export type PositiveContact = Static<typeof PositiveContact>;

export const CasePatch = Type.Object({
  classification: Type.Optional(StringEnum(['confirmed'] as const, { description: 'reclassify an asymptomatic infection (needs clinicalType)' })),
  clinicalType: Type.Optional(StringEnum(CLINICAL_TYPES)),
  status: Type.Optional(StringEnum(CASE_STATUSES)),
  facility: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  onsetDate: Type.Optional(Type.String({ format: 'date' })),
  sourceCaseId: Type.Optional(Id),
  at: Type.Optional(Type.String({ format: 'date-time', description: 'when it happened; default now' })),
}, { minProperties: 1 });
export type CasePatch = Static<typeof CasePatch>;

const CaseEvent = Type.Object({
  kind: StringEnum(CASE_EVENT_KINDS),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
  actorName: Type.String(),
  at: Type.String(),
});

export const CaseView = Type.Object({
  id: Type.String(),
  person: PersonView,
  classification: StringEnum(CASE_CLASSIFICATIONS),
  reportedClassification: StringEnum(CASE_CLASSIFICATIONS),
  clinicalType: Nullable(StringEnum(CLINICAL_TYPES)),
  origin: StringEnum(CASE_ORIGINS),
  originPlace: Nullable(Named),
  foundBy: StringEnum(CASE_FOUND_BY),
  reportedAt: Type.String(),
  reportingUnit: Type.String(),
  jurisdiction: Named,
  community: Nullable(Named),
  onsetDate: Nullable(Type.String()),
  firstPositiveAt: Type.String(),
  status: StringEnum(CASE_STATUSES),
  statusSince: Type.String(),
  controlledAt: Nullable(Type.String()),
  facility: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  reclassifiedAt: Nullable(Type.String()),
  sourceCaseId: Nullable(Type.String()),
  sourceContactId: Nullable(Type.String()),
  cluster: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  infectiousPeriod: Type.Object({ from: Type.String(), to: Nullable(Type.String({ description: 'null while not yet isolated or admitted' })) }),
  waitingMinutes: Nullable(Type.Integer({ description: 'minutes since the report while not yet isolated or admitted' })),
});
export type CaseView = Static<typeof CaseView>;

export const CaseDetail = Type.Object({
  ...CaseView.properties,
  events: Type.Array(CaseEvent),
  counts: Type.Object({ exposures: Type.Integer(), closeContacts: Type.Integer(), secondaryContacts: Type.Integer() }),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseReport = Type.Object({
  ...CaseDetail.properties,
  outcome: StringEnum(['created', 'retried', 'attached'] as const, { description: 'a new case; the answer to a retry (same clientId); or a second report attached to the open case' }),
});
export type CaseReport = Static<typeof CaseReport>;

export const CaseFilter = Type.Object({
  within: Within,
  classification: Type.Optional(StringEnum(CASE_CLASSIFICATIONS)),
  status: Type.Optional(StringEnum(CASE_STATUSES)),
  origin: Type.Optional(StringEnum(CASE_ORIGINS)),
  clusterId: Type.Optional(Id),
  from: Type.Optional(Type.String({ format: 'date', description: 'reported on or after this report day' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'reported on or before this report day' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'name prefix' })),
  ...Page,
});
export type CaseFilter = Static<typeof CaseFilter>;

export const CaseList = Paged(CaseView);

export const WaitingQuery = Type.Object({ within: Within, ...Page });
export type WaitingQuery = Static<typeof WaitingQuery>;
export const WaitingList = Type.Object({ ...Paged(CaseView).properties, oldestWaitingMinutes: Nullable(Type.Integer()) });

const Figures = Type.Object({
  confirmed: Type.Integer({ description: 'new confirmed cases (a case reclassified on its own report day counts here)' }),
  asymptomatic: Type.Integer({ description: 'new asymptomatic infections' }),
  reclassified: Type.Integer({ description: 'asymptomatic infections of earlier days reclassified as confirmed: not new infections' }),
  newInfections: Type.Integer({ description: 'confirmed + asymptomatic' }),
});
export const DailyQuery = Type.Object({ day: Type.Optional(Type.String({ format: 'date', description: 'report day; default today' })), within: Within });
export const DailyFigures = Type.Object({
  day: Type.String(),
  local: Figures,
  imported: Figures,
  current: Type.Object({
    reported: Type.Integer({ description: 'waiting for isolation or admission' }),
    isolated: Type.Integer(),
    admitted: Type.Integer(),
  }),
  cumulative: Type.Object({ cured_discharged: Type.Integer(), released: Type.Integer(), died: Type.Integer() }),
});

// ---- exposures and contacts ----

export const NewExposure = Type.Object({
  clientId: Type.String({ format: 'uuid' }),
  setting: StringEnum(EXPOSURE_SETTINGS),
  placeCode: Type.Optional(DivisionCode({ description: 'division code of the place; required unless transport' })),
  address: Type.String({ minLength: 1, maxLength: 200 }),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  transport: Type.Optional(Type.Object({
    mode: StringEnum(TRANSPORT_MODES),
    number: Type.String({ minLength: 1, maxLength: 32, description: 'flight or train number, plate' }),
    seat: Type.Optional(Type.String({ maxLength: 16, description: 'the case’s seat' })),
  })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type NewExposure = Static<typeof NewExposure>;

export const ExposureView = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  setting: StringEnum(EXPOSURE_SETTINGS),
  place: Nullable(Named),
  address: Type.String(),
  from: Type.String(),
  to: Type.String(),
  transport: Nullable(Type.Object({ mode: Type.String(), number: Type.String(), seat: Nullable(Type.String()) })),
  note: Nullable(Type.String()),
  contacts: Type.Object({ close: Type.Integer(), secondary: Type.Integer() }),
  createdAt: Type.String(),
});
export type ExposureView = Static<typeof ExposureView>;

export const NewContact = Type.Object({
  person: PersonInput,
  communityCode: Type.Optional(DivisionCode({ description: 'where the contact lives: their community or unit; required for home control' })),
  siteCode: Type.Optional(DivisionCode({ description: 'hotel or isolation site for centralised quarantine' })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  seat: Type.Optional(Type.String({ maxLength: 16 })),
  override: Type.Optional(Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200 }) }, { description: 'take a full site anyway (audited)' })),
});
export type NewContact = Static<typeof NewContact>;

export const ContactView = Type.Object({
  id: Type.String(),
  exposureId: Type.String(),
  caseId: Type.String(),
  caseJurisdiction: Named,
  degree: StringEnum(CONTACT_DEGREES),
  viaContactId: Nullable(Type.String()),
  person: PersonView,
  community: Nullable(Named),
  address: Nullable(Type.String()),
  seat: Nullable(Type.String()),
  observation: Nullable(Type.Object({
    id: Type.String(),
    status: Type.String(),
    kind: Type.String(),
    reason: Type.String(),
    unit: Named,
    endDay: Type.String(),
  })),
  status: StringEnum(CONTACT_STATUSES),
  positiveCaseId: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type ContactView = Static<typeof ContactView>;

export const ContactFilter = Type.Object({
  within: Within,
  caseId: Type.Optional(Id),
  exposureId: Type.Optional(Id),
  degree: Type.Optional(StringEnum(CONTACT_DEGREES)),
  status: Type.Optional(StringEnum(CONTACT_STATUSES)),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'name prefix' })),
  ...Page,
});
export type ContactFilter = Static<typeof ContactFilter>;
export const ContactList = Paged(ContactView);

export const ImportQuery = Type.Object({
  siteCode: Type.Optional(DivisionCode({ description: 'quarantine everyone on the list at this site; else each at home in their community' })),
  override: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'reason to take a full site anyway (audited)' })),
});
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportResult = Type.Object({
  exposureId: Type.String(),
  lines: Type.Integer({ description: 'lines read below the heading' }),
  created: Type.Integer({ description: 'new contacts' }),
  existing: Type.Integer({ description: 'already contacts of this exposure (a re-upload)' }),
  repeated: Type.Integer({ description: 'lines naming a person already named higher up' }),
  observationsOpened: Type.Integer(),
  observationsJoined: Type.Integer({ description: 'already under observation: the contact joins it' }),
  issues: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() })),
});

// ---- clusters and chains ----

export const ClusterQuery = Type.Object({ within: Within, minSize: Type.Integer({ minimum: 1, default: 2 }), ...Page });
export type ClusterQuery = Static<typeof ClusterQuery>;
export const ClusterView = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  size: Type.Integer({ description: 'cases in the cluster' }),
  contacts: Type.Integer(),
  firstReportedAt: Type.String(),
  lastReportedAt: Type.String(),
  firstPlace: Nullable(Type.Object({ code: Nullable(Type.String()), name: Nullable(Type.String()), address: Type.String() }, { description: 'the earliest exposure: a name to suggest' })),
});
export const ClusterList = List(ClusterView);

export const ChainQuery = Type.Object({ maxContacts: Type.Integer({ minimum: 0, maximum: 100_000, default: 2000, description: 'contacts drawn; the rest are counted on their place' }) });
export const ChainView = Type.Object({
  cluster: Type.Object({ id: Type.String(), name: Nullable(Type.String()), size: Type.Integer() }),
  nodes: Type.Array(Type.Object({
    id: Type.String(),
    kind: StringEnum(['case', 'place', 'contact'] as const),
    label: Nullable(Type.String({ description: 'null for a case of another jurisdiction' })),
    caseId: Type.Optional(Type.String()),
    contactId: Type.Optional(Type.String()),
    hidden: Type.Optional(Type.Boolean()),
    jurisdictionCode: Type.Optional(Type.String()),
    classification: Type.Optional(Type.String()),
    status: Type.Optional(Type.String()),
    reportedAt: Type.Optional(Type.String()),
    setting: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    contacts: Type.Optional(Type.Integer()),
    contactsShown: Type.Optional(Type.Integer()),
    degree: Type.Optional(Type.String()),
    positiveCaseId: Type.Optional(Nullable(Type.String())),
  })),
  edges: Type.Array(Type.Object({ source: Type.String(), target: Type.String(), kind: StringEnum(['infected', 'exposed', 'contact', 'secondary', 'became_case'] as const) })),
  contactsNotShown: Type.Integer(),
});
