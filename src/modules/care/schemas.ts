import { Type, type Static } from '@fastify/type-provider-typebox';
import { CARE_GROUPS, CARE_NEEDS, CARE_TASK_STATUSES } from '../../domain/enums';
import { StringEnum, dateRange } from '../../server/typebox';
import { DivisionCode, Paged, pageQuery } from '../../server/schemas';

const Within = Type.Optional(DivisionCode({ description: "subtree of the persons' jurisdictions; default the caller's" }));
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Named = Type.Object({ code: Type.String(), name: Type.String() });
const UserRef = Type.Object({ id: Type.String(), displayName: Type.String() });
const Page = pageQuery({ default: 50, max: 500 });

export const PersonRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  documentNumber: Type.String({ description: 'masked' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'masked' }),
  jurisdiction: Named,
});

export const CareFlagsInput = Type.Object({
  groups: Type.Array(StringEnum(CARE_GROUPS), { maxItems: CARE_GROUPS.length * 2, description: '老弱病残孕 and children alone; empty groups and needs clear the flags' }),
  needs: Type.Array(StringEnum(CARE_NEEDS), { maxItems: CARE_NEEDS.length * 2 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type CareFlagsInput = Static<typeof CareFlagsInput>;

export const CareFlagView = Type.Object({
  person: PersonRef,
  groups: Type.Array(StringEnum(CARE_GROUPS)),
  needs: Type.Array(StringEnum(CARE_NEEDS)),
  note: NullableString,
  openTasks: Type.Integer(),
  overdueTasks: Type.Integer(),
  updatedAt: Type.String(),
});

export const CareFlagFilter = Type.Object({
  within: Within,
  group: Type.Optional(StringEnum(CARE_GROUPS)),
  need: Type.Optional(StringEnum(CARE_NEEDS)),
  ...Page,
});
export type CareFlagFilter = Static<typeof CareFlagFilter>;

export const CareFlagList = Paged(CareFlagView);

export const NewCareTask = Type.Object({
  clientId: Type.Optional(Type.String({ format: 'uuid', description: 'makes a retry return the first result instead of a second task' })),
  personId: Type.String({ maxLength: 64 }),
  title: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. 送降压药 (deliver blood-pressure medicine)' }),
  need: StringEnum(CARE_NEEDS),
  assigneeId: Type.Optional(Type.String({ maxLength: 64, description: 'a community staff user whose jurisdiction holds the person' })),
  dueAt: Type.String({ format: 'date-time', ...dateRange('plan') }),
});
export type NewCareTask = Static<typeof NewCareTask>;

export const CareTaskView = Type.Object({
  id: Type.String(),
  clientId: NullableString,
  person: PersonRef,
  title: Type.String(),
  need: StringEnum(CARE_NEEDS),
  assignee: Type.Union([UserRef, Type.Null()]),
  dueAt: Type.String(),
  status: StringEnum(CARE_TASK_STATUSES),
  overdue: Type.Boolean({ description: 'open and past due' }),
  createdBy: UserRef,
  createdAt: Type.String(),
  closedAt: NullableString,
  closedBy: Type.Union([UserRef, Type.Null()]),
  closeNote: Type.Union([Type.String(), Type.Null()], { description: 'completion note or cancellation reason' }),
});

export const CareTaskFilter = Type.Object({
  within: Within,
  status: Type.Optional(StringEnum(CARE_TASK_STATUSES)),
  overdue: Type.Optional(Type.Boolean({ description: 'true: open and past due; false: everything else' })),
  mine: Type.Optional(Type.Boolean({ description: 'only tasks assigned to the caller' })),
  personId: Type.Optional(Type.String({ maxLength: 64 })),
  ...Page,
});
export type CareTaskFilter = Static<typeof CareTaskFilter>;

export const CareTaskList = Paged(CareTaskView);

export const CompleteTask = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) });
export const CancelTask = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) });
