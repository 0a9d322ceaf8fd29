import type { EesService } from '../../contexts/ees/index.ts';
import type { BorderCheckResult, Finding, StepContext } from './model.ts';

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * EES in the border check (EES art. 23): find the individual file by the document, else by identity; then the
 * 90/180 calculator (with visa limits and art. 19 decisions) on the BCP's local date.
 */
export async function eesStep(
  ees: EesService,
  ctx: StepContext,
): Promise<{ findings: Finding[]; ees: BorderCheckResult['ees'] }> {
  const call = { actor: ctx.actor, purpose: ctx.purpose, requestId: ctx.requestId };
  const findings: Finding[] = [];
  const files = await ees.searchByDocument({
    ...call,
    query: { number: ctx.holder.documentNumber, issuingState: ctx.holder.issuingState },
  });
  if (files.length === 0) {
    const candidates = await ees.searchByIdentity({
      ...call,
      query: {
        surname: ctx.holder.surname,
        givenNames: ctx.holder.givenNames || undefined,
        birthDate: ctx.holder.birthDate,
        nationalities: [ctx.holder.nationality],
      },
    });
    const same = candidates.filter((c) => c.verdict === 'same');
    if (same.length > 0) {
      findings.push({
        system: 'ees',
        level: 'attention',
        code: 'EES_FILE_UNDER_OTHER_DOCUMENT',
        message: `No EES file for this document, but ${same.length} file(s) hold the same identity under another document (${same
          .map((c) => c.file.documents.map((d) => `${d.issuingState} ${d.number}`).join(', '))
          .join('; ')}): verify before creating a new file.`,
      });
    } else {
      findings.push({
        system: 'ees',
        level: 'info',
        code: 'EES_NO_FILE',
        message: 'No EES file: first entry. An individual file is created with the entry record.',
      });
    }
    return { findings, ees: { file: null, candidates } };
  }
  const details = await ees.viewFile({ ...call, fileId: files[0]!.id, date: ctx.today });
  const { stay } = details;
  if (details.stayProblem) {
    findings.push({
      system: 'ees',
      level: 'attention',
      code: 'EES_RECORD_INCONSISTENT',
      message: details.stayProblem,
    });
  }
  if (details.history.refusals.length > 0) {
    const last = details.history.refusals.at(-1)!;
    findings.push({
      system: 'ees',
      level: 'info',
      code: 'EES_EARLIER_REFUSAL',
      message: `Refused entry before: ${details.history.refusals.length} time(s), last on ${last.date} at ${last.bcp} (grounds ${last.reasons.join(', ')}).`,
    });
  }
  if (stay && !stay.calculatorApplied) {
    findings.push({
      system: 'ees',
      level: 'info',
      code: 'EES_FAMILY_MEMBER',
      message:
        'Family member of a Union citizen without residence card: the 90/180 calculator does not apply (EES art. 11(1)).',
    });
  } else if (stay) {
    if (stay.overstayDays > 0) {
      findings.push({
        system: 'ees',
        level: 'stop',
        code: 'EES_OVERSTAY',
        message: `Overstay: ${stay.overstayDays} day(s) beyond the authorised stay${stay.authorisedUntil ? ` (authorised until ${stay.authorisedUntil})` : ''}.`,
        refusalGround: 'F',
      });
    }
    if (stay.present) {
      findings.push({
        system: 'ees',
        level: 'info',
        code: 'EES_PRESENT',
        message: `Recorded as present${stay.authorisedUntil ? `, authorised until ${stay.authorisedUntil}` : ''}: this is an exit (or the last exit was not recorded).`,
      });
    } else if (stay.plannedStay) {
      const { days, until } = stay.plannedStay;
      const limit = stay.limitedBy ? ` (limited by ${stay.limitedBy})` : '';
      if (days === 0) {
        findings.push({
          system: 'ees',
          level: 'stop',
          code: 'EES_NO_DAYS_LEFT',
          message: `No day of stay left today: 90 days already used in the 180-day window${limit}.`,
          refusalGround: 'F',
        });
      } else if (ctx.intendedExit && until && ctx.intendedExit > until) {
        findings.push({
          system: 'ees',
          level: 'stop',
          code: 'EES_STAY_WOULD_EXCEED',
          message: `The intended stay would exceed the 90/180 rule on ${nextDay(until)}: the longest legal stay from today is ${days} day(s), until ${until}${limit}.`,
          refusalGround: 'F',
        });
      } else {
        findings.push({
          system: 'ees',
          level: 'info',
          code: 'EES_MAY_STAY',
          message: `May stay up to ${days} day(s), until ${until ?? 'the end of the window'}${limit}. Inform the traveller (SBC art. 8(9)).`,
        });
      }
    }
  }
  return { findings, ees: { file: details, candidates: [] } };
}
