import { Type } from '@fastify/type-provider-typebox';
import { ROLES } from '../../domain/enums';
import { StringEnum } from '../../server/typebox';

export const RoleSchema = StringEnum(ROLES);

export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  jurisdictionCode: Type.String(),
  canReveal: Type.Boolean(),
  disabled: Type.Optional(Type.Boolean()),
  jurisdictionName: Type.Optional(Type.String()),
  createdAt: Type.Optional(Type.String()),
  /** The password was set by an administrator and must be changed before anything else. */
  mustChangePassword: Type.Optional(Type.Boolean()),
});
