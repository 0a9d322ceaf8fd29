import { Type, type Static } from 'typebox';
import { AUTHORITY_TYPES, PERMISSIONS, PURPOSE_CODES } from './model.ts';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

const Authority = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.Enum(AUTHORITY_TYPES),
  memberState: Type.String(),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  active: Type.Boolean(),
  authority: Authority,
  permissions: Type.Array(Type.Enum(PERMISSIONS)),
  purposes: Type.Array(Type.Enum(PURPOSE_CODES)),
});

export const LoginReply = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  user: UserSchema,
});

export const PurposesReply = Type.Object({
  purposes: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
});

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    authorityId: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UsersReply = Type.Object({ users: Type.Array(UserSchema) });
export const AuthoritiesReply = Type.Object({ authorities: Type.Array(Authority) });
