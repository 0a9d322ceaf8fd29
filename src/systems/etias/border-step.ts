import type { Actor } from '../../contexts/access/index.ts';
import type { AuthorisationAnswer } from '../../contexts/etias/index.ts';
import { lookupBcp, visaRequirement, type VisaRequirement } from '../../contexts/reference/index.ts';
import type { BorderCheckStep, Finding, StepOutcome } from '../../flows/border-check/index.ts';
import type { Executor } from '../../platform/database/index.ts';

/** The ETIAS use case the border step calls (the ETIAS service's `borderQuery`, art. 47). */
export interface EtiasBorderQuery {
  borderQuery(input: {
    actor: Actor;
    purpose: string;
    requestId?: string;
    /** Art. 47(1): the data of the machine-readable zone. */
    document: { number: string; issuingState: string; nationality: string; expiry: string };
    /** The member state of the border crossing point (art. 44: limited territorial validity). */
    memberState: string;
    today: string;
  }): Promise<AuthorisationAnswer>;
  /** Art. 36(2): removes the second-line flag once the check is made and EES holds the entry record. */
  secondLineCheckDone(
    trx: Executor,
    input: { actor: Actor; purpose: string; requestId?: string; applicationId: string },
  ): Promise<boolean>;
}

/**
 * What ETIAS shows the guard: whether the traveller needs a travel authorisation (visa-exempt nationals only,
 * 2018/1240 art. 2(1)), and if so the art. 47(2) answer: valid yes/no, validity end and remaining days, the
 * states of a limited territorial validity, the flags.
 */
export interface EtiasData {
  required: boolean;
  /** The nationality's visa requirement (Reg. (EU) 2018/1806), which decides whether ETIAS applies. */
  visaRequirement: VisaRequirement;
  answer: AuthorisationAnswer | null;
  /** Art. 83(1) [K]: the last day of the transitional period, during which ETIAS is not yet required. */
  transitionalUntil: string | null;
}

export interface EtiasBorderOptions {
  /**
   * Art. 83(1): during the transitional period the use of ETIAS is optional; the guard informs the traveller
   * and a missing authorisation supports no refusal. The period's end is set when operations start [K].
   */
  transitionalUntil?: string | null;
}

/** The SBC Annex V Part B ground "no valid travel authorisation", recorded as `ETIAS` (printed as J [K]). */
const ETIAS_GROUND = 'ETIAS';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The findings of one answer, before the transitional period softens them. */
function findingsOf(answer: AuthorisationAnswer, memberState: string): Finding[] {
  const familyNote = answer.familyMember
    ? ' The holder declared to be a family member of a Union citizen (art. 47(2)(e)): Directive 2004/38/EC applies.'
    : '';
  if (!answer.valid) {
    const date = answer.decidedOn ?? '';
    if (answer.status === 'revoked' || answer.status === 'annulled' || answer.status === 'refused') {
      const code = `ETIAS_${answer.status.toUpperCase()}` as const;
      return [
        {
          system: 'etias',
          level: 'stop',
          code,
          message: `The travel authorisation for this document was ${answer.status}${
            date === '' ? '' : ` on ${date}`
          } (ETIAS arts. ${answer.status === 'refused' ? '37' : answer.status === 'annulled' ? '40' : '41'}): no valid travel authorisation.${familyNote}`,
          refusalGround: ETIAS_GROUND,
          params: { date, familyMember: answer.familyMember ? 'yes' : 'no', transitionalUntil: '' },
        },
      ];
    }
    const why =
      answer.status === 'pending'
        ? 'an application is still being processed'
        : answer.status === 'expired'
          ? `the last one expired on ${answer.validUntil ?? ''}`
          : 'none is held for this document';
    return [
      {
        system: 'etias',
        level: 'stop',
        code: 'ETIAS_MISSING',
        message: `No valid ETIAS travel authorisation: ${why} (ETIAS art. 47; a new passport needs a new authorisation). A family member of a Union citizen must be given every opportunity to prove that status (Directive 2004/38/EC art. 5(4)).${familyNote}`,
        refusalGround: ETIAS_GROUND,
        params: {
          status: answer.status,
          until: answer.status === 'expired' ? (answer.validUntil ?? '') : '',
          familyMember: answer.familyMember ? 'yes' : 'no',
          transitionalUntil: '',
        },
      },
    ];
  }
  const findings: Finding[] = [];
  const until = answer.validUntil ?? '';
  if (answer.territorialValidity !== null) {
    const states = answer.territorialValidity.join(', ');
    findings.push(
      answer.validHere
        ? {
            system: 'etias',
            level: 'attention',
            code: 'ETIAS_LIMITED_VALIDITY',
            message: `The travel authorisation has limited territorial validity (ETIAS art. 44): valid only in ${states}. Tell the traveller that it does not allow travel to other member states.`,
            params: { states, memberState, validHere: 'yes', transitionalUntil: '' },
          }
        : {
            system: 'etias',
            level: 'stop',
            code: 'ETIAS_LIMITED_VALIDITY',
            message: `The travel authorisation has limited territorial validity (ETIAS art. 44): valid only in ${states}, not in ${memberState}.`,
            refusalGround: ETIAS_GROUND,
            params: { states, memberState, validHere: 'no', transitionalUntil: '' },
          },
    );
  }
  if (answer.flags.includes('second-line-check')) {
    findings.push({
      system: 'etias',
      level: 'attention',
      code: 'ETIAS_FLAG_SECOND_LINE',
      message:
        'The travel authorisation carries a flag recommending a second-line check (ETIAS art. 36(2)): refer the traveller to second line.',
      params: { until },
    });
  }
  if (answer.flags.includes('false-hit-assessed')) {
    findings.push({
      system: 'etias',
      level: 'info',
      code: 'ETIAS_FLAG_FALSE_HIT',
      message:
        'A hit in the processing of this authorisation was assessed as a false hit, or manual processing found no ground to refuse (ETIAS art. 36(3)).',
      params: { until },
    });
  }
  if (answer.expiresSoon) {
    findings.push({
      system: 'etias',
      level: 'info',
      code: 'ETIAS_EXPIRES_SOON',
      message: `The travel authorisation expires on ${until}, in ${days(answer.remainingDays)}: tell the traveller (ETIAS art. 47(2)(c)).`,
      params: { until, days: answer.remainingDays },
    });
  }
  if (answer.validHere) {
    findings.unshift({
      system: 'etias',
      level: 'info',
      code: 'ETIAS_VALID',
      message: `Valid ETIAS travel authorisation until ${until} (${days(answer.remainingDays)} left).${familyNote}`,
      params: { until, days: answer.remainingDays, familyMember: answer.familyMember ? 'yes' : 'no' },
    });
  }
  return findings;
}

