import { createHash } from 'node:crypto';
import { stableJson as stableStringify } from '../../platform/json.ts';
import type { AuditEvent } from './model.ts';

/**
 * The hash of a record covers its predecessor's hash and every field in a fixed order, so that changing,
 * inserting or removing any record breaks the chain from that record on.
 */
export function hashEvent(e: Omit<AuditEvent, 'hash'>): string {
  const canonical = stableStringify([
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
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
