import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Type } from 'typebox';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { findBadText, INVALID_TEXT } from '../../http/text.ts';
import { PURPOSE_HEADER } from '../../http/types.ts';
import { invalid, isAppError } from '../../platform/errors.ts';
import { parseSort } from '../../platform/sorting.ts';
import { parseIdempotencyKey } from '../../platform/writes.ts';
import { HUB_HIT_SORT_FIELDS } from './repository.ts';
import { HUBS_ERRORS } from './errors.ts';
import type { HubHit } from './model.ts';
import {
  BatchBody,
  DeskUsersReply,
  HitActionBody,
  HitEvent,
  HitParams,
  HitsQuery,
  HitsReply,
  HubBody,
  HubParams,
  HubReply,
  HubsReply,
  IngestReply,
  LiveQuery,
  PortCallBody,
  PortCallParams,
  PortCallReply,
  PortCallsQuery,
  PortCallsReply,
} from './schemas.ts';
import type { HubsService } from './service.ts';
import { MAX_BATCH } from './validate.ts';

const tags = ['hubs'];
const WriteHeaders = Type.Intersect([
  PurposeHeader,
  Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
]);
/** A stream line longer than this is refused (a read is a few hundred bytes). */
const MAX_LINE = 16 * 1024;
/** A live feed whose client has not taken this much is dropped rather than buffered without bound. */
const MAX_UNSENT = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

function call(request: FastifyRequest) {
  return {
    actor: request.actor!,
    purpose: (request.headers[PURPOSE_HEADER] as string | undefined) ?? null,
    requestId: request.id,
  };
}

/**
 * The batch body is documented with the full read schema but checked by the hub service, so that every
 * invalid read comes back as HUBS_READ_INVALID with its index; params and headers are validated as usual.
 */
