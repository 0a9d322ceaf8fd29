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
  status: Type.Union([
    Type.Literal('active'),
    Type.Literal('inactive'),
    Type.Literal('pending'),
    Type.Literal('rejected'),
  ]),
  confirmsUsers: Type.Boolean(),
  request: Type.Union([
    Type.Object({
      requestedBy: Type.Union([Type.String(), Type.Null()]),
      requestedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      decidedBy: Type.Union([Type.String(), Type.Null()]),
      decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      reason: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
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
    confirmsUsers: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UsersReply = Type.Object({ users: Type.Array(UserSchema) });
export const AuthorityReply = Type.Object({
  ...Authority.properties,
  cirIdentification: Type.Boolean({
    description:
      'Empowered by national law to identify persons through the common identity repository (2019/817 and 2019/818 art. 20(1)); police authorities only',
  }),
});
export const AuthoritiesReply = Type.Object({ authorities: Type.Array(AuthorityReply) });

export const AuthorityIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const UpdateAuthorityBody = Type.Object(
  { cirIdentification: Type.Boolean() },
  { additionalProperties: false },
);

export const UserIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const UpdateUserBody = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });

export const ConfirmationBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const UserRequestsReply = Type.Object({
  mayConfirm: Type.Boolean(),
  requests: Type.Array(UserSchema),
});

export const RolesReply = Type.Object({
  roles: Type.Array(
    Type.Object({
      authorityType: Type.Enum(AUTHORITY_TYPES),
      profile: Type.String(),
      permissions: Type.Array(Type.Enum(PERMISSIONS)),
      purposes: Type.Array(Type.Enum(PURPOSE_CODES)),
    }),
  ),
  permissions: Type.Array(Type.Enum(PERMISSIONS)),
});

export const RotationBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    revokeExisting: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const RotationReply = Type.Object({
  kid: Type.String(),
  rotatedAt: Type.String({ format: 'date-time' }),
  previousKeyValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedExisting: Type.Boolean(),
});
