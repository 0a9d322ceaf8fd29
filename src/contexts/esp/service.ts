import { createHash } from 'node:crypto';
import { grantAccess, requireAccess, type Actor, type Permission, type SystemCode } from '../access/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { forbidden, invalid, isAppError, type AppError } from '../../platform/errors.ts';
import { stableJson } from '../../platform/json.ts';
import type { Logger } from '../../platform/logger.ts';
import { isValidDocumentCountryCode } from '../reference/index.ts';
import { parsePartialDate } from '../identity/index.ts';
import type { CirRef } from '../cir/index.ts';
import type { MidLinkNotices } from '../mid/index.ts';
import type { BiometricMatching, Template, TemplateInput } from '../sbms/index.ts';
import {
  ESP_ERRORS,
  QUERY_FIELDS,
  queryTypesOf,
  type QueryField,
  type SearchProfile,
  type SearchQuery,
  type SearchSource,
  type SourceAnswer,
  type SourceHit,
} from './model.ts';
import { ESP_PROFILES_VERSION, findSearchProfile, validateSearchProfiles } from './profiles.ts';
import {
  allowanceFor,
  allowanceOf,
  visibleExplanation,
  withholdFields,
  type FieldAllowance,
} from './allowance.ts';

export interface EspDeps {
  audit: AuditLog;
  logger: Logger;
  profiles: readonly SearchProfile[];
  /** How long one source may take before the portal reports it as timed out. */
  sourceTimeoutMs: number;
  /** Decodes the templates of biometric queries; without it a biometric query is refused. */
  biometrics?: BiometricMatching;
  /**
   * The multiple-identity detector's links of the records found (2019/817 art. 9(4): the reply holds the
   * links too; art. 26: which the officer may see). Without it, hits carry no links.
   */
  linkNotices?: MidLinkNotices;
}

export interface PreparedSearch {
  readonly profile: SearchProfile;
  readonly query: SearchQuery;
  /** The query's biometric templates, decoded; empty for a query without them. */
  readonly biometrics: readonly Template[];
  /** The actor carrying the query's one access decision, passed to every source. */
  readonly actor: Actor;
  /** Systems the actor may not read, with the refusal each reports (`not-permitted`). */
  readonly refused: ReadonlyMap<Permission, AppError>;
}

export interface SearchSummary {
  profile: string;
  systems: SystemCode[];
  counts: Partial<Record<SystemCode, number>>;
}

/** A real date with `00` for an unknown month or day (never a day without its month). */
function isPartialDate(text: string): boolean {
  const parsed = parsePartialDate(text);
  return parsed.ok && !(parsed.date.month === 0 && parsed.date.day !== 0);
}

/** Keeps only the fields the profile may receive from that system; never adds any. */
function filterHit(
  system: SystemCode,
  hit: SourceHit,
  allowance: FieldAllowance,
): SourceAnswer['results'][number] {
  const fields: Record<string, unknown> = {};
  for (const name of allowance.allowed) {
    if (Object.hasOwn(hit.fields, name)) {
      fields[name] = withholdFields(hit.fields[name], allowance);
    }
  }
  return {
    system,
    recordRef: hit.recordRef,
    probability: hit.probability,
    explanation: visibleExplanation(hit.explanation, allowance),
    warningMarkers: allowance.allowed.has('warningMarkers') ? [...(hit.warningMarkers ?? [])] : [],
    fields,
    ...(hit.biometric === undefined
      ? {}
      : { biometric: { ...hit.biometric, modalities: [...hit.biometric.modalities] } }),
  };
}

/**
 * The types of biometric data a query used, as the logs name them (2018/1862 art. 12(1); 2017/2226 art. 46):
 * the type only, never the templates.
 */
function biometricDataTypes(probe: readonly Template[]): string[] {
  return [
    ...(probe.some((t) => t.modality === 'face') ? ['facialImage'] : []),
    ...(probe.some((t) => t.modality === 'finger') ? ['dactyloscopicData'] : []),
  ];
}

/**
 * The European Search Portal (2019/817 arts. 6-11): one query, every system the officer's profile allows, at
 * the same time; each system's answer as soon as it arrives; only the fields the profile may see.
 */
