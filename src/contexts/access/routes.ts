import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../http/types.ts';
import { parseIdempotencyKey } from '../../platform/writes.ts';
import { PURPOSES } from './model.ts';
import {
  AuthoritiesReply,
  AuthorityIdParams,
  AuthorityReply,
  ConfirmationBody,
  CreateUserBody,
  LoginBody,
  LoginReply,
  PurposesReply,
  RolesReply,
  RotationBody,
  RotationReply,
  UpdateAuthorityBody,
  UpdateUserBody,
  UserIdParams,
  UserRequestsReply,
  UserSchema,
  UsersReply,
} from './schemas.ts';
import type { AccessService } from './service.ts';
import { Type } from 'typebox';

export function accessRoutes(deps: { access: AccessService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { access } = deps;

    app.post(
      '/api/v1/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['access'],
          summary: 'Log in with a user name and password; returns a short-lived bearer token',
          body: LoginBody,
          response: { 200: LoginReply, ...errorResponses(401) },
        },
      },
      async (request) => access.login({ ...request.body, requestId: request.id }),
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['access'],
          summary: 'End this session: the bearer token is refused from now on',
          response: { 204: Type.Null(), ...errorResponses(401) },
        },
      },
      async (request, reply) => {
        const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
        await access.logout({ actor: request.actor!, token, requestId: request.id });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['access'],
          summary: 'The logged-in user',
          response: { 200: UserSchema, ...errorResponses(401) },
        },
      },
      async (request) => access.me(request.actor!),
    );

    app.get(
      '/api/v1/access/purposes',
      {
        // A constant list that touches no data: the only public API route without a per-client limit.
        config: { access: 'public', rateLimit: false },
        schema: {
          tags: ['access'],
          summary: 'The closed list of access purposes',
          response: { 200: PurposesReply, ...errorResponses() },
        },
      },
      () => Promise.resolve({ purposes: Object.entries(PURPOSES).map(([code, label]) => ({ code, label })) }),
    );

    app.get(
      '/api/v1/access/authorities',
      {
        config: { access: { permission: 'reference:read' } },
        schema: {
          tags: ['access'],
          summary: 'Authorities known to this installation',
          response: { 200: AuthoritiesReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({ authorities: await access.listAuthorities(request.actor!) }),
    );

    app.patch(
      '/api/v1/access/authorities/:id',
      {
        config: { access: { permission: 'users:manage', purpose: 'required' } },
        schema: {
          tags: ['access'],
          summary:
            'Record whether national law empowers a police authority to identify persons through the CIR (2019/817 and 2019/818 art. 20(1))',
          headers: PurposeHeader,
          params: AuthorityIdParams,
          body: UpdateAuthorityBody,
          response: { 200: AuthorityReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        access.setCirIdentification({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          authorityId: request.params.id,
          cirIdentification: request.body.cirIdentification,
          requestId: request.id,
        }),
    );

    app.get(
      '/api/v1/access/users',
      {
        config: { access: { permission: 'users:read', purpose: 'required' } },
        schema: {
          tags: ['access'],
          summary: 'List users',
          headers: PurposeHeader,
          response: { 200: UsersReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({
        users: await access.listUsers({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          requestId: request.id,
        }),
      }),
    );

    app.post(
      '/api/v1/access/users',
      {
        config: { access: { permission: 'users:manage', purpose: 'required' } },
        schema: {
          tags: ['access'],
          summary: 'Add a user to an authority (administrators); accepts an Idempotency-Key',
          headers: Type.Intersect([
            PurposeHeader,
            Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
          ]),
          body: CreateUserBody,
          response: { 201: UserSchema, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { user, replayed } = await access.createUser({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          user: request.body,
          idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
          requestId: request.id,
        });
        if (replayed) {
          void reply.header('idempotent-replayed', 'true');
        }
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/api/v1/access/users/:id',
      {
        config: { access: { permission: 'users:manage', purpose: 'required' } },
        schema: {
          tags: ['access'],
          summary:
            "Deactivate or reactivate a user of your own authority; a deactivated user's tokens stop working at once",
          headers: PurposeHeader,
          params: UserIdParams,
          body: UpdateUserBody,
          response: { 200: UserSchema, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        access.setUserActive({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          userId: request.params.id,
          active: request.body.active,
          requestId: request.id,
        }),
    );

    app.get(
      '/api/v1/access/user-requests',
      {
        // Administrators and the designated confirmers of any authority: decided in the use case.
        config: { access: 'authenticated' },
        schema: {
          tags: ['access'],
          summary:
            "Users requested for your authority by another authority's administrator, awaiting confirmation",
          response: { 200: UserRequestsReply, ...errorResponses(401) },
        },
      },
      async (request) => access.listUserRequests(request.actor!),
    );

    app.post(
      '/api/v1/access/users/:id/confirmation',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['access'],
          summary:
            'Confirm or reject a user requested for your authority (its administrators or designated confirmers; never the requester)',
          params: UserIdParams,
          body: ConfirmationBody,
          response: { 200: UserSchema, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        access.decideUserRequest({
          actor: request.actor!,
          userId: request.params.id,
          decision: request.body.decision,
          reason: request.body.reason ?? null,
          requestId: request.id,
        }),
    );

    app.get(
      '/api/v1/access/roles',
      {
        config: { access: { permission: 'users:read' } },
        schema: {
          tags: ['access'],
          summary: 'What each authority type may do: permissions and purposes of its profile (read-only)',
          response: { 200: RolesReply, ...errorResponses(401, 403) },
        },
      },
      (request) => Promise.resolve(access.listRoles(request.actor!)),
    );

    app.post(
      '/api/v1/access/token-secret/rotation',
      {
        config: { access: { permission: 'users:manage', purpose: 'required' } },
        schema: {
          tags: ['access'],
          summary:
            'Rotate the token signing key: tokens already issued stay valid until they expire, or, with revokeExisting, are refused at once',
          headers: PurposeHeader,
          body: RotationBody,
          response: { 200: RotationReply, ...errorResponses(401, 403, 409) },
        },
      },
      async (request) =>
        access.rotateTokenSecret({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          reason: request.body.reason,
          revokeExisting: request.body.revokeExisting ?? false,
          requestId: request.id,
        }),
    );
    return Promise.resolve();
  };
}
