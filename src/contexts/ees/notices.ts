import { requireAccess } from '../access/index.ts';
import { lookupBcp, lookupCountry } from '../reference/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { existingFile, LEGAL_BASIS, readThenLog, type Call, type EesContext } from './context.ts';
import { EES_ERRORS } from './errors.ts';
import { renderRefusalNotice, type RefusalNoticeData } from './refusal-notice/render.ts';
import {
  DEFAULT_APPEAL,
  isNoticeLanguage,
  NOTICE_LANGUAGES,
  NOTICE_TEXTS,
  type FormLetter,
  type NoticeLanguage,
} from './refusal-notice/texts.ts';

/** Refusal record ids as EES writes them (`eesx_` and a UUID): anything else is no refusal, unread. */
const REFUSAL_ID = /^eesx_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

/** A printed refusal notice. */
export interface RefusalNotice {
  pdf: Buffer;
  lang: NoticeLanguage;
  refusalId: string;
}

/**
 * The language of the notice: the one the officer asked for (the traveller's, where the form exists in it),
 * else the first of the officer's `Accept-Language` the form exists in, else English. A language asked for
 * explicitly that the form is not printed in is refused rather than silently replaced.
 */
export function noticeLanguage(lang: string | undefined, acceptLanguage: string | undefined): NoticeLanguage {
  if (lang !== undefined) {
    const wanted = lang.trim().toLowerCase();
    if (!isNoticeLanguage(wanted)) {
      throw invalid(
        EES_ERRORS.noticeLanguage,
        `The refusal notice is printed in ${NOTICE_LANGUAGES.join(', ')}; "${lang.slice(0, 20)}" is not one of them.`,
        { supported: NOTICE_LANGUAGES },
      );
    }
    return wanted;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params
        .map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/u.exec(p)?.[1])
        .find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.primary).find(isNoticeLanguage) ?? 'en';
}

const regionName = (lang: NoticeLanguage, alpha2: string | null, fallback: string): string => {
  if (alpha2 === null) {
    return fallback;
  }
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(alpha2) ?? fallback;
  } catch {
    return fallback;
  }
};

/** A document country code as a name in the notice's language, with the code as printed. */
function countryName(lang: NoticeLanguage, code: string): string {
  const country = lookupCountry(code);
  if (country === undefined) {
    return code;
  }
  return `${regionName(lang, country.alpha2, country.name)} (${code})`;
}

/** A calendar date with `00` for unknown parts: localised when complete, else as stored with `XX`. */
function calendarDate(lang: NoticeLanguage, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(value) || value.includes('-00')) {
    return value.replace(/-00/gu, '-XX');
  }
  return new Intl.DateTimeFormat(lang, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${value}T00:00:00Z`));
}

function documentType(lang: NoticeLanguage, type: string): string {
  const names = NOTICE_TEXTS[lang].documentTypes;
  const name = type.startsWith('P') ? names.P : type.startsWith('I') ? names.I : names.other;
  return `${name} (${type})`;
}

const SEX_CODES = new Set(['M', 'F', 'X', 'U']);

/**
 * The refusal of entry notice, Regulation (EU) 2016/399 art. 14(2) and Annex V Part B: the standard form filled
 * from the EES refusal record (EES art. 18) and its file, as a PDF in the language asked for. Only the border
 * authority that refused entry prints it (the form is its decision); the access is logged like every EES read.
 */
export async function refusalNotice(
  ctx: EesContext,
  call: Call & { refusalId: string; lang?: string; acceptLanguage?: string },
): Promise<RefusalNotice> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'ees:write',
    purpose: call.purpose,
    forPurposes: ['border-control'],
  });
  const lang = noticeLanguage(call.lang, call.acceptLanguage);
  const missing = () =>
    notFound(EES_ERRORS.refusalNotFound, `There is no EES refusal record "${call.refusalId.slice(0, 60)}".`);
  if (!REFUSAL_ID.test(call.refusalId)) {
    throw missing();
  }
  await ctx.changes?.ownWrites();
  return readThenLog(ctx, async (db, logs) => {
    const refusal = await ctx.repo.findRefusal(db, call.refusalId);
    if (refusal === undefined) {
      throw missing();
    }
    const ownAuthority =
      refusal.authority_id === null
        ? refusal.member_state === call.actor.memberState
        : refusal.authority_id === call.actor.authorityId;
    if (!ownAuthority) {
      throw forbidden(
        EES_ERRORS.refusalOfAnotherAuthority,
        `Entry was refused by ${refusal.authority} (${refusal.member_state}); only that authority issues the notice.`,
      );
    }
    const file = await existingFile(ctx, db, refusal.file_id);
    const documents = await ctx.repo.documentsOf(db, [file.id]);
    const bcp = lookupBcp(refusal.bcp);
    const at = new Date(refusal.refused_at);
    const zone = bcp?.timeZone ?? 'UTC';
    const time = (timeZone: string, timeZoneName?: 'short') =>
      new Intl.DateTimeFormat(lang, {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: lang === 'en' ? 'h23' : undefined,
        timeZone,
        ...(timeZoneName === undefined ? {} : { timeZoneName }),
      }).format(at);
    const grounds = new Set<FormLetter>(refusal.reasons.map((r) => (r === 'ETIAS' ? 'J' : r)));
    const data: RefusalNoticeData = {
      lang,
      refusalId: refusal.id,
      state: regionName(lang, refusal.member_state, refusal.member_state),
      authority: refusal.authority,
      bcp: bcp === undefined ? refusal.bcp : `${bcp.name} (${bcp.id})`,
      date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: zone }).format(at),
      time: time(zone, 'short'),
      utcTime: time('UTC'),
      refusedAt: at,
      person: {
        surname: file.surname,
        givenNames: file.given_names,
        birthDate: calendarDate(lang, file.birth_date),
        sex: SEX_CODES.has(file.sex) ? (file.sex as 'M' | 'F' | 'X' | 'U') : 'U',
        nationality: file.nationalities.map((n) => countryName(lang, n)).join(', '),
      },
      documents: documents.map((d) => ({
        type: documentType(lang, d.doc_type),
        number: d.number,
        issuingState: countryName(lang, d.issuing_state),
        expiry: calendarDate(lang, d.expiry),
      })),
      grounds,
      appeal: ctx.appealTexts?.[refusal.member_state]?.[lang] ?? DEFAULT_APPEAL[lang],
      officer: `${call.actor.username}, ${call.actor.authorityName}`,
    };
    const pdf = await renderRefusalNotice(data);
    logs.add(call, {
      purpose,
      operation: 'ees.refusal.notice',
      legalBasis: `${LEGAL_BASIS.consult}; Reg. (EU) 2016/399 art. 14(2), Annex V Part B`,
      recordRefs: [file.id, refusal.id],
      resultSummary: `refusal notice printed in ${lang} (grounds ${[...grounds].join(',')})`,
      dataEraseAfter: refusal.erase_after,
    });
    return { pdf, lang, refusalId: refusal.id };
  });
}
