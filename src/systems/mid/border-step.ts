import type { CirRef } from '../../contexts/cir/index.ts';
import type { LinkNotice, MidLinkNotices } from '../../contexts/mid/index.ts';
import type { BorderCheckStep, Finding } from '../../flows/border-check/index.ts';

/** What the MID shows the guard (`result.extra.mid`): the notices of the links of the records found. */
export interface MidData {
  links: LinkNotice[];
}

const otherOf = (n: LinkNotice): string => (typeof n.other === 'string' ? n.other : n.other.system);

/** The verifying authority as a finding names it, e.g. `border FI`. */
const authorityOf = (n: LinkNotice): string => `${n.verifier.authorityType} ${n.verifier.memberState}`;

/** The parts of a link finding for a translated text: the verifying authority by type and state code. */
const params = (n: LinkNotice): Record<string, string> => ({
  linkId: n.linkId,
  icf: n.icf,
  record: n.record,
  other: otherOf(n),
  authorityType: n.verifier.authorityType,
  authorityState: n.verifier.memberState,
});

/**
 * A red link (arts. 26(2), 32) or a yellow one (art. 30) on a record the check found. Neither is a refusal by
 * itself: the guard consults the CIR and SIS and performs additional checks (SBC art. 8(4a), inserted by
 * 2019/817 art. 59); a yellow link is verified by its authority without delay, and the person present is
 * given the chance to explain (art. 29 [K]).
 */
function findingOf(n: LinkNotice): Finding | null {
  if (n.color === 'red') {
    return {
      system: 'mid',
      level: 'attention',
      code: 'MID_RED_LINK',
      message: `Red MID link: ${n.record} and ${otherOf(n)} are one person using several identities unlawfully, or different persons sharing a travel document. Consult the CIR and SIS and perform additional checks (SBC art. 8(4a)); identity confirmation file ${n.icf}, responsible authority ${authorityOf(n)}.`,
      params: params(n),
    };
  }
  if (n.color === 'yellow') {
    return {
      system: 'mid',
      level: 'attention',
      code: 'MID_YELLOW_LINK',
      message: `Yellow MID link, not yet verified: ${n.record} and ${otherOf(n)} may be one person or share a travel document. Consult the CIR and SIS, perform additional checks and give the person the chance to explain (SBC art. 8(4a)); identity confirmation file ${n.icf}, responsible authority ${authorityOf(n)}.`,
      params: params(n),
    };
  }
  return null;
}

/**
 * The multiple-identity detector in the border check (2019/817 art. 26; SBC art. 8(4a)): once EES, SIS and
 * ETIAS have answered, the links of the records they showed the guard that the guard may see under art. 26
 * (a green link only when the check found both records). Red and yellow links are findings; every notice is
 * in `result.extra.mid.links`. A check whose steps found no record asks nothing.
 */
export function midBorderStep(mid: MidLinkNotices): BorderCheckStep<MidData> {
  return {
    system: 'mid',
    after: 'records',
    async run(ctx) {
      const records = (ctx.records ?? []) as readonly CirRef[];
      if (records.length === 0) {
        return { findings: [], data: { links: [] } };
      }
      const notices = await mid.noticesFor(ctx.actor, records, { matched: records });
      const links = records.flatMap((r) => notices.get(r) ?? []);
      const findings = new Map<string, Finding>();
      for (const n of links) {
        const finding = findingOf(n);
        if (finding !== null && !findings.has(n.linkId)) {
          findings.set(n.linkId, finding);
        }
      }
      return { findings: [...findings.values()], data: { links } };
    },
  };
}
