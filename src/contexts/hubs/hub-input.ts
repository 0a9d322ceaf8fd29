import {
  CAMERA_KINDS,
  DEFAULT_HUB_POLICY,
  DIRECTIONS,
  HUB_KINDS,
  type Hub,
  type HubInput,
  type HubPolicy,
} from './model.ts';
import { borderCrossingPoints, isKnownTimeZone } from '../reference/index.ts';
import type { HubRow } from './repository.ts';

const ID = /^[a-z0-9][a-z0-9-]{2,59}$/u;
const PART_ID = /^[A-Za-z0-9][\w.-]{0,59}$/u;
const MEMBER_STATE = /^[A-Z]{2}$/u;
const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/u;

export interface HubIssue {
  path: string;
  message: string;
}

/** Every problem of a hub definition, or none. Pure. */
export function hubIssues(h: HubInput): HubIssue[] {
  const issues: HubIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!ID.test(h.id)) {
    add('id', 'must be 3 to 60 lower-case letters, digits or hyphens, e.g. be-antwerp-bruges');
  }
  if (h.name.trim() === '' || h.name.length > 200) {
    add('name', 'must be 1 to 200 characters');
  }
  if (!HUB_KINDS.includes(h.kind)) {
    add('kind', `must be one of ${HUB_KINDS.join(', ')}`);
  }
  if (!MEMBER_STATE.test(h.memberState)) {
    add('memberState', 'must be a two-letter member state code, e.g. BE');
  }
  if (h.locode !== undefined && !LOCODE.test(h.locode)) {
    add('locode', 'must be a UN/LOCODE of five characters, e.g. BEANR');
  }
  if (h.timeZone !== undefined && !isKnownTimeZone(h.timeZone)) {
    add('timeZone', 'must be an IANA time zone, e.g. Europe/Brussels');
  }
  if (h.gates.length === 0 || h.gates.length > 100) {
    add('gates', 'must list 1 to 100 gates');
  }
  const gateIds = new Set<string>();
  const cameraIds = new Set<string>();
  h.gates.forEach((g, i) => {
    if (!PART_ID.test(g.id) || gateIds.has(g.id)) {
      add(`gates[${i}].id`, 'must be a unique id of letters, digits, dots, hyphens or underscores');
    }
    gateIds.add(g.id);
    if (g.name.trim() === '') {
      add(`gates[${i}].name`, 'is required');
    }
    if (g.cameras.length === 0 || g.cameras.length > 50) {
      add(`gates[${i}].cameras`, 'must list 1 to 50 cameras');
    }
    g.cameras.forEach((c, j) => {
      const p = `gates[${i}].cameras[${j}]`;
      if (!PART_ID.test(c.id) || cameraIds.has(c.id)) {
        add(`${p}.id`, 'must be an id unique in the hub');
      }
      cameraIds.add(c.id);
      if (!CAMERA_KINDS.includes(c.kind)) {
        add(`${p}.kind`, `must be one of ${CAMERA_KINDS.join(', ')}`);
      }
      if (!DIRECTIONS.includes(c.direction)) {
        add(`${p}.direction`, 'must be in or out');
      }
    });
  });
  const policy = policyOf(h.policy);
  if (
    !Number.isInteger(policy.noHitReadRetentionDays) ||
    policy.noHitReadRetentionDays < 1 ||
    policy.noHitReadRetentionDays > 90
  ) {
    add('policy.noHitReadRetentionDays', 'must be a whole number of days from 1 to 90');
  }
  if (
    !Number.isInteger(policy.hitRetentionDays) ||
    policy.hitRetentionDays < 1 ||
    policy.hitRetentionDays > 3650
  ) {
    add('policy.hitRetentionDays', 'must be a whole number of days from 1 to 3650');
  }
  if (
    !Number.isInteger(policy.repeatWindowSeconds) ||
    policy.repeatWindowSeconds < 0 ||
    policy.repeatWindowSeconds > 3600
  ) {
    add('policy.repeatWindowSeconds', 'must be a whole number of seconds from 0 to 3600');
  }
  return issues;
}

export function policyOf(p: Partial<HubPolicy> | undefined): HubPolicy {
  return { ...DEFAULT_HUB_POLICY, ...p };
}

export function presentHub(row: HubRow): Hub {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Hub['kind'],
    memberState: row.member_state,
    locode: row.locode,
    operatorAuthorityId: row.operator_authority_id,
    operatorAuthorityName: row.operator_authority_name,
    gates: row.gates as Hub['gates'],
    policy: policyOf(row.policy as Partial<HubPolicy>),
    timeZone: row.time_zone ?? defaultTimeZone(row.member_state),
    createdAt: row.created_at.toISOString(),
  };
}

/** The time zone of a member state's crossing points (one zone per Schengen state), or UTC for none. */
export function defaultTimeZone(memberState: string): string {
  return borderCrossingPoints.find((b) => b.memberStateAlpha2 === memberState)?.timeZone ?? 'UTC';
}
