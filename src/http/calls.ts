import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../contexts/access/index.ts';
import type { Call, WriteCall } from '../platform/calls.ts';
import { parseIdempotencyKey } from '../platform/writes.ts';
import { PurposeHeader } from './schemas.ts';
import { PURPOSE_HEADER } from './types.ts';

/** An optional `Idempotency-Key` (a public write route's only header). */
export const IdempotencyHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String()) });

/** The headers of a write route: the purpose, and an optional `Idempotency-Key`. */
export const WriteHeaders = Type.Intersect([PurposeHeader, IdempotencyHeader]);

/** The use case's first argument from an authenticated request: who asks, why, under which request id. */
export function callOf(request: FastifyRequest): Call<Actor> {
  const purpose = request.headers[PURPOSE_HEADER];
  return {
    actor: request.actor!,
    purpose: typeof purpose === 'string' ? purpose : null,
    requestId: request.id,
  };
}

/** {@link callOf} for a write, with its idempotency key. */
export function writeCallOf(request: FastifyRequest): WriteCall<Actor> {
  return { ...callOf(request), idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']) };
}

/** Sends a write's result with its status, saying so in a header when it is the replay of an earlier one. */
export function sendWritten<T>(
  reply: FastifyReply,
  result: { value: T; replayed: boolean },
  status = 201,
): FastifyReply {
  if (result.replayed) {
    void reply.header('idempotent-replayed', 'true');
  }
  return reply.status(status).send(result.value);
}