/**
 * During the transitional period (art. 83(1)) ETIAS is optional: what would stop the traveller only informs,
 * and supports no ground.
 */
function transitional(f: Finding, until: string): Finding {
  if (f.level !== 'stop') {
    return f;
  }
  const { refusalGround: _ground, ...rest } = f;
  return {
    ...rest,
    level: 'info',
    params: { ...f.params, transitionalUntil: until },
    message: `${f.message} Until ${until} ETIAS is not yet required (ETIAS art. 83(1), transitional period): inform the traveller.`,
  };
}

/**
 * ETIAS in the border check (Reg. (EU) 2018/1240 art. 47): for a national of a visa-exempt country
 * (Reg. (EU) 2018/1806 Annex II) the travel document read is queried in ETIAS and the answer shown; EU, EEA and
 * Swiss citizens and visa holders need no travel authorisation. A nationality on neither list (stateless
 * persons, refugees) is queried too, and a missing authorisation then asks for attention only.
 */
export function etiasBorderStep(
  etias: EtiasBorderQuery,
  options: EtiasBorderOptions = {},
): BorderCheckStep<EtiasData> {
  const transitionalUntil = options.transitionalUntil ?? null;
  return {
    system: 'etias',
    async run(ctx): Promise<StepOutcome<EtiasData>> {
      const requirement = visaRequirement(ctx.holder.nationality);
      if (requirement === 'required' || requirement === 'free-movement') {
        return {
          findings: [],
          data: { required: false, visaRequirement: requirement, answer: null, transitionalUntil },
        };
      }
      const memberState = lookupBcp(ctx.bcpId)?.memberStateAlpha3 ?? ctx.bcpId.slice(0, 2);
      const answer = await etias.borderQuery({
        actor: ctx.actor,
        purpose: ctx.purpose,
        ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
        document: {
          number: ctx.holder.documentNumber,
          issuingState: ctx.holder.issuingState,
          nationality: ctx.holder.nationality,
          expiry: ctx.holder.expiryDate,
        },
        memberState,
        today: ctx.today,
      });
      let findings = findingsOf(answer, memberState);
      if (requirement === 'unknown') {
        // Whether a travel authorisation is needed depends on a status the document does not show.
        findings = findings.map((f) =>
          f.level === 'stop' && f.code === 'ETIAS_MISSING' ? { ...f, level: 'attention' } : f,
        );
      }
      if (transitionalUntil !== null && ctx.today <= transitionalUntil) {
        findings = findings.map((f) => transitional(f, transitionalUntil));
      }
      const flagged =
        answer.valid && answer.flags.includes('second-line-check') ? answer.applicationId : null;
      return {
        findings,
        data: { required: true, visaRequirement: requirement, answer, transitionalUntil },
        // The application answered with, whose MID links the check shows (2019/817 art. 26; SBC art. 8(4a)).
        ...(answer.applicationId === null ? {} : { records: [`etias:${answer.applicationId}`] }),
        // Art. 36(2): the flag goes once the traveller has been checked and EES holds the entry record.
        ...(flagged === null
          ? {}
          : {
              record: async (trx: Executor, check: { present: boolean }) => {
                if (check.present) {
                  await etias.secondLineCheckDone(trx, {
                    actor: ctx.actor,
                    purpose: ctx.purpose,
                    ...(ctx.requestId === undefined ? {} : { requestId: ctx.requestId }),
                    applicationId: flagged,
                  });
                }
              },
            }),
      };
    },
  };
}
