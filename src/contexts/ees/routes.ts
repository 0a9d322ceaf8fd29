import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callOf, sendWritten, WriteHeaders, writeCallOf } from '../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { parseSort } from '../../platform/sorting.ts';
import { OVERSTAY_SORT_FIELDS } from './repository.ts';
import {
  CandidatesReply,
  CarrierBody,
  CarrierReply,
  CreateFileBody,
  DecisionBody,
  DocumentQueryBody,
  EntryBody,
  ExitBody,
  FileDetailsReply,
  FileQuery,
  FileReply,
  FilesReply,
  IdentityQueryBody,
  IdParams,
  NoticeQuery,
  OverstayersQuery,
  OverstayersReply,
  RecordReply,
  RefusalBody,
  RefusalReply,
  TravellerBody,
  TravellerReply,
  VerificationReply,
} from './schemas.ts';
import type { EesService } from './service.ts';

/** EES routes: thin adapters over {@link EesService}. */
export function eesRoutes(deps: { ees: EesService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { ees } = deps;
    const tags = ['ees'];
    const read = { access: { permission: 'ees:read', purpose: 'required' } } as const;
    const write = { access: { permission: 'ees:write', purpose: 'required' } } as const;
    const decide = { access: { permission: 'ees:decide', purpose: 'required' } } as const;

    app.post(
      '/api/v1/ees/files',
      {
        config: write,
        schema: {
          tags,
          summary: 'Create an individual file (EES arts. 16-17); accepts an Idempotency-Key',
          headers: WriteHeaders,
          body: CreateFileBody,
          response: { 201: FileReply, ...errorResponses(401, 403, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(reply, await ees.createFile({ ...writeCallOf(request), input: request.body })),
    );

    app.get(
      '/api/v1/ees/files/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'An individual file with its travel history and the 90/180 calculator figures',
          headers: PurposeHeader,
          params: IdParams,
          querystring: FileQuery,
          response: { 200: FileDetailsReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        ees.viewFile({
          ...callOf(request),
          fileId: request.params.id,
          ...(request.query.date === undefined ? {} : { date: request.query.date }),
        }),
    );

    app.post(
      '/api/v1/ees/search/document',
      {
        config: read,
        schema: {
          tags,
          summary: 'Search files by travel document number and issuing state (EES art. 23(2))',
          headers: PurposeHeader,
          body: DocumentQueryBody,
          response: { 200: FilesReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({ files: await ees.searchByDocument({ ...callOf(request), query: request.body }) }),
    );

    app.post(
      '/api/v1/ees/search/identity',
      {
        config: read,
        schema: {
          tags,
          summary: 'Search files by identity data, ranked and explained with the MID same/similar rules',
          headers: PurposeHeader,
          body: IdentityQueryBody,
          response: { 200: CandidatesReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({
        candidates: await ees.searchByIdentity({ ...callOf(request), query: request.body }),
      }),
    );

    app.post(
      '/api/v1/ees/files/:id/entries',
      {
        config: write,
        schema: {
          tags,
          summary: 'Record an entry (EES art. 16(2)); 409 EES_STAY_ALREADY_OPEN while a stay has no exit',
          headers: WriteHeaders,
          params: IdParams,
          body: EntryBody,
          response: { 201: RecordReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await ees.recordEntry({ ...writeCallOf(request), fileId: request.params.id, input: request.body }),
        ),
    );

    app.post(
      '/api/v1/ees/files/:id/exits',
      {
        config: write,
        schema: {
          tags,
          summary: 'Record the exit closing the open stay (EES art. 16(3))',
          headers: WriteHeaders,
          params: IdParams,
          body: ExitBody,
          response: { 200: RecordReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await ees.recordExit({ ...writeCallOf(request), fileId: request.params.id, input: request.body }),
          200,
        ),
    );

    app.post(
      '/api/v1/ees/files/:id/refusals',
      {
        config: write,
        schema: {
          tags,
          summary: 'Record a refusal of entry with its Annex V Part B grounds (EES art. 18)',
          headers: WriteHeaders,
          params: IdParams,
          body: RefusalBody,
          response: { 201: RefusalReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await ees.recordRefusal({
            ...writeCallOf(request),
            fileId: request.params.id,
            input: request.body,
          }),
        ),
    );

    app.get(
      '/api/v1/ees/refusals/:id/notice.pdf',
      {
        config: write,
        schema: {
          tags,
          summary:
            'The refusal of entry notice (SBC art. 14(2), Annex V Part B) as PDF, for the refusing border authority',
          headers: PurposeHeader,
          params: IdParams,
          querystring: NoticeQuery,
          produces: ['application/pdf'],
          response: {
            200: Type.Unsafe<Buffer>(
              Type.String({ format: 'binary', description: 'The standard form, filled in' }),
            ),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const acceptLanguage = request.headers['accept-language'];
        const notice = await ees.refusalNotice({
          ...callOf(request),
          refusalId: request.params.id,
          ...(request.query.lang === undefined ? {} : { lang: request.query.lang }),
          ...(acceptLanguage === undefined ? {} : { acceptLanguage }),
        });
        return reply
          .type('application/pdf')
          .header('content-language', notice.lang)
          .header(
            'content-disposition',
            `attachment; filename="refusal-notice-${notice.refusalId}-${notice.lang}.pdf"`,
          )
          .send(notice.pdf);
      },
    );

    app.post(
      '/api/v1/ees/records/:id/decisions',
      {
        config: decide,
        schema: {
          tags,
          summary: 'Add a revocation, annulment or extension to an entry record (EES art. 19)',
          headers: WriteHeaders,
          params: IdParams,
          body: DecisionBody,
          response: { 201: RecordReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await ees.recordDecision({
            ...writeCallOf(request),
            recordId: request.params.id,
            input: request.body,
          }),
        ),
    );

    app.post(
      '/api/v1/ees/verifications',
      {
        config: { access: { permission: 'ees:verify', purpose: 'required' } },
        schema: {
          tags,
          summary: 'In-country verification of the conditions of stay (EES art. 26)',
          headers: PurposeHeader,
          body: DocumentQueryBody,
          response: { 200: VerificationReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => ees.verifyInCountry({ ...callOf(request), query: request.body }),
    );

    app.get(
      '/api/v1/ees/overstayers',
      {
        config: { access: { permission: 'ees:overstayers', purpose: 'required' } },
        schema: {
          tags,
          summary: 'The list of overstayers (EES art. 12(3)); filter, sort and page',
          headers: PurposeHeader,
          querystring: OverstayersQuery,
          response: { 200: OverstayersReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const { sort, order, limit, ...filters } = request.query;
        return ees.listOverstayers({
          ...callOf(request),
          ...filters,
          limit: limit ?? 100,
          sort: parseSort(sort, order, OVERSTAY_SORT_FIELDS, { field: 'overstayDays', descending: true }),
        });
      },
    );

    // Public on purpose: travellers have no account (EES art. 13(1)). The answer holds only OK/NOT_OK (or
    // CANNOT_ANSWER) and the remaining days, every call is logged under the traveller profile, and the route is
    // limited per client like every public route (see app.ts).
    app.post(
      '/api/v1/ees/traveller-service',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            'Traveller web service (EES art. 13(1)): OK/NOT_OK for an intended stay and the remaining days; document number, issuing state and expiry must match',
          body: TravellerBody,
          response: { 200: TravellerReply, ...errorResponses() },
        },
      },
      async (request) =>
        ees.travellerService({
          document: {
            number: request.body.documentNumber,
            issuingState: request.body.issuingState,
            expiry: request.body.documentExpiry,
          },
          intendedEntry: request.body.intendedEntry,
          ...(request.body.intendedExit === undefined ? {} : { intendedExit: request.body.intendedExit }),
          requestId: request.id,
        }),
    );

    app.post(
      '/api/v1/ees/carrier-service',
      {
        config: { access: { permission: 'ees:carrier-service', purpose: 'required' } },
        schema: {
          tags,
          summary:
            'Carrier web service (EES art. 13(3)): OK/NOT_OK for single- and double-entry visas, nothing else',
          headers: PurposeHeader,
          body: CarrierBody,
          response: { 200: CarrierReply, ...errorResponses(401, 403) },
        },
      },
      async (request) =>
        ees.carrierService({
          ...callOf(request),
          document: { number: request.body.documentNumber, issuingState: request.body.issuingState },
          intendedEntry: request.body.intendedEntry,
          ...(request.body.visaStickerNumber === undefined
            ? {}
            : { visaStickerNumber: request.body.visaStickerNumber }),
        }),
    );
    return Promise.resolve();
  };
}
