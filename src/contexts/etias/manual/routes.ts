import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callOf, sendWritten, WriteHeaders, writeCallOf } from '../../../http/calls.ts';
import { errorResponses, PurposeHeader } from '../../../http/schemas.ts';
import { parseSort } from '../../../platform/sorting.ts';
import type { NoticePdf } from './decisions.ts';
import { NU_QUEUE_SORT_FIELDS } from './queue.ts';
import {
  ApplicantNoticeQuery,
  ApplicantQuery,
  ApplicationParams,
  ConsultationParams,
  ConsultationReply,
  ConsultationsQuery,
  ConsultationsReply,
  ConsultBody,
  DecisionBody,
  DecisionReply,
  InterviewBody,
  InterviewOutcomeBody,
  InterviewParams,
  InterviewReply,
  ManualFileReply,
  NoticeQuery,
  OpinionBody,
  QueueQuery,
  QueueReply,
  ReplyBody,
  RequestBody,
  RequestParams,
  RequestReply,
  RequestsReply,
} from './schemas.ts';
import type { EtiasManualService } from './service.ts';

function pdf(reply: FastifyReply, notice: NoticePdf) {
  return reply
    .type('application/pdf')
    .header('content-language', notice.lang)
    .header(
      'content-disposition',
      `attachment; filename="etias-notice-${notice.applicationId}-${notice.lang}.pdf"`,
    )
    .send(notice.pdf);
}

const PdfReply = Type.Unsafe<Buffer>(Type.String({ format: 'binary', description: 'The notice, as PDF' }));