function bodyCheckedByService(): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv({ coerceTypes: 'array', useDefaults: true, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ({ schema, httpPart }) => (httpPart === 'body' ? () => true : ajv.compile(schema as object));
}

function sse(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Splits a byte stream into NDJSON lines, one group per chunk received. The consumer awaits each group
 * before the next chunk is read, so a busy matcher stops the socket being read (TCP back-pressure reaches
 * the camera system); at most one chunk plus one partial line is held.
 */
async function* lineGroups(
  stream: Readable,
): AsyncGenerator<{ lines: Array<{ line: number; text: string }>; tooLong: boolean }> {
  stream.setEncoding('utf8');
  let partial = '';
  let n = 0;
  for await (const chunk of stream) {
    const parts = (partial + (chunk as string)).split('\n');
    partial = parts.pop() ?? '';
    const lines = parts.map((text) => ({ line: ++n, text })).filter((l) => l.text.trim() !== '');
    if (partial.length > MAX_LINE || lines.some((l) => l.text.length > MAX_LINE)) {
      yield { lines: [], tooLong: true };
      return;
    }
    yield { lines, tooLong: false };
  }
  if (partial.trim() !== '') {
    yield { lines: [{ line: ++n, text: partial }], tooLong: false };
  }
}

/** The hubs API: thin adapters over {@link HubsService}. */
export function hubsRoutes(deps: { hubs: HubsService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { hubs } = deps;
    // Long-lived responses (live feeds, read streams) are ended when the server closes.
    const open = new Set<ServerResponse>();
    app.addHook('preClose', (done) => {
      for (const raw of open) {
        raw.end();
        raw.socket?.destroy();
      }
      done();
    });
    // The continuous read stream: the body is handed over unread, as a stream.
    app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => {
      done(null, payload);
    });

    app.get(
      '/api/v1/hubs',
      {
        config: { access: { permission: 'hubs:read' } },
        schema: {
          tags,
          summary:
            'The hubs the user works at (hub operator) or oversees (police of the state, administrators)',
          response: { 200: HubsReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => hubs.listHubs(call(request)),
    );

    app.post(
      '/api/v1/hubs',
      {
        config: { access: { permission: 'hubs:manage' } },
        schema: {
          tags,
          summary:
            'Enter a hub with its gates, cameras, operating authority and read policy (administrators)',
          body: HubBody,
          response: { 201: HubReply, ...errorResponses(401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await hubs.createHub({ ...call(request), hub: request.body })),
    );

    app.get(
      '/api/v1/hubs/:hubId',
      {
        config: { access: { permission: 'hubs:read' } },
        schema: {
          tags,
          summary: 'One hub with its gates and cameras',
          params: HubParams,
          response: { 200: HubReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => hubs.getHub({ ...call(request), hubId: request.params.hubId }),
    );

    app.post(
      '/api/v1/hubs/:hubId/reads',
      {
        config: { access: { permission: 'hubs:reads:write', purpose: 'required' } },
        validatorCompiler: bodyCheckedByService(),
        schema: {
          tags,
          summary: `Send a batch of plate reads (up to ${MAX_BATCH}); answers with the hits the desk may see; accepts an Idempotency-Key`,
          description:
            "Every candidate of every read is matched against SIS vehicle, plate, trailer and container alerts, tolerating reader look-alikes. Each hit carries its confidence, strength and why it matched, and is pushed to the hub's live feed. Discreet-check hits go to the police only and are never in this answer.",
          headers: WriteHeaders,
          params: HubParams,
          body: BatchBody,
          response: { 200: IngestReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown;
        const reads =
          typeof body === 'object' && body !== null && !Array.isArray(body)
            ? (body as Record<string, unknown>).reads
            : undefined;
        if (body === null || typeof body !== 'object' || Object.keys(body).some((k) => k !== 'reads')) {
          throw invalid(HUBS_ERRORS.readInvalid, 'The body must be {"reads": [...]} and nothing else.');
        }
        const r = await hubs.ingestBatch({
          ...call(request),
          hubId: request.params.hubId,
          reads,
          idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
        });
        if (r.replayed) {
          void reply.header('idempotent-replayed', 'true');
        }
        return reply.status(200).send(r.result);
      },
    );

    app.post(
      '/api/v1/hubs/:hubId/reads/stream',
      {
        config: { access: { permission: 'hubs:reads:write', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'A continuous stream of plate reads (NDJSON request body, one read per line), answered line by line',
          description:
            'Send `Content-Type: application/x-ndjson` and keep the request open; each line is one read (the batch item schema). The answer streams NDJSON: `{"type":"ack",...,"hits":[...]}` per group of lines received, `{"type":"error","line":n,...}` for a line that is not valid (the stream goes on), and `{"type":"done",...}` when the request body ends. Back-pressure: the socket is not read while the matcher works on the previous group, and the answer is not written faster than the client reads it.',
          headers: PurposeHeader,
          params: HubParams,
          response: {
            200: { content: { 'application/x-ndjson': { schema: Type.Unknown() } } },
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const c = call(request);
        const stream = await hubs.openStream({ ...c, hubId: request.params.hubId });
        const body = request.body;
        if (body === null || typeof body !== 'object' || typeof (body as Readable).pipe !== 'function') {
          throw invalid(
            HUBS_ERRORS.streamMediaType,
            'Send the read stream as Content-Type: application/x-ndjson, one read per line; use /reads for a JSON batch.',
          );
        }
        const input = body as Readable;
        void reply.hijack();
        const raw = reply.raw;
        open.add(raw);
        raw.writeHead(200, {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'cache-control': 'no-store',
          'x-request-id': request.id,
        });
        const write = async (line: unknown) => {
          if (!raw.destroyed && !raw.write(`${JSON.stringify(line)}\n`)) {
            await once(raw, 'drain');
          }
        };
        const totals = { reads: 0, accepted: 0, rejected: 0, hits: 0 };
        try {
          for await (const group of lineGroups(input)) {
            if (group.tooLong) {
              await write({
                type: 'error',
                code: HUBS_ERRORS.streamLineTooLong,
                message: `A line is longer than ${MAX_LINE} bytes; the stream is closed.`,
              });
              input.destroy();
              break;
            }
            const values: Array<{ line: number; value: unknown }> = [];
            for (const l of group.lines) {
              totals.reads += 1;
              let value: unknown;
              try {
                value = JSON.parse(l.text) as unknown;
              } catch {
                totals.rejected += 1;
                await write({
                  type: 'error',
                  line: l.line,
                  code: HUBS_ERRORS.readInvalid,
                  issues: [{ index: l.line, path: '(line)', message: 'is not JSON' }],
                });
                continue;
              }
              // The same canonical text as every JSON body (src/http/text.ts): no NUL, no lone surrogate.
              const bad = findBadText(value, '(line)');
              if (bad) {
                totals.rejected += 1;
                await write({
                  type: 'error',
                  line: l.line,
                  code: INVALID_TEXT,
                  issues: [{ index: l.line, path: '(line)', message: bad.message }],
                });
                continue;
              }
              values.push({ line: l.line, value });
            }
            for (let i = 0; i < values.length; i += MAX_BATCH) {
              const part = values.slice(i, i + MAX_BATCH);
              const { result, issues } = await hubs.ingestLines(c, stream, part);
              for (const line of new Set(issues.map((x) => x.index))) {
                totals.rejected += 1;
                await write({
                  type: 'error',
                  line,
                  code: HUBS_ERRORS.readInvalid,
                  issues: issues.filter((x) => x.index === line),
                });
              }
              totals.accepted += result.accepted;
              totals.hits += result.hits.length;
              if (result.accepted === 0) {
                continue;
              }
              await write({
                type: 'ack',
                lines: [part[0]!.line, part[part.length - 1]!.line],
                accepted: result.accepted,
                hits: result.hits,
              });
            }
          }
          await write({ type: 'done', ...totals });
        } catch (err) {
          request.log.error({ err }, 'read stream failed');
          await write({
            type: 'failed',
            code: isAppError(err) ? err.code : 'HUBS_STREAM_FAILED',
            message: 'The stream stopped; reads acknowledged before this line were recorded.',
          }).catch(() => undefined);
          input.destroy();
        } finally {
          open.delete(raw);
          raw.end();
        }
      },
    );

    app.post(
      '/api/v1/hubs/:hubId/port-calls',
      {
        config: { access: { permission: 'hubs:reads:write', purpose: 'required' } },
        validatorCompiler: bodyCheckedByService(),
        schema: {
          tags,
          summary:
            "Record a port call at a seaport hub (the port's own system): the vessel, its stay, previous ports and the containers discharged; accepts an Idempotency-Key",
          description:
            'The IMO number and every container number must carry a valid check digit; the flag and the ports are ISO 3166-1 alpha-2 and UN/LOCODE. Every invalid field comes back as HUBS_PORT_CALL_INVALID with its path; a hub that is not a seaport answers 422 HUBS_NOT_A_PORT. A container later read at a gate with a hit shows this vessel.',
          headers: WriteHeaders,
          params: HubParams,
          body: PortCallBody,
          response: { 201: PortCallReply, ...errorResponses(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const r = await hubs.recordPortCall({
          ...call(request),
          hubId: request.params.hubId,
          portCall: request.body,
          idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
        });
        if (r.replayed) {
          void reply.header('idempotent-replayed', 'true');
        }
        return reply.status(201).send(r.portCall);
      },
    );

    app.get(
      '/api/v1/hubs/:hubId/port-calls',
      {
        config: { access: { permission: 'hubs:read' } },
        schema: {
          tags,
          summary: "A hub's port calls, the latest arrival first (vessel, flag, previous ports); paged",
          params: HubParams,
          querystring: PortCallsQuery,
          response: { 200: PortCallsReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        hubs.listPortCalls({
          ...call(request),
          hubId: request.params.hubId,
          ...request.query,
        }),
    );

    app.get(
      '/api/v1/hubs/:hubId/port-calls/:portCallId',
      {
        config: { access: { permission: 'hubs:read' } },
        schema: {
          tags,
          summary: 'One port call with the containers the vessel discharged',
          params: PortCallParams,
          response: { 200: PortCallReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        hubs.getPortCall({
          ...call(request),
          hubId: request.params.hubId,
          portCallId: request.params.portCallId,
        }),
    );

    app.get(
      '/api/v1/hubs/:hubId/hits',
      {
        config: { access: { permission: 'hubs:hits:read', purpose: 'required' } },
        schema: {
          tags,
          summary:
            "The hits of a hub, newest first (the desk's own without discreet checks; the police's with them); filter, sort and page",
          headers: PurposeHeader,
          params: HubParams,
          querystring: HitsQuery,
          response: { 200: HitsReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const { sort, order, ...filters } = request.query;
        return hubs.recentHits({
          ...call(request),
          hubId: request.params.hubId,
          ...filters,
          sort: parseSort(sort, order, HUB_HIT_SORT_FIELDS, { field: 'receivedAt', descending: true }),
        });
      },
    );

    app.post(
      '/api/v1/hubs/:hubId/hits/:hitId/actions',
      {
        config: { access: { permission: 'hubs:hits:handle', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Handle a hit at the desk: acknowledge it, assign it to a desk officer, or dismiss it with the reason',
          description:
            'The answer is the hit with its new status; the change is logged and pushed to the live feeds. A dismissed hit is closed (409).',
          headers: PurposeHeader,
          params: HitParams,
          body: HitActionBody,
          response: { 200: HitEvent, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        hubs.handleHit({
          ...call(request),
          hubId: request.params.hubId,
          hitId: request.params.hitId,
          action: request.body.action,
          ...(request.body.assignee === undefined ? {} : { assignee: request.body.assignee }),
          ...(request.body.reason === undefined ? {} : { reason: request.body.reason }),
        }),
    );

    app.get(
      '/api/v1/hubs/:hubId/desk-users',
      {
        config: { access: { permission: 'hubs:hits:handle' } },
        schema: {
          tags,
          summary: "The hub's desk officers, to whom a hit can be assigned",
          params: HubParams,
          response: { 200: DeskUsersReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => hubs.deskUsers({ ...call(request), hubId: request.params.hubId }),
    );

    app.get(
      '/api/v1/hubs/:hubId/hits/live',
      {
        config: { access: { permission: 'hubs:hits:read', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Live hits of a hub as server-sent events (`hit` events; discreet checks to the police only)',
          description:
            "A `ready` event first, then one `hit` event per hit with the alert's action and what to do, and a comment every 15 s to keep proxies from closing the feed. A client that falls more than 1 MiB behind is disconnected and reloads with GET /hits.",
          headers: PurposeHeader,
          params: HubParams,
          querystring: LiveQuery,
          response: {
            200: { content: { 'text/event-stream': { schema: Type.String() } } },
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const grant = await hubs.openLive({ ...call(request), hubId: request.params.hubId });
        void reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        raw.write(sse('ready', { hubId: grant.hub.id, feed: grant.police ? 'police' : 'desk' }));
        if (request.query.once === true) {
          raw.end();
          return;
        }
        open.add(raw);
        let unsubscribe: () => void = () => undefined;
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
        const stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(raw);
        };
        unsubscribe = hubs.subscribe(grant, (event: HubHit) => {
          if (raw.writableLength > MAX_UNSENT) {
            // A desk that stopped reading is dropped, never buffered without bound; it reloads the list.
            raw.write(sse('overflow', { message: 'Too far behind; reconnect and reload the hit list.' }));
            stop();
            raw.end();
            return;
          }
          raw.write(sse('hit', event, event.hitId));
        });
        raw.on('close', stop);
      },
    );
    return Promise.resolve();
  };
}
