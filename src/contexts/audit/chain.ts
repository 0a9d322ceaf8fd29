/// <reference lib="es2024.string" />
import { createHash, createHmac } from 'node:crypto';
import { stableJson as stableStringify } from '../../platform/json.ts';
import type { AuditEvent } from './model.ts';

/**
 * The one form in which text enters the log: well-formed UTF-16 (a lone surrogate becomes U+FFFD, exactly
 * what the database would store for it) and no NUL (which PostgreSQL refuses in text and jsonb). Every field
 * is brought to this form before it is hashed, so the record stored is the record hashed.
 */
export function canonicalText(s: string): string {
  return s.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/**
 * A JSON value as it comes back from a jsonb column: what JSON cannot hold is dropped (`undefined`,
 * functions) or converted (`toJSON`, non-finite numbers → null), and every string and key is canonical text.
 */
export function canonicalJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) {
    return null;
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return canonicalText(v);
    }
    if (Array.isArray(v)) {
      return v.map(walk);
    }
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [canonicalText(k), walk(x)]));
    }
    return v;
  };
  return walk(JSON.parse(text));
}

type Unhashed = Omit<AuditEvent, 'hash'>;

function legacyFields(e: Unhashed): unknown[] {
  return [
    e.seq,
    e.id,
    e.at,
    e.system,
    e.component,
    e.operation,
    e.outcome,
    e.actorKind,
    e.userId,
    e.username,
    e.authorityId,
    e.authorityName,
    e.authorityType,
    e.memberState,
    e.profile,
    e.purpose,
    e.legalBasis,
    e.queryDataTypes,
    e.queryDataHash,
    e.resultSummary,
    e.recordRefs,
    e.linkChanges ?? null,
    e.requestId,
    e.retainUntil,
    e.prevHash,
  ];
}

/**
 * The first scheme (records written before the keyed chain, up to `audit.chain.keyed_from_seq`): plain
 * SHA-256 over the predecessor's hash and every field in a fixed order. Anyone who can write the database can
 * recompute it, which is why new records use {@link hashEventKeyed}.
 */
export function hashEventUnkeyed(e: Unhashed): string {
  return createHash('sha256')
    .update(stableStringify(legacyFields(e)))
    .digest('hex');
}

/**
 * The keyed scheme: HMAC-SHA256 with a key held outside the database, over the same fields plus the
 * client's request id. Without the key, a changed record cannot be given a matching hash.
 */
export function hashEventKeyed(key: string, e: Unhashed): string {
  return createHmac('sha256', key)
    .update(stableStringify(['interlink-audit-v2', ...legacyFields(e), e.clientRequestId]))
    .digest('hex');
}

/** The hash a record must carry: keyed from `keyedFromSeq` on, the first scheme before it. */
export function hashEvent(key: string, keyedFromSeq: number, e: Unhashed): string {
  return e.seq >= keyedFromSeq ? hashEventKeyed(key, e) : hashEventUnkeyed(e);
}

/** Signs the place where the retained chain starts, so that the anchor cannot be moved without the key. */
export function anchorMac(key: string, anchorSeq: number, anchorHash: string): string {
  return createHmac('sha256', key)
    .update(stableStringify(['interlink-audit-anchor', anchorSeq, anchorHash]))
    .digest('hex');
}

/** A signed statement, published outside the database, that the log had reached `seq` with head `hash`. */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** Where the retained chain started at that moment (moves forward only, by retention). */
  anchorSeq: number;
  /** First record of the keyed scheme. */
  keyedFrom: number;
  at: string;
  /** Why it was written: after writes, or after retention pruned the log. */
  reason: 'writes' | 'prune' | 'start';
  hmac: string;
}

export function checkpointMac(key: string, cp: Omit<Checkpoint, 'hmac'>): string {
  return createHmac('sha256', key)
    .update(
      stableStringify([
        'interlink-audit-checkpoint',
        cp.seq,
        cp.hash,
        cp.anchorSeq,
        cp.keyedFrom,
        cp.at,
        cp.reason,
      ]),
    )
    .digest('hex');
}
