import { Type, type TSchema } from 'typebox';
import { CalendarDate, ZonedInstant } from '../../../http/schemas.ts';
import { OffsetParam, SortParams, TotalField } from '../../../http/list-query.ts';
import { APPLICATION_STATUSES, AUTHORISATION_FLAGS, REFUSAL_GROUNDS } from '../model.ts';
import { NU_QUEUE_SORT_FIELDS, QUEUE_REASONS } from './queue.ts';
import { DECISION_KINDS, LIMITED_VALIDITY_BASES } from './rules.ts';
import { NOTICE_LANGUAGES } from './notice-texts.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, description?: string) =>
  Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const Id = Type.String({ minLength: 1, maxLength: 100 });

export const ApplicationParams = Type.Object({ id: Id });
export const RequestParams = Type.Object({ id: Id, requestId: Id });
export const InterviewParams = Type.Object({ id: Id, interviewId: Id });
export const ConsultationParams = Type.Object({ id: Id });

export const QueueQuery = Type.Object({
  deadline: Type.Optional(
    Type.Enum(['overdue', 'soon'], {
      description: '`overdue`: past the deadline; `soon`: due within 24 hours',
    }),
  ),
  reason: Type.Optional(Type.Enum(QUEUE_REASONS)),
  nationality: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ICAO code' })),
  ...SortParams(NU_QUEUE_SORT_FIELDS, '`dueAt` ascending: the most urgent first'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: OffsetParam,
});

const Urgency = Type.Enum(['overdue', 'due-soon', 'on-time']);

export const QueueReply = Type.Object({
  items: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      reason: Type.Enum(QUEUE_REASONS),
      status: Type.Enum(APPLICATION_STATUSES),
      surname: Type.String(),
      givenNames: Type.String(),
      birthDate: Type.String(),
      nationality: Type.String(),
      submittedAt: Type.String(),
      dueAt: Type.String(),
      urgency: Urgency,
      reviewTrigger: Nullable(Type.String()),
      reviewRecordRef: Nullable(Type.String()),
      openRequests: Type.Integer(),
      pendingConsultations: Type.Integer(),
    }),
  ),
  total: TotalField,
});

const Attachment = Type.Object({
  name: Text(255),
  mediaType: Text(100),
  size: Type.Integer({ minimum: 0, maximum: 50_000_000 }),
  sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
});

export const RequestBody = Type.Object({
  question: Text(4000, 'What the applicant is asked, and why (art. 27(1))'),
  documents: Type.Optional(Type.Array(Text(300), { maxItems: 20 })),
  languages: Type.Optional(
    Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), {
      maxItems: 30,
      description: 'Languages a reply may use besides en, fr and de (ISO 639-1)',
    }),
  ),
});

const RequestSchema = Type.Object({
  id: Type.String(),
  question: Type.String(),
  documents: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  sentAt: Type.String(),
  replyDueAt: Type.String(),
  receivedAt: Nullable(Type.String()),
  replyText: Nullable(Type.String()),
  attachments: Type.Array(Attachment),
  requestedBy: Type.String(),
});
export const RequestReply = RequestSchema;
export const RequestsReply = Type.Object({ requests: Type.Array(RequestSchema) });

export const ApplicantQuery = Type.Object({
  documentNumber: Type.String({ minLength: 1, maxLength: 40, description: 'The travel document number' }),
});

export const ReplyBody = Type.Object({
  documentNumber: Type.String({ minLength: 1, maxLength: 40 }),
  text: Text(20_000),
  attachments: Type.Optional(Type.Array(Attachment, { maxItems: 20 })),
});

export const InterviewBody = Type.Object({
  scheduledAt: ZonedInstant('When the interview takes place'),
  mode: Type.Enum(['in-person', 'video']),
  place: Text(500, 'The office for an interview in person, or how to join by video'),
});

const InterviewSchema = Type.Object({
  id: Type.String(),
  scheduledAt: Type.String(),
  mode: Type.Enum(['in-person', 'video']),
  place: Type.String(),
  sentAt: Type.String(),
  outcome: Nullable(Type.Enum(['held', 'no-show'])),
  notes: Nullable(Type.String()),
  recordedAt: Nullable(Type.String()),
});
export const InterviewReply = InterviewSchema;

