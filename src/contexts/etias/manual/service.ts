import { EtiasRepository } from '../repository.ts';
import type { Call, EtiasServiceDeps, WriteCall } from '../context.ts';
import type { ManualContext } from './context.ts';
import {
  consult,
  consultationsFor,
  giveOpinion,
  type ConsultationItem,
  type ConsultationView,
  type ConsultInput,
} from './consultations.ts';
import {
  applicantNoticePdf,
  decide,
  noticePdf,
  reviewForRevocation,
  type DecisionView,
  type NoticePdf,
  type RevocationTrigger,
} from './decisions.ts';
import { nationalUnitQueue, type NuQueueFilter, type NuQueueItem } from './queue.ts';
import { ManualRepository } from './repository.ts';
import {
  applicantRequests,
  inviteToInterview,
  recordInterviewOutcome,
  replyToRequest,
  requestInformation,
  type InterviewInput,
  type InterviewView,
  type ReplyInput,
  type RequestInput,
  type RequestView,
} from './requests.ts';
import type { DecisionInput } from './rules.ts';
import { manualFile, type ManualFileView } from './view.ts';

type Written<T> = Promise<{ value: T; replayed: boolean }>;

/**
 * The National Units' manual processing (Reg. (EU) 2018/1240 arts. 26-44): a thin facade over the use-case
 * files of this folder. Every operation is logged (art. 69) and appended to the file's events.
 */
export class EtiasManualService {
  readonly #ctx: ManualContext;

  constructor(deps: EtiasServiceDeps) {
    this.#ctx = {
      ...deps,
      repo: new EtiasRepository(),
      checks: [],
      internalChecks: [],
      manual: new ManualRepository(),
    };
  }

  /** The National Unit's queue of its own state's files, with deadlines (arts. 26, 32). */
  queue(call: Call & NuQueueFilter): Promise<{ items: NuQueueItem[]; total: number }> {
    return nationalUnitQueue(this.#ctx, call);
  }

  /** The manual-processing part of a file and the decisions the caller may take. */
  file(call: Call & { applicationId: string }): Promise<ManualFileView> {
    return manualFile(this.#ctx, call);
  }

  /** Art. 27: a request for information or documents, answered within 10 days. */
  requestInformation(call: WriteCall & { applicationId: string; input: RequestInput }): Written<RequestView> {
    return requestInformation(this.#ctx, call);
  }

  /** The applicant's requests, with the application id and document number (public). */
  applicantRequests(input: {
    applicationId: string;
    documentNumber: string;
    requestId?: string;
  }): Promise<RequestView[]> {
    return applicantRequests(this.#ctx, input);
  }

  /** The applicant's reply to a request (public; art. 27(3)). */
  reply(
    input: ReplyInput & { applicationId: string; requestId: string; httpRequestId?: string },
  ): Promise<RequestView> {
    return replyToRequest(this.#ctx, input);
  }

  /** Art. 27(4) [K]: an invitation to an interview. */
  inviteToInterview(
    call: WriteCall & { applicationId: string; input: InterviewInput },
  ): Written<InterviewView> {
    return inviteToInterview(this.#ctx, call);
  }

  recordInterviewOutcome(
    call: WriteCall & {
      applicationId: string;
      interviewId: string;
      input: { outcome: 'held' | 'no-show'; notes?: string };
    },
  ): Written<InterviewView> {
    return recordInterviewOutcome(this.#ctx, call);
  }

  /** Arts. 28-29: consult another member state or Europol (60 hours; silence is positive). */
  consult(call: WriteCall & { applicationId: string; input: ConsultInput }): Written<ConsultationView> {
    return consult(this.#ctx, call);
  }

  /** The consulted state's (or, recorded by the Central Unit, Europol's) reasoned opinion. */
  giveOpinion(
    call: WriteCall & {
      consultationId: string;
      input: { opinion: 'positive' | 'negative'; reasons: string };
    },
  ): Written<ConsultationView> {
    return giveOpinion(this.#ctx, call);
  }

  /** The consultations addressed to the caller's state (or to Europol, for the Central Unit). */
  consultations(call: Call & { limit: number }): Promise<ConsultationItem[]> {
    return consultationsFor(this.#ctx, call);
  }

  /** Arts. 36-44: issue, issue with a flag, refuse, annul, revoke, or a limited territorial validity. */
  decide(call: WriteCall & { applicationId: string; input: DecisionInput }): Written<DecisionView> {
    return decide(this.#ctx, call);
  }

  /** The notice of the last decision (arts. 38, 42) as PDF for the National Unit. */
  noticePdf(call: Call & { applicationId: string; lang?: string }): Promise<NoticePdf> {
    return noticePdf(this.#ctx, call);
  }

  /** The same notice for the applicant (public; application id and document number). */
  applicantNoticePdf(input: {
    applicationId: string;
    documentNumber: string;
    lang?: string;
    requestId?: string;
  }): Promise<NoticePdf> {
    return applicantNoticePdf(this.#ctx, input);
  }

  /**
   * Art. 41(3)-(4): sends a valid authorisation to the National Unit of `memberState` for a revocation review
   * (a new SIS refusal alert or watchlist entry matched it). Nothing is revoked without a person.
   */
  reviewForRevocation(
    applicationId: string,
    trigger: RevocationTrigger,
    options: { requestId?: string } = {},
  ): Promise<{ opened: boolean }> {
    return reviewForRevocation(this.#ctx, applicationId, trigger, options);
  }
}