/** National Unit routes (arts. 26-44): thin adapters over {@link EtiasManualService}. */
export function etiasManualRoutes(deps: { manual: EtiasManualService }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const { manual } = deps;
    const tags = ['etias'];
    const decide = { access: { permission: 'etias:decide', purpose: 'required' } } as const;
    const read = { access: { permission: 'etias:read', purpose: 'required' } } as const;

    app.get(
      '/api/v1/etias/national-unit/queue',
      {
        config: decide,
        schema: {
          tags,
          summary:
            "The National Unit's queue of its own state's files with their decision deadlines (arts. 26, 32)",
          headers: PurposeHeader,
          querystring: QueueQuery,
          response: { 200: QueueReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const { sort, order, limit, offset, ...filters } = request.query;
        return manual.queue({
          ...callOf(request),
          ...filters,
          limit: limit ?? 50,
          offset: offset ?? 0,
          sort: parseSort(sort, order, NU_QUEUE_SORT_FIELDS, { field: 'dueAt', descending: false }),
        });
      },
    );

    app.get(
      '/api/v1/etias/applications/:id/manual',
      {
        config: read,
        schema: {
          tags,
          summary:
            'Manual processing of a file: requests, interviews, consultations, decisions, notices, deadline',
          headers: PurposeHeader,
          params: ApplicationParams,
          response: { 200: ManualFileReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => manual.file({ ...callOf(request), applicationId: request.params.id }),
    );

    app.post(
      '/api/v1/etias/applications/:id/requests',
      {
        config: decide,
        schema: {
          tags,
          summary: 'Ask the applicant for information or documents (art. 27; reply within 10 days)',
          headers: WriteHeaders,
          params: ApplicationParams,
          body: RequestBody,
          response: { 201: RequestReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await manual.requestInformation({
            ...writeCallOf(request),
            applicationId: request.params.id,
            input: request.body,
          }),
        ),
    );

    // Public on purpose: the applicant has no account (art. 15). The id and the travel document number are
    // both needed; limited per client like every public route (app.ts).
    app.get(
      '/api/v1/etias/applications/:id/requests',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "The applicant's requests for information (art. 27); needs the travel document number",
          params: ApplicationParams,
          querystring: ApplicantQuery,
          response: { 200: RequestsReply, ...errorResponses(404) },
        },
      },
      async (request) => ({
        requests: await manual.applicantRequests({
          applicationId: request.params.id,
          documentNumber: request.query.documentNumber,
          requestId: request.id,
        }),
      }),
    );

    app.post(
      '/api/v1/etias/applications/:id/requests/:requestId/reply',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            "The applicant's reply to a request for information (art. 27(3)); needs the travel document number",
          params: RequestParams,
          body: ReplyBody,
          response: { 201: RequestReply, ...errorResponses(404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await manual.reply({
            ...request.body,
            applicationId: request.params.id,
            requestId: request.params.requestId,
            httpRequestId: request.id,
          }),
        ),
    );

    app.post(
      '/api/v1/etias/applications/:id/interviews',
      {
        config: decide,
        schema: {
          tags,
          summary: 'Invite the applicant to an interview (art. 27(4))',
          headers: WriteHeaders,
          params: ApplicationParams,
          body: InterviewBody,
          response: { 201: InterviewReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await manual.inviteToInterview({
            ...writeCallOf(request),
            applicationId: request.params.id,
            input: request.body,
          }),
        ),
    );

    app.post(
      '/api/v1/etias/applications/:id/interviews/:interviewId/outcome',
      {
        config: decide,
        schema: {
          tags,
          summary: 'Record whether the interview took place (art. 27(4); a no-show opens art. 37(1)(g))',
          headers: WriteHeaders,
          params: InterviewParams,
          body: InterviewOutcomeBody,
          response: { 201: InterviewReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await manual.recordInterviewOutcome({
            ...writeCallOf(request),
            applicationId: request.params.id,
            interviewId: request.params.interviewId,
            input: request.body,
          }),
        ),
    );

    app.post(
      '/api/v1/etias/applications/:id/consultations',
      {
        config: decide,
        schema: {
          tags,
          summary: 'Consult another member state (art. 28) or Europol (art. 29): opinion within 60 hours',
          headers: WriteHeaders,
          params: ApplicationParams,
          body: ConsultBody,
          response: { 201: ConsultationReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await manual.consult({
            ...writeCallOf(request),
            applicationId: request.params.id,
            input: request.body,
          }),
        ),
    );

    // A consulted state's National Unit (`etias:consult`), or the Central Unit for Europol (`etias:verify`):
    // the service checks which applies.
    app.get(
      '/api/v1/etias/consultations',
      {
        config: { access: { permission: 'etias:read', purpose: 'required' } },
        schema: {
          tags,
          summary:
            "Consultations addressed to the caller's state, or to Europol for the Central Unit (arts. 28-29)",
          headers: PurposeHeader,
          querystring: ConsultationsQuery,
          response: { 200: ConsultationsReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({
        consultations: await manual.consultations({ ...callOf(request), limit: request.query.limit ?? 100 }),
      }),
    );

    app.post(
      '/api/v1/etias/consultations/:id/opinion',
      {
        config: { access: { permission: 'etias:read', purpose: 'required' } },
        schema: {
          tags,
          summary:
            "The consulted party's reasoned opinion (arts. 28(2), 29(2)); Europol's is recorded by the Central Unit",
          headers: WriteHeaders,
          params: ConsultationParams,
          body: OpinionBody,
          response: { 201: ConsultationReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await manual.giveOpinion({
            ...writeCallOf(request),
            consultationId: request.params.id,
            input: request.body,
          }),
        ),
    );

    app.post(
      '/api/v1/etias/applications/:id/decision',
      {
        config: decide,
        schema: {
          tags,
          summary:
            'Decide: issue (art. 36, with a flag), refuse (art. 37), annul (art. 40), revoke (art. 41) or limited territorial validity (art. 44)',
          headers: WriteHeaders,
          params: ApplicationParams,
          body: DecisionBody,
          response: { 201: DecisionReply, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        sendWritten(
          reply,
          await manual.decide({
            ...writeCallOf(request),
            applicationId: request.params.id,
            input: request.body,
          }),
        ),
    );

    app.get(
      '/api/v1/etias/applications/:id/notice.pdf',
      {
        config: decide,
        schema: {
          tags,
          summary: 'The notice of the last decision to the applicant (arts. 38, 42) as PDF, in en, de or fr',
          headers: PurposeHeader,
          params: ApplicationParams,
          querystring: NoticeQuery,
          produces: ['application/pdf'],
          response: { 200: PdfReply, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) =>
        pdf(
          reply,
          await manual.noticePdf({
            ...callOf(request),
            applicationId: request.params.id,
            ...(request.query.lang === undefined ? {} : { lang: request.query.lang }),
          }),
        ),
    );

    // Public on purpose: the applicant reads their own notice with the id and the travel document number.
    app.get(
      '/api/v1/etias/applications/:id/applicant-notice.pdf',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            "The applicant's copy of the notice (arts. 38, 42) as PDF; needs the travel document number",
          params: ApplicationParams,
          querystring: ApplicantNoticeQuery,
          produces: ['application/pdf'],
          response: { 200: PdfReply, ...errorResponses(404) },
        },
      },
      async (request, reply) =>
        pdf(
          reply,
          await manual.applicantNoticePdf({
            applicationId: request.params.id,
            documentNumber: request.query.documentNumber,
            requestId: request.id,
            ...(request.query.lang === undefined ? {} : { lang: request.query.lang }),
          }),
        ),
    );
    return Promise.resolve();
  };
}