export const InterviewOutcomeBody = Type.Object({
  outcome: Type.Enum(['held', 'no-show']),
  notes: Type.Optional(Type.String({ maxLength: 4000 })),
});

export const ConsultBody = Type.Object({
  party: Type.Enum(['state', 'europol']),
  memberState: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  question: Text(4000),
});

const Opinion = Type.Enum(['positive', 'negative', 'positive-by-silence', 'pending']);
const ConsultationSchema = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  party: Type.Enum(['state', 'europol']),
  consultedState: Nullable(Type.String()),
  consultingState: Type.String(),
  question: Type.String(),
  askedAt: Type.String(),
  dueAt: Type.String(),
  opinion: Opinion,
  reasons: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
});
export const ConsultationReply = ConsultationSchema;

export const OpinionBody = Type.Object({
  opinion: Type.Enum(['positive', 'negative']),
  reasons: Text(4000, 'A reasoned opinion (arts. 28(2), 29(2))'),
});

export const ConsultationsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export const ConsultationsReply = Type.Object({
  consultations: Type.Array(
    Type.Intersect([
      ConsultationSchema,
      Type.Object({
        application: Type.Record(Type.String(), Type.Unknown(), {
          description: 'The application as submitted; without the education level for Europol (art. 29)',
        }),
      }),
    ]),
  ),
});

const Grounds = Type.Array(Type.Enum(REFUSAL_GROUNDS), { maxItems: REFUSAL_GROUNDS.length });
const Justification = Type.String({ maxLength: 8000 });

export const DecisionBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('issue'),
      flags: Type.Optional(
        Type.Array(Type.Object({ flag: Type.Enum(AUTHORISATION_FLAGS), reason: Text(2000) }), {
          maxItems: 2,
        }),
      ),
      justification: Type.Optional(Justification),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Enum(['refuse', 'annul', 'revoke']), grounds: Grounds, justification: Justification },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('limited-validity'),
      basis: Type.Enum(LIMITED_VALIDITY_BASES),
      memberStates: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 29 })),
      validFrom: Type.Optional(CalendarDate()),
      validUntil: CalendarDate(),
      justification: Justification,
    },
    { additionalProperties: false },
  ),
]);

const DecisionSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum(DECISION_KINDS),
  memberState: Type.String(),
  authority: Type.String(),
  decidedBy: Type.String(),
  decidedAt: Type.String(),
  grounds: Type.Array(Type.String()),
  flags: Type.Array(Type.Object({ flag: Type.String(), reason: Type.String() })),
  justification: Nullable(Type.String()),
  basis: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  validStates: Nullable(Type.Array(Type.String())),
});
export const DecisionReply = DecisionSchema;

export const ManualFileReply = Type.Object({
  applicationId: Type.String(),
  status: Type.Enum(APPLICATION_STATUSES),
  queue: Nullable(Type.String()),
  responsibleState: Nullable(Type.String()),
  deadline: Nullable(
    Type.Object({
      dueAt: Type.String(),
      basis: Type.Enum(['admissible', 'information-received', 'information-awaited', 'interview']),
      urgency: Urgency,
    }),
  ),
  requests: Type.Array(
    Type.Intersect([
      RequestSchema,
      Type.Object({ state: Type.Enum(['awaiting-reply', 'answered', 'unanswered']) }),
    ]),
  ),
  interviews: Type.Array(InterviewSchema),
  consultations: Type.Array(ConsultationSchema),
  decisions: Type.Array(DecisionSchema),
  revocationReviews: Type.Array(
    Type.Object({
      id: Type.String(),
      memberState: Type.String(),
      trigger: Type.String(),
      recordRef: Type.String(),
      openedAt: Type.String(),
      closedAt: Nullable(Type.String()),
    }),
  ),
  notices: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      recipient: Type.String(),
      subject: Type.String(),
      body: Type.String(),
      createdAt: Type.String(),
    }),
  ),
  allowed: Type.Array(Type.Enum(DECISION_KINDS)),
  canProcess: Type.Boolean(),
});

export const NoticeQuery = Type.Object({ lang: Type.Optional(Type.Enum(NOTICE_LANGUAGES)) });
export const ApplicantNoticeQuery = Type.Object({
  lang: Type.Optional(Type.Enum(NOTICE_LANGUAGES)),
  documentNumber: Type.String({ minLength: 1, maxLength: 40 }),
});