export class EspService {
  readonly #sources = new Map<SystemCode, SearchSource>();
  readonly #deps: EspDeps;

  constructor(deps: EspDeps) {
    const problems = validateSearchProfiles(deps.profiles);
    if (problems.length > 0) {
      throw new Error(`invalid ESP search profiles:\n  - ${problems.join('\n  - ')}`);
    }
    this.#deps = deps;
  }

  /** Plugs a system into the portal. */
  register(source: SearchSource): void {
    if (this.#sources.has(source.system)) {
      throw new Error(`a search source for ${source.system} is already registered`);
    }
    this.#sources.set(source.system, source);
  }

  /**
   * What an actor acting for `purpose` may see of a system's data, from the same profiles the portal applies;
   * null when no search profile exists for them. The systems' own routes filter their answers with it.
   */
  allowance(actor: Actor, purpose: string | null, system: SystemCode): FieldAllowance | null {
    return allowanceFor(this.#deps.profiles, actor.authorityType, purpose, system);
  }

  /** A system's answer without the fields the allowance withholds (see {@link withholdFields}). */
  withhold(value: unknown, allowance: FieldAllowance): unknown {
    return withholdFields(value, allowance);
  }

  get registeredSystems(): SystemCode[] {
    return [...this.#sources.keys()];
  }

  /**
   * The search profiles the actor may search under: those of its authority type for the purposes its access
   * profile holds, in the order of the profile set (the search form offers their fields and systems).
   */
  profilesOf(actor: Actor): SearchProfile[] {
    requireAccess({ actor, permission: 'esp:search' });
    return this.#deps.profiles.filter(
      (p) => p.authorityType === actor.authorityType && actor.profile.purposes.includes(p.purpose),
    );
  }

  /** The profile that applies to this actor and purpose, or a clear refusal. */
  profileFor(actor: Actor, purpose: string | null): SearchProfile {
    const checked = requireAccess({ actor, permission: 'esp:search', purpose });
    return this.#profileOf(actor, checked, purpose);
  }

  #profileOf(actor: Actor, checked: string | null, purpose: string | null): SearchProfile {
    const profile = checked
      ? findSearchProfile(this.#deps.profiles, actor.authorityType, checked)
      : undefined;
    if (!profile) {
      throw forbidden(
        'ESP_NO_PROFILE',
        `There is no search profile for ${actor.authorityType} acting for "${purpose}".`,
      );
    }
    return profile;
  }

  /**
   * Runs one query. `onAnswer` is called once per consulted system, in the order the answers arrive (also for
   * systems the profile may not reach, with status `not-permitted`, so the officer sees what was not asked).
   * The log record (2019/817 art. 10) is written once every source has answered or timed out.
   */
  async search(input: {
    actor: Actor;
    purpose: string | null;
    query: SearchQuery;
    biometrics?: readonly TemplateInput[];
    onAnswer: (answer: SourceAnswer) => void;
    requestId?: string;
    signal?: AbortSignal;
  }): Promise<SearchSummary> {
    return this.execute({ ...input, prepared: this.prepare(input) });
  }

  /**
   * Checks access and the query before anything is sent anywhere: every refusal comes from here. Access is
   * decided once for the whole query (the portal's permission, the purpose, each system's read permission);
   * the sources and the use cases they call take that decision as it stands.
   */
  prepare(input: {
    actor: Actor;
    purpose: string | null;
    query: SearchQuery;
    biometrics?: readonly TemplateInput[];
  }): PreparedSearch {
    const reads = [...this.#sources.values()].flatMap((s) => s.permissions ?? []);
    const grant = grantAccess({
      actor: input.actor,
      purpose: input.purpose,
      permissions: ['esp:search', ...new Set(reads)],
    });
    const profile = this.#profileOf(input.actor, grant.purpose, input.purpose);
    const biometrics = this.#decodeBiometrics(input.biometrics ?? [], profile);
    return {
      profile,
      query: this.#validateQuery(input.query, profile, biometrics.length > 0),
      biometrics,
      actor: grant.actor,
      refused: grant.refused,
    };
  }

  /** Runs a prepared query against every consulted source at once. */
  async execute(input: {
    actor: Actor;
    prepared: PreparedSearch;
    onAnswer: (answer: SourceAnswer) => void;
    requestId?: string;
    signal?: AbortSignal;
  }): Promise<SearchSummary> {
    const { profile, query, biometrics } = input.prepared;
    const queryTypes = queryTypesOf(query, biometrics.length > 0);
    const consulted = [...new Set([...profile.shall, ...profile.may])];
    const counts: Partial<Record<SystemCode, number>> = {};
    // Every record the query has found so far: a green link shows once the query has matched both (art. 26(4)).
    const matched: CirRef[] = [];

    const answers = consulted.map(async (system) => {
      const started = performance.now();
      const source = this.#sources.get(system);
      const allowance = allowanceOf(profile, system);
      const answer = (
        status: SourceAnswer['status'],
        results: SourceAnswer['results'],
        message?: string,
      ): SourceAnswer => ({
        system,
        status,
        tookMs: Math.round(performance.now() - started),
        ...(message ? { message } : {}),
        results,
      });
      if (!source) {
        // Not (yet) connected to this installation: said plainly, never silently left out.
        return answer('error', [], `${system} is not connected to this portal`);
      }
      const refusal = source.permissions && input.prepared.refused.get(source.permissions[0]);
      if (refusal !== undefined) {
        return answer('not-permitted', [], refusal.message);
      }
      const types = queryTypes.filter((t) => source.queryTypes.includes(t));
      if (types.length === 0) {
        return answer('ok', [], `${system} holds nothing searchable by ${queryTypes.join(', ')}`);
      }
      const controller = new AbortController();
      const abortOuter = () => controller.abort();
      input.signal?.addEventListener('abort', abortOuter, { once: true });
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => {
            controller.abort();
            resolve('timeout');
          }, this.#deps.sourceTimeoutMs);
        });
        const result = await Promise.race([
          source.search({
            actor: input.prepared.actor,
            purpose: profile.purpose,
            query,
            queryTypes: types,
            ...(types.includes('biometric') ? { biometrics } : {}),
            signal: controller.signal,
          }),
          timeout,
        ]);
        if (result === 'timeout') {
          return answer('timeout', [], `${system} did not answer within ${this.#deps.sourceTimeoutMs} ms`);
        }
        const results = [...result]
          .sort((a, b) => b.probability - a.probability)
          .map((hit) => filterHit(system, hit, allowance));
        counts[system] = results.length;
        await this.#attachLinks(input.prepared.actor, results, matched, input.requestId);
        return answer('ok', results);
      } catch (err) {
        if (isAppError(err) && (err.kind === 'Forbidden' || err.kind === 'Unauthenticated')) {
          return answer('not-permitted', [], err.message);
        }
        if (isAppError(err) && err.code === ESP_ERRORS.queryTooBroad) {
          return answer('too-broad', [], err.message);
        }
        this.#deps.logger.warn({ err, system, requestId: input.requestId }, 'search source failed');
        return answer('error', [], `${system} could not answer`);
      } finally {
        clearTimeout(timer);
        input.signal?.removeEventListener('abort', abortOuter);
      }
    });
    await Promise.all(answers.map((p) => p.then((a) => input.onAnswer(a))));

