import { randomBytes, randomUUID } from 'node:crypto';
import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { Logger } from '../../platform/logger.ts';
import { isoDate, plusYears } from '../../platform/dates.ts';
import { isAppError } from '../../platform/errors.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { AuditLog } from '../audit/index.ts';
import {
  type CirFile,
  type CirRef,
  type CirRepository,
  type CirSystem,
  documentKey,
  identityKeys,
  sameDocument,
} from '../cir/index.ts';
import {
  midDifferentWithoutNames,
  midVerdict,
  type IdentityData,
  type MidSettings,
  type NameField,
} from '../identity/index.ts';
import type { IdentityIndexService, IdentityQuery } from '../matching/index.ts';
import type { BiometricMatching, Partition, Template } from '../sbms/index.ts';
import { LINKS_TOPIC, type LinkEvidence } from './model.ts';
import { MidRepository, pairOf, type LinkRow, type LinkWrite } from './repository.ts';
import { automatedColor, linkRules } from './rules/color.ts';
import { DEFAULT_VERIFY_WITHIN_HOURS, verifierOf, verifyByOf } from './rules/verifier.ts';

export interface DetectionDeps {
  biometrics: BiometricMatching;
  identityIndex: IdentityIndexService;
  cirFiles: CirRepository;
  audit: AuditLog;
  clock: Clock;
  logger?: Logger;
  /** Hours a verifying authority has for a yellow link, per authority type ([K], art. 29). */
  verifyWithinHours?: typeof DEFAULT_VERIFY_WITHIN_HOURS;
  /** The change feed: the ids of links created, changed or removed, under `mid.links`. */
  changes?: Changes;
}

/** What one detection run wrote. */
export interface DetectionReport {
  /** Links created or refreshed. */
  written: number;
  /** Unverified links removed because their records no longer match. */
  dropped: number;
}

/**
 * The same/similar rules as the MID applies them (Del. Regs. 2023/333 and 2023/332): each identity of a SIS
 * alert (confirmed, alias, misused) compared on its own (Annex I §1); Eurodac identity data take part
 * (2026/327 and 2026/326 [K]: from the date Reg. (EU) 2024/1358 applies).
 */
export const MID_DETECTION_SETTINGS: Partial<MidSettings> = Object.freeze({
  aliasHandling: 'per-identity',
  eurodac: true,
});

/** The systems whose identities the identity index holds, under these names (the CIR systems). */
const INDEX_SYSTEMS: readonly CirSystem[] = ['ees', 'etias', 'eurodac', 'sis'];
const PARTITIONS: readonly Partition[] = ['ees', 'sis', 'eurodac'];
const BIOMETRIC_LIMIT = 10;
const IDENTITY_LIMIT = 20;
/** Legal basis of the detection's log records. */
const LOG_BASIS = 'Reg. (EU) 2019/817 and 2019/818 arts. 27-28, 36; Del. Reg. (EU) 2023/333 art. 4';

const refOf = (f: CirFile): CirRef => `${f.system}:${f.recordRef}`;
const systemOf = (ref: string): CirSystem => ref.slice(0, ref.indexOf(':')) as CirSystem;
const text = (field: NameField | undefined): string | undefined =>
  field === undefined ? undefined : typeof field === 'string' ? field : field.join(' ');

/** The identity index's query for one identity (main or alias). */
function queryOf(identity: {
  surname?: NameField;
  givenNames?: NameField;
  birthDate?: string;
  sex?: string;
  nationalities?: readonly string[];
  placeOfBirth?: string;
}): IdentityQuery {
  const surname = text(identity.surname);
  const givenNames = text(identity.givenNames);
  return {
    ...(surname ? { surname } : {}),
    ...(givenNames ? { givenNames } : {}),
    ...(identity.birthDate ? { birthDate: identity.birthDate } : {}),
    ...(identity.sex ? { sex: identity.sex } : {}),
    ...(identity.nationalities?.length ? { nationalities: identity.nationalities } : {}),
    ...(identity.placeOfBirth ? { placeOfBirth: identity.placeOfBirth } : {}),
  };
}

