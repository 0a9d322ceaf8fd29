import type { DemoWorldReport } from './world.ts';

const list = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

function hubsLine(hubs: unknown): string | null {
  const h = hubs as {
    hubs?: Array<{ id?: unknown }>;
    alertsCreated?: unknown;
    portCallsCreated?: unknown;
  } | null;
  if (h === null || typeof h !== 'object' || !Array.isArray(h.hubs)) {
    return null;
  }
  const ids = h.hubs.map((x) => String(x.id)).join(', ');
  const alerts =
    typeof h.alertsCreated === 'number' ? `; ${h.alertsCreated} alerts added for their traffic` : '';
  const calls =
    typeof h.portCallsCreated === 'number' && h.portCallsCreated > 0
      ? `; ${h.portCallsCreated} port calls with their containers`
      : '';
  return `  Hubs  ${h.hubs.length} hubs (${ids})${alerts}${calls}`;
}

/** The demo world report as text for a terminal: what it holds, the extra users, and things to try. */
export function formatDemoWorld(report: DemoWorldReport): string {
  const out: string[] = [];
  const c = report.contents;
  if (c === null) {
    return `Demo world: ${report.message}\n`;
  }
  const took = report.durationMs === null ? '' : ` in ${(report.durationMs / 1000).toFixed(1)} s`;
  out.push(
    `Demo world (seed "${report.seed ?? ''}", made for ${report.plannedOn ?? ''}${took}): ${report.status === 'created' ? 'created now' : 'already there, nothing added'}`,
  );
  const sc = report.scale;
  if (sc !== null) {
    out.push(
      `  Scale ${sc.travellers} travellers with ${sc.crossings} entry/exit and ${sc.refusals} refusal records, ${sc.alerts} SIS alerts, written by the bulk importer (${sc.rejected} lines rejected); the counts below are the marked part of the world`,
    );
  }
  const e = c.ees;
  out.push(
    `  EES   ${e.travellers} travellers (${e.visaExempt} visa-exempt, ${e.visaHolders} visa holders, ${e.children} children under 12; ${e.nationalities} nationalities)`,
    `        ${e.entries} entries, ${e.exits} exits and ${e.refusals} refusals in the last 180 days at ${e.crossingPoints} crossing points in ${e.memberStates.join(', ')}`,
    `        ${e.presentNow} in the area now, ${e.overstayers} overstayers, ${e.nearTheLimit} near the 90-day limit, ${e.familyMembers} family member of a Union citizen`,
  );
  const s = c.sis;
  out.push(
    `  SIS   ${s.alerts} alerts issued by ${s.issuingStates.join(', ')}; ${s.linked} linked to others`,
    `        ${s.objects} on objects: ${list(s.byObjectType)}`,
    `        ${s.persons} on persons: ${list(Object.fromEntries(Object.entries(s.byCategory).filter(([k]) => !k.startsWith('object-'))))}`,
  );
  const b = c.biometrics;
  out.push(
    `  Biometrics  faces of ${b.eesFaces} EES travellers (${b.eesFingerprints} with four fingers) and of ${b.sisFaces} SIS person alerts (${b.sisFingerprints} with ten fingers); ${b.eurodacDatasets} Eurodac datasets of ${b.eurodacPersons} persons (${list(b.eurodacByCategory)}), ${b.eurodacHits} registered twice; synthetic templates, \`interlink biometrics persons\` lists who`,
  );
  const m = c.mid;
  out.push(
    `  MID   ${m.cases} cases, ${m.linked} to be linked (one face under two names, one passport for two people, an applicant under a wanted person's alias, the same person, homonyms) and ${m.lookAlikes} look-alikes not to be (namesakes, twins): ${m.eesFiles} EES files, ${m.etiasApplications} ETIAS applications, ${m.eurodacDatasets} Eurodac datasets, ${m.sisAlerts} SIS alerts`,
  );
  const hubs = hubsLine(report.hubs);
  if (hubs !== null) {
    out.push(hubs);
  }
  out.push(
    '',
    `More demo users (same password): ${report.users.map((u) => `${u.username} (${u.authority}, ${u.memberState})`).join('; ')}`,
    '',
    'Things to try',
  );
  report.tryThis.forEach((t, i) => {
    out.push(`  ${i + 1}. ${t.title}`);
    const where = t.bcpId === undefined ? '' : `, border check at ${t.bcpId}`;
    out.push(`     log in as ${t.user}${where}${t.mrz === undefined ? '' : ' with this MRZ:'}`);
    for (const line of t.mrz?.split('\n') ?? []) {
      out.push(`       ${line}`);
    }
    if (t.input !== undefined) {
      out.push(
        `     search ${Object.entries(t.input)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    }
    if (t.capture !== undefined) {
      out.push(`     load the capture file made by: ${t.capture}`);
    }
    out.push(`     expect: ${t.expect}`);
  });
  return `${out.join('\n')}\n`;
}