    await this.#deps.audit.append({
      actor: input.actor,
      system: 'esp',
      component: 'esp',
      operation: 'esp.search',
      outcome: 'success',
      purpose: profile.purpose,
      legalBasis: profile.basis,
      // The types of data used, never their values (2019/817 art. 10; 2018/1862 art. 12): for biometric
      // templates the type alone, and they are not part of the query's hash either.
      queryDataTypes: [...(Object.keys(query) as QueryField[]).sort(), ...biometricDataTypes(biometrics)],
      queryDataHash: createHash('sha256').update(stableJson(query)).digest('hex'),
      resultSummary: `profile ${profile.id} (v${ESP_PROFILES_VERSION}); ${queryTypes.join(', ')} query; ${consulted
        .map((s) => `${s}: ${counts[s] ?? 0}`)
        .join(', ')}`,
      recordRefs: [],
      requestId: input.requestId ?? null,
    });
    return { profile: profile.id, systems: consulted, counts };
  }

  /**
   * Adds to each hit the links of its record the officer may see (2019/817 arts. 9(4), 26), with one read for
   * the answer. Answers arrive one system at a time, so a green link shows on the hit of the second of its two
   * systems to answer, once the query has matched both. A failing read leaves the links out, never the answer.
   */
  async #attachLinks(
    actor: Actor,
    results: SourceAnswer['results'],
    matched: CirRef[],
    requestId: string | undefined,
  ): Promise<void> {
    const notices = this.#deps.linkNotices;
    if (notices === undefined || results.length === 0) {
      return;
    }
    const refs = results.map((r) => r.recordRef as CirRef);
    matched.push(...refs);
    try {
      const found = await notices.noticesFor(actor, refs, { matched: [...matched] });
      for (const r of results) {
        const links = found.get(r.recordRef as CirRef);
        if (links !== undefined && links.length > 0) {
          r.links = links;
        }
      }
    } catch (err) {
      this.#deps.logger.warn({ err, requestId }, 'the links of the records found could not be read');
    }
  }

  /**
   * Decodes a biometric query's templates for a profile that may use them (2019/817 art. 9(1) [K]: which
   * profiles may is in the profile set). A probe is decoded without the enrolment quality gate: it is compared
   * whatever its quality and its score says how far to trust it.
   */
  #decodeBiometrics(inputs: readonly TemplateInput[], profile: SearchProfile): Template[] {
    if (inputs.length === 0) {
      return [];
    }
    if (profile.biometric !== true) {
      throw forbidden(
        ESP_ERRORS.biometricNotAllowed,
        `Your search profile (${profile.id}) may not search with biometric data.`,
        { profile: profile.id },
      );
    }
    if (this.#deps.biometrics === undefined) {
      throw invalid(
        ESP_ERRORS.biometricUnavailable,
        'This portal has no biometric matching service: search without biometric data.',
      );
    }
    return this.#deps.biometrics.decode(inputs, 'biometrics', { qualityGate: false });
  }

  #validateQuery(raw: SearchQuery, profile: SearchProfile, biometric = false): SearchQuery {
    const query: SearchQuery = {};
    for (const [k, v] of Object.entries(raw)) {
      if (v === undefined || v.trim() === '') {
        continue;
      }
      if (!QUERY_FIELDS.includes(k as QueryField)) {
        throw invalid('ESP_QUERY_FIELD_UNKNOWN', `"${k}" is not a search field.`, { known: QUERY_FIELDS });
      }
      if (!profile.queryFields.includes(k as QueryField)) {
        throw forbidden(
          'ESP_QUERY_FIELD_NOT_ALLOWED',
          `Your search profile (${profile.id}) may not search by ${k}.`,
          {
            allowed: profile.queryFields,
          },
        );
      }
      query[k as QueryField] = v.trim();
    }
    if (queryTypesOf(query, biometric).length === 0) {
      throw invalid(
        'ESP_QUERY_EMPTY',
        `Give at least a surname, given names or date of birth, a document number, or a vehicle (plate, VIN or container)${
          profile.biometric === true ? ', or biometric data' : ''
        }.`,
      );
    }
    if (
      query.birthDate !== undefined &&
      (!/^\d{4}-\d{2}-\d{2}$/.test(query.birthDate) || !isPartialDate(query.birthDate))
    ) {
      throw invalid(
        'ESP_QUERY_BIRTH_DATE_INVALID',
        'Write the date of birth as YYYY-MM-DD, with 00 for an unknown day or month.',
        { field: 'birthDate' },
      );
    }
    // Invalid values are the officer's to correct (400), not a failure of the systems asked.
    if (query.sex !== undefined) {
      query.sex = query.sex.toUpperCase();
      if (!['M', 'F', 'X'].includes(query.sex)) {
        throw invalid(ESP_ERRORS.queryValueInvalid, 'Sex is M, F or X.', { field: 'sex' });
      }
    }
    for (const field of ['nationality', 'documentIssuingState'] as const) {
      const code = query[field]?.toUpperCase();
      if (code !== undefined) {
        if (!isValidDocumentCountryCode(code)) {
          throw invalid(
            ESP_ERRORS.queryValueInvalid,
            `${field} "${query[field]}" is not a travel-document country code (e.g. USA, D, XXA).`,
            { field },
          );
        }
        query[field] = code;
      }
    }
    return query;
  }
}
