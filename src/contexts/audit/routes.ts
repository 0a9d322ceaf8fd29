import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../http/types.ts';
import {
  EventsQuery,
  EventsReply,
  ExportLogBody,
  ExportLogReply,
  ExportQuery,
  VerifyReply,
} from './schemas.ts';
import type { AuditFilter } from './model.ts';
import type { AuditLog } from './service.ts';

/** The filters the list and the export share, from their query strings. */
function filterOf(q: {
  user?: string;
  record?: string;
  system?: string;
  purpose?: string;
  operation?: string;
  from?: string;
  to?: string;
}): Omit<AuditFilter, 'limit' | 'before'> {
  return {
    username: q.user,
    recordRef: q.record,
    system: q.system,
    purpose: q.purpose,
    operation: q.operation,
    from: q.from,
    to: q.to,
  };
}

export function auditRoutes(deps: { audit: AuditLog }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { audit } = deps;

    app.get(
      '/api/v1/audit/events',
      {
        config: { access: { permission: 'audit:read', purpose: 'required' } },
        schema: {
          tags: ['audit'],
          summary:
            'Read the access log, newest first or sorted by a column, a page at a time (data protection officers)',
          headers: PurposeHeader,
          querystring: EventsQuery,
          response: { 200: EventsReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const q = request.query;
        return audit.list({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          requestId: request.id,
          filter: {
            ...filterOf(q),
            before: q.before,
            sort: q.sort,
            order: q.order,
            offset: q.offset,
            limit: q.limit ?? 50,
          },
        });
      },
    );

    app.get(
      '/api/v1/audit/events.csv',
      {
        config: { access: { permission: 'audit:read', purpose: 'required' } },
        schema: {
          tags: ['audit'],
          summary: 'Export the access log as CSV (every record matching the filters, newest first)',
          headers: PurposeHeader,
          querystring: ExportQuery,
          produces: ['text/csv'],
          response: {
            200: Type.String({ description: 'CSV with a header row' }),
            ...errorResponses(401, 403, 413),
          },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const csv = await audit.exportCsv({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          filter: filterOf(q),
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .send(csv);
      },
    );

    app.post(
      '/api/v1/audit/exports',
      {
        // Any signed-in user: the export is of a list the user was allowed to read, for the purpose named.
        config: { access: 'authenticated' },
        schema: {
          tags: ['audit'],
          summary: 'Log the CSV export of a list shown on screen (before the browser saves the file)',
          headers: PurposeHeader,
          body: ExportLogBody,
          response: { 201: ExportLogReply, ...errorResponses(401, 403) },
        },
      },
      async (request, reply) => {
        const logged = await audit.logExport({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          requestId: request.id,
          export: request.body,
        });
        return reply.code(201).send(logged);
      },
    );

    app.post(
      '/api/v1/audit/verify',
      {
        config: { access: { permission: 'audit:verify', purpose: 'required' } },
        schema: {
          tags: ['audit'],
          summary: 'Verify the hash chain of the access log',
          headers: PurposeHeader,
          response: { 200: VerifyReply, ...errorResponses(401, 403) },
        },
      },
      async (request) =>
        audit.verifyAs({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          requestId: request.id,
        }),
    );
    return Promise.resolve();
  };
}