/** Letters and digits of an identification number, without the look-alikes (0/O, 1/I). */
const ICF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newIcf(): string {
  const bytes = randomBytes(10);
  let out = 'MID-';
  for (const b of bytes) {
    out += ICF_ALPHABET[b % ICF_ALPHABET.length];
  }
  return out;
}

interface Pair {
  trigger: CirFile;
  otherRef: CirRef;
  /** From the 1:N search, when it found the other record. */
  biometric?: { score: number; falseMatchRate: number };
}

/**
 * The detection of art. 27 for a batch of created or updated CIR files (2019/817 and 2019/818 arts. 27-28;
 * Del. Reg. 2023/333): for each file, candidates in the other systems (never the same system) by biometrics
 * (sBMS 1:N in the other partitions), by identity (the identity index, and the SIS alias identities' keys)
 * and by travel document (the CIR's document keys); each pair's evidence (1:1 biometric comparison where both
 * hold templates of a common modality, the MID verdict, the document) gives the automated colour; links are
 * stored or refreshed in one statement, and one log record is written per run that changed links.
 */
export class Detection {
  readonly #deps: DetectionDeps;
  readonly #repo = new MidRepository();

  constructor(deps: DetectionDeps) {
    this.#deps = deps;
  }

  async detect(trx: Executor, files: readonly CirFile[]): Promise<DetectionReport> {
    if (files.length === 0) {
      return { written: 0, dropped: 0 };
    }
    const { biometrics, identityIndex, cirFiles } = this.#deps;
    const pairs = new Map<string, Pair>();
    const add = (trigger: CirFile, otherRef: CirRef, biometric?: Pair['biometric']) => {
      if (systemOf(otherRef) === trigger.system) {
        return;
      }
      const key = `${refOf(trigger)} ${otherRef}`;
      const known = pairs.get(key);
      if (known === undefined) {
        pairs.set(key, { trigger, otherRef, ...(biometric ? { biometric } : {}) });
      } else if (biometric && !known.biometric) {
        known.biometric = biometric;
      }
    };
    // (1) Biometrics: the file's stored templates, 1:N in the other partitions.
    const templates = new Map<CirRef, Template[]>();
    for (const partition of PARTITIONS) {
      const refs = files.filter((f) => f.biometrics === partition).map((f) => f.recordRef);
      for (const [recordRef, list] of await biometrics.templates(trx, partition, refs)) {
        templates.set(`${partition}:${recordRef}` as CirRef, list);
      }
    }
    for (const f of files) {
      const probe = templates.get(refOf(f));
      if (probe === undefined || probe.length === 0) {
        continue;
      }
      const others = PARTITIONS.filter((p) => p !== f.system);
      const found = await biometrics.identify(probe, {
        partitions: others,
        limit: BIOMETRIC_LIMIT,
        matchesOnly: true,
        ownWrites: false,
      });
      for (const c of found) {
        add(f, `${c.partition}:${c.recordRef}` as CirRef, {
          score: c.score,
          falseMatchRate: c.falseMatchRate,
        });
      }
    }
    // (2) Identity: the identity index over the other systems, for each identity of the file.
    for (const f of files) {
      const systems = INDEX_SYSTEMS.filter((s) => s !== f.system);
      for (const identity of [f.identity, ...(f.identity.aliasIdentities ?? [])]) {
        for (const c of this.#search(identityIndex, queryOf(identity), systems)) {
          add(f, `${c.system}:${c.recordRef}` as CirRef);
        }
      }
    }
    // ... and the SIS alias identities, which the index does not hold.
    const aliasProbe = new Map<string, CirFile[]>();
    for (const f of files) {
      if (f.system === 'sis') {
        continue;
      }
      for (const k of identityKeys(f.identity)) {
        aliasProbe.set(k, [...(aliasProbe.get(k) ?? []), f]);
      }
    }
    for (const { key, ref } of await cirFiles.byAliasKeys(trx, [...aliasProbe.keys()])) {
      for (const f of aliasProbe.get(key) ?? []) {
        add(f, ref);
      }
    }
    // (3) Travel documents: the same number in another system.
    const docProbe = new Map<string, CirFile[]>();
    for (const f of files) {
      for (const d of f.documents) {
        const k = documentKey(d.number);
        if (k !== '') {
          docProbe.set(k, [...(docProbe.get(k) ?? []), f]);
        }
      }
    }
    for (const { key, ref } of await cirFiles.byDocumentKeys(trx, [...docProbe.keys()])) {
      for (const f of docProbe.get(key) ?? []) {
        add(f, ref);
      }
    }
    // Links the files already take part in are evaluated again (an update may end a match).
    const batchRefs = files.map(refOf);
    const byRef = new Map(files.map((f) => [refOf(f), f]));
    const existing = await this.#repo.ofRecords(trx, batchRefs);
    for (const link of existing) {
      const [a, b] = link.records;
      const trigger = byRef.get(a) ?? byRef.get(b);
      if (trigger !== undefined) {
        add(trigger, refOf(trigger) === a ? b : a);
      }
    }
    if (pairs.size === 0) {
      return { written: 0, dropped: 0 };
    }
    // The other records, in one read; then the templates of those a 1:1 comparison needs.
    const others = new Map<string, CirFile>(byRef);
    const missing = [...new Set([...pairs.values()].map((p) => p.otherRef))].filter((r) => !others.has(r));
    for (const f of await cirFiles.files(trx, missing)) {
      others.set(refOf(f), f);
    }
    const need = new Map<Partition, Set<string>>();
    for (const p of pairs.values()) {
      const other = others.get(p.otherRef);
      if (!p.biometric && other?.biometrics && p.trigger.biometrics && !templates.has(p.otherRef)) {
        const set = need.get(other.biometrics) ?? new Set<string>();
        set.add(other.recordRef);
        need.set(other.biometrics, set);
      }
    }
    for (const [partition, refs] of need) {
      for (const [recordRef, list] of await biometrics.templates(trx, partition, [...refs])) {
        templates.set(`${partition}:${recordRef}` as CirRef, list);
      }
    }
    const now = this.#deps.clock.now();
    const at = now.toISOString();
    const writes = new Map<string, LinkWrite>();
    const noMatch: string[] = [];
    for (const p of pairs.values()) {
      const other = others.get(p.otherRef);
      if (other === undefined) {
        continue; // no longer held (erased meanwhile): no link (art. 35)
      }
      const pair = pairOf(refOf(p.trigger), p.otherRef);
      if (writes.has(pair)) {
        continue;
      }
      let evidence: LinkEvidence;
      try {
        evidence = this.#evidence(p, other, templates);
      } catch (err) {
        // One pair the rules cannot judge (data a source let through) must not stop the repository's
        // synchronisation; it is logged and left for a person to look at.
        this.#deps.logger?.error({ err, records: [refOf(p.trigger), p.otherRef] }, 'MID: pair not judged');
        continue;
      }
      const color = automatedColor(evidence);
      if (color === null) {
        noMatch.push(pair);
        continue;
      }
      const verifier = verifierOf(p.trigger, other);
      writes.set(pair, {
        id: `mil_${randomUUID()}`,
        icf: newIcf(),
        pair,
        color,
        record_a: refOf(p.trigger),
        record_b: p.otherRef,
        system_a: p.trigger.system,
        system_b: other.system,
        rules: linkRules(evidence),
        evidence,
        verifier_type: verifier.authorityType,
        verifier_state: verifier.memberState,
        verifier,
        verify_by: color === 'yellow' ? verifyByOf(now, verifier, this.#deps.verifyWithinHours) : null,
        at,
      });
    }
    // A pair that no longer matches loses its link unless a person verified it (a decision stands).
    const stale = noMatch.length === 0 ? [] : await this.#repo.byPairs(trx, noMatch);
    const drop = stale.filter((r: LinkRow) => r.verification === null).map((r) => r.pair);
    const dropped = await this.#repo.deletePairs(trx, drop);
    const before = new Map((await this.#repo.byPairs(trx, [...writes.keys()])).map((r) => [r.pair, r]));
    const list = [...writes.values()];
    await this.#repo.upsert(trx, list);
    // What the log names: new links, and existing ones whose colour or rules changed (with their own number).
    const changed = list.flatMap((w) => {
      const b = before.get(w.pair);
      if (b === undefined) {
        return [w];
      }
      // A verified link keeps its colour (the person's decision); only a change of rules is news.
      const color = b.verification === null ? w.color : (b.color as LinkWrite['color']);
      const same = JSON.stringify([b.color, b.rules]) === JSON.stringify([color, w.rules]);
      return same ? [] : [{ ...w, icf: b.icf, color }];
    });
    if (changed.length > 0 || dropped.length > 0) {
      // The statistics follow links through the feed (2019/817 art. 39): created, recoloured and removed ones.
      const ids = [...dropped, ...changed.map((w) => before.get(w.pair)?.id ?? w.id)];
      await this.#deps.changes?.record(trx, LINKS_TOPIC, [...new Set(ids)]);
      await this.#log(trx, changed, dropped.length, now);
    }
    return { written: list.length, dropped: dropped.length };
  }

  #search(index: IdentityIndexService, query: IdentityQuery, systems: readonly CirSystem[]) {
    if (query.surname === undefined && query.givenNames === undefined) {
      return [];
    }
    try {
      return index.search(query, { systems, limit: IDENTITY_LIMIT });
    } catch (err) {
      // A query too partial for the blocking rules proposes nothing.
      if (isAppError(err) && err.kind === 'Invalid') {
        return [];
      }
      throw err;
    }
  }

  #evidence(p: Pair, other: CirFile, templates: ReadonlyMap<CirRef, Template[]>): LinkEvidence {
    let biometric: LinkEvidence['biometric'] = 'not-compared';
    let score: { biometricScore: number; falseMatchRate: number } | undefined;
    if (p.biometric) {
      biometric = 'match';
      score = { biometricScore: p.biometric.score, falseMatchRate: p.biometric.falseMatchRate };
    } else {
      const a = templates.get(refOf(p.trigger));
      const b = templates.get(p.otherRef);
      if (a && b && a.length > 0 && b.length > 0) {
        const r = this.#deps.biometrics.compareTemplates(a, b);
        if (r.compared) {
          biometric = r.decision;
          score = { biometricScore: r.score, falseMatchRate: r.falseMatchRate };
        }
      }
    }
    const x: IdentityData = p.trigger.identity;
    const y: IdentityData = other.identity;
    let identity: LinkEvidence['identity'] = 'different';
    let identityRules: LinkEvidence['identityRules'] = [];
    // A pair whose date of birth, sex or nationality differs on every identity pair is different without the
    // names rules (most candidates are namesakes of another person).
    if (!midDifferentWithoutNames(x, y, MID_DETECTION_SETTINGS)) {
      const v = midVerdict(x, y, MID_DETECTION_SETTINGS);
      identity = v.verdict;
      identityRules = v.verdict === 'similar' ? v.rules : [];
    }
    const document = p.trigger.documents.some((d) => other.documents.some((e) => sameDocument(d, e)));
    return { biometric, ...(score ?? {}), identity, identityRules, document };
  }

  async #log(trx: Executor, changed: readonly LinkWrite[], dropped: number, now: Date): Promise<void> {
    const colors = new Map<string, number>();
    for (const w of changed) {
      colors.set(w.color, (colors.get(w.color) ?? 0) + 1);
    }
    const summary = [...colors].map(([c, n]) => `${n} ${c}`).join(', ');
    await this.#deps.audit.record(trx, {
      actor: SYSTEM_ACTOR,
      system: 'mid',
      component: 'detection',
      operation: 'mid.link-created',
      outcome: 'success',
      legalBasis: LOG_BASIS,
      resultSummary: `links created or updated: ${summary || 'none'}${dropped > 0 ? `; ${dropped} removed` : ''}`,
      recordRefs: [...new Set(changed.flatMap((w) => [w.record_a, w.record_b]))].slice(0, 200),
      linkChanges: changed.slice(0, 200).map((w) => ({
        icf: w.icf,
        color: w.color,
        records: [w.record_a, w.record_b],
        rules: w.rules,
      })),
      // Del. Reg. 2023/333 art. 4: the MID's logs are erased one year after they were made.
      retainUntil: plusYears(isoDate(now), 1),
    });
  }
}
