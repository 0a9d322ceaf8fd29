import { lookupBcp } from '../../contexts/reference/index.ts';
import { DEMO_ALERT_AUTHORS, DEMO_BORDER_GUARDS } from './authorities.ts';
import { RING_OBJECTS, RING_SUMMARY } from './plan-ring.ts';
import { PlanCalendar } from './calendar.ts';
import type { DemoIdentity } from './identities.ts';
import { planEes, type PlannedTraveller, type TravellerRole } from './plan-ees.ts';
import { planEtias, type EtiasPlan } from './plan-etias.ts';
import { planSis, REVIEW_DUE_IN_DAYS, type PlannedAlert } from './plan-sis.ts';
import { DEMO_MID_CASES, planMid, type MidPlan } from './plan-mid.ts';
import { eesPersonKey, planBiometrics, type DemoBiometricsPlan } from './plan-biometrics.ts';

/** The seed of the demo world the server and `interlink demo` create. */
export const DEMO_WORLD_SEED = 'interlink-demo';

/** Travellers besides the dozen that each show one situation. */
export const DEMO_GENERIC_TRAVELLERS = 140;

/** Everything the demo world will hold, decided before anything is written. Pure: same inputs, same plan. */
export interface DemoWorldPlan {
  seed: string;
  /** The day the world is made; crossings lie in the 180 days before it. */
  today: string;
  travellers: PlannedTraveller[];
  /** A traveller EES does not know yet. */
  firstTimer: DemoIdentity;
  alerts: PlannedAlert[];
  /** ETIAS applications of the visa-exempt travellers, the watchlist entry and the screening rule. */
  etias: EtiasPlan;
  /** Faces and fingerprints of EES travellers, SIS persons and Eurodac datasets (synthetic templates). */
  biometrics: DemoBiometricsPlan;
  /** The multiple-identity detector's cases: fraud to be linked, look-alikes not to be. */
  mid: MidPlan;
}

export interface PlanDemoWorldOptions {
  seed: string;
  /** `YYYY-MM-DD`, the current date of the services' clock. */
  today: string;
  genericTravellers?: number;
}

/** Plans the demo world for a seed and a day. */
export function planDemoWorld(options: PlanDemoWorldOptions): DemoWorldPlan {
  const cal = new PlanCalendar(options.today);
  const ees = planEes(options.seed, cal, options.genericTravellers ?? DEMO_GENERIC_TRAVELLERS);
  const alerts = planSis(options.seed, cal, ees.travellers);
  return {
    seed: options.seed,
    today: options.today,
    travellers: ees.travellers,
    firstTimer: ees.firstTimer,
    alerts,
    etias: planEtias(options.seed, cal, ees.travellers, alerts),
    biometrics: planBiometrics(options.seed, cal, ees.travellers, alerts),
    mid: planMid(options.seed, cal),
  };
}

/** Counts of what the demo world holds (no personal data). */
export interface DemoWorldContents {
  ees: {
    travellers: number;
    visaExempt: number;
    visaHolders: number;
    children: number;
    entries: number;
    exits: number;
    refusals: number;
    presentNow: number;
    overstayers: number;
    nearTheLimit: number;
    familyMembers: number;
    nationalities: number;
    crossingPoints: number;
    memberStates: string[];
  };
  sis: {
    alerts: number;
    persons: number;
    objects: number;
    linked: number;
    byCategory: Record<string, number>;
    byObjectType: Record<string, number>;
    issuingStates: string[];
  };
  etias: {
    applications: number;
    /** What automated processing and the Central Unit's verification leave them as. */
    byStatus: Record<string, number>;
    centralUnitQueue: number;
    nationalUnitQueue: number;
    byCase: Record<string, number>;
    watchlistEntries: number;
    screeningRules: number;
  };
  biometrics: {
    /** EES files with a face; of them, with four fingerprints. */
    eesFaces: number;
    eesFingerprints: number;
    /** SIS person alerts with a photograph; of them, with fingerprints. */
    sisFaces: number;
    sisFingerprints: number;
    /** Eurodac datasets, by category, and the persons they are of. */
    eurodacDatasets: number;
    eurodacByCategory: Record<string, number>;
    eurodacPersons: number;
    /** Eurodac hits the world's own registrations make (the same person registered twice). */
    eurodacHits: number;
  };
  /** The multiple-identity detector's cases and the records written for them (besides the counts above). */
  mid: {
    cases: number;
    /** Cases the MID must link (fraud, and the legitimate ones a person decides or that are white). */
    linked: number;
    /** Look-alikes it must not link. */
    lookAlikes: number;
    eesFiles: number;
    crossings: number;
    etiasApplications: number;
    eurodacDatasets: number;
    sisAlerts: number;
  };
}

const tally = (values: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) {
    out[v] = (out[v] ?? 0) + 1;
  }
  return out;
};

/** What a plan holds, counted. */
export function describePlan(plan: DemoWorldPlan): DemoWorldContents {
  const t = plan.travellers;
  const has = (role: TravellerRole) => t.filter((x) => x.roles.includes(role)).length;
  const events = t.flatMap((x) => x.events);
  const bcps = new Set(events.map((e) => e.bcpId));
  const objects = plan.alerts.filter((a) => a.input.object !== undefined);
  const apps = plan.etias.applications;
  const bio = plan.biometrics;
  return {
    ees: {
      travellers: t.length,
      visaExempt: t.filter((x) => x.file.kind === 'visa-exempt').length,
      visaHolders: t.filter((x) => x.file.kind === 'visa-holder').length,
      children: has('child'),
      entries: events.filter((e) => e.kind === 'entry').length,
      exits: events.filter((e) => e.kind === 'exit').length,
      refusals: events.filter((e) => e.kind === 'refusal').length,
      presentNow: t.filter((x) => x.events.filter((e) => e.kind !== 'refusal').at(-1)?.kind === 'entry')
        .length,
      overstayers: has('overstayer'),
      nearTheLimit: has('near-limit'),
      familyMembers: has('family-member'),
      nationalities: new Set(t.map((x) => x.identity.nationality)).size,
      crossingPoints: bcps.size,
      memberStates: [...new Set([...bcps].map((b) => lookupBcp(b)!.memberStateAlpha2))].sort(),
    },
    sis: {
      alerts: plan.alerts.length,
      persons: plan.alerts.length - objects.length,
      objects: objects.length,
      linked: plan.alerts.filter((a) => a.linkRefs.length > 0).length,
      byCategory: tally(plan.alerts.map((a) => a.input.category)),
      byObjectType: tally(objects.map((a) => a.input.object!.type)),
      issuingStates: [
        ...new Set(plan.alerts.map((a) => DEMO_ALERT_AUTHORS[a.author].authority.memberState)),
      ].sort(),
    },
    etias: {
      applications: apps.length,
      byStatus: tally(apps.map((a) => a.expect.status)),
      centralUnitQueue: apps.filter((a) => a.expect.queue === 'central-unit').length,
      nationalUnitQueue: apps.filter((a) => a.expect.queue === 'national-unit').length,
      byCase: tally(apps.map((a) => a.case)),
      watchlistEntries: plan.etias.watchlist.length,
      screeningRules: 1,
    },
    biometrics: {
      eesFaces: bio.ees.filter((x) => x.capture.face !== null).length,
      eesFingerprints: bio.ees.filter((x) => x.capture.fingers.length > 0).length,
      sisFaces: bio.sis.filter((x) => x.capture.face !== null).length,
      sisFingerprints: bio.sis.filter((x) => x.capture.fingers.length > 0).length,
      eurodacDatasets: bio.eurodac.length,
      eurodacByCategory: tally(bio.eurodac.map((d) => d.category)),
      eurodacPersons: new Set(bio.eurodac.map((d) => d.capture.person)).size,
      eurodacHits: bio.eurodac.reduce((n, d) => n + d.expectHits.length, 0),
    },
    mid: {
      cases: DEMO_MID_CASES.length,
      linked: DEMO_MID_CASES.filter((c) => c.expect !== 'none').length,
      lookAlikes: DEMO_MID_CASES.filter((c) => c.expect === 'none').length,
      eesFiles: plan.mid.travellers.length,
      crossings: plan.mid.travellers.reduce((n, x) => n + x.events.length, 0),
      etiasApplications: plan.mid.applications.length,
      eurodacDatasets: plan.mid.datasets.length,
      sisAlerts: plan.mid.alerts.length,
    },
  };
}

/** A thing to try in the demo world: who logs in, where, with what, and what they should see. */
export interface DemoTry {
  title: string;
  user: string;
  /** Where the border check runs, for border checks. */
  bcpId?: string;
  /** The document's MRZ to paste into the border check (lines joined by a line break). */
  mrz?: string;
  /** Other input, e.g. a number plate for a vehicle search. */
  input?: Record<string, string>;
  /** The command that makes the capture file to load (the demo's capture device, synthetic templates). */
  capture?: string;
  expect: string;
}

const guardOf = (bcpId: string): string => DEMO_BORDER_GUARDS[lookupBcp(bcpId)!.memberStateAlpha2]!.username;
const nameOf = (p: DemoIdentity): string => `${p.givenNames} ${p.surname} (${p.nationality})`;

/** A few situations of the demo world worth looking at, with the data to paste. */
export function thingsToTry(plan: DemoWorldPlan): DemoTry[] {
  const out: DemoTry[] = [];
  const byRole = (role: TravellerRole) => plan.travellers.filter((t) => t.roles.includes(role));
  const check = (t: PlannedTraveller | undefined, title: string, bcpId: string, expect: string) => {
    if (t !== undefined) {
      out.push({
        title: `${title}: ${nameOf(t.identity)}`,
        user: guardOf(bcpId),
        bcpId,
        mrz: t.identity.mrz.join('\n'),
        expect,
      });
    }
  };
  const cal = new PlanCalendar(plan.today);
  check(
    byRole('near-limit')[0],
    'Frequent business traveller',
    'FI-HEL',
    'EES file with about 20 short stays; 84 of 90 days used, 6 days left (90/180 rule)',
  );
  check(
    byRole('present').find((t) => t.events.at(-1)?.bcpId === 'FI-HEL'),
    'Traveller who entered six days ago',
    'FI-HEL',
    `open stay since ${cal.day(-6)}; authorised stay and remaining days at exit`,
  );
  check(
    byRole('refused').find((t) => !t.roles.includes('sis-refusal-alert')),
    'Refused traveller',
    'FR-CDG',
    `refusal of entry on ${cal.day(-12)} at FR-CDG on grounds C and E (SBC Annex V Part B); its row in the travel history prints the refusal notice as PDF in English, German or French`,
  );
  check(
    byRole('sis-refusal-alert')[0],
    'Person with a SIS refusal alert',
    'DE-FRA',
    'SIS hit: refusal-of-entry alert issued by Germany (ground H), reported to the German SIRENE Bureau; earlier refusal on ground H in EES; once a refusal is recorded, no entry is offered and the Annex V Part B form prints, also as a PDF from the server in the traveller’s language (en, de, fr)',
  );
  check(
    byRole('sis-document-alert')[0],
    'Passport reported stolen',
    'NL-AMS',
    'SIS hit on the document: issued document to be seized (reported stolen in Amsterdam)',
  );
  check(
    byRole('sis-discreet-check')[0],
    'Traveller under a discreet check',
    'DE-FRA',
    'SIS hit shown as "discreet check: do not inform the person", never as a stop; collect the art. 37 information listed; the verdict is what the other findings say; the hit reaches the French SIRENE Bureau (sirene.fr)',
  );
  check(
    byRole('visa-used')[0],
    'Single-entry visa already used',
    'FR-CDG',
    'the single-entry visa recorded with the last entry allows no further entry: a new visa must be seen (ground C), while the 90/180 panel shows 14 days used',
  );
  out.push({
    title: `First-time traveller: ${nameOf(plan.firstTimer)}`,
    user: 'border.fi',
    bcpId: 'FI-HEL',
    mrz: plan.firstTimer.mrz.join('\n'),
    expect: 'no EES file yet: create the individual file and record the first entry',
  });
  const overstayers = byRole('overstayer');
  out.push({
    title: 'List of overstayers (EES art. 12(3))',
    user: 'immigration.de',
    expect: `${overstayers.length} overstayers: ${overstayers.map((t) => nameOf(t.identity)).join('; ')}`,
  });
  const vehicle = plan.alerts.find(
    (a) => a.input.object?.type === 'motor-vehicle' && a.input.category === 'object-seizure',
  );
  const plate = vehicle?.input.object?.identifiers.find((i) => i.kind === 'plate');
  if (plate !== undefined) {
    out.push({
      title: 'Stolen car read at a port gate',
      user: 'hub.be',
      input: { plate: plate.value, country: plate.country ?? '' },
      expect:
        `SIS hit: ${vehicle!.input.object!.make ?? ''} ${vehicle!.input.object!.model ?? ''} to be seized`.replace(
          /\s+/gu,
          ' ',
        ),
    });
  }
  const dueForReview = plan.alerts.filter((a) => a.author === 'sirene.it' && a.enteredOn !== undefined);
  if (dueForReview.length > 0) {
    out.push({
      title: 'Alerts due for review (2018/1862 art. 53)',
      user: 'sirene.it',
      expect: `the review queue holds Italian alerts due within four months, the first in ${REVIEW_DUE_IN_DAYS['sirene.it']?.[0] ?? 0} days: keep one with an assessment, or delete it`,
    });
  }
  const container = plan.alerts.find((a) => a.input.object?.type === 'container')?.input.object
    ?.identifiers[0];
  if (container !== undefined) {
    out.push({
      title: 'Container checked at the terminal',
      user: 'hub.be',
      input: { container: container.value },
      expect: 'SIS hit on the container (ISO 6346 number with a valid check digit)',
    });
  }
  const apps = plan.etias.applications;
  const inQueue = (queue: string) => apps.filter((a) => a.expect.queue === queue);
  const who = (a: (typeof apps)[number]) => `${a.input.givenNames} ${a.input.surname} (${a.case})`;
  if (apps.length > 0) {
    out.push(
      {
        title: 'ETIAS: the Central Unit’s verification queue (2018/1240 art. 22)',
        user: 'etias-cu',
        expect: `${inQueue('central-unit').length} applications with hits to verify, each hit beside the record it hit: ${inQueue('central-unit').map(who).join('; ')}`,
      },
      {
        title: 'ETIAS: the National Unit of Spain’s queue (art. 26)',
        user: 'etias-nu.es',
        expect: `${inQueue('national-unit').length} applications whose hits the Central Unit confirmed, with the 96-hour deadline: ${inQueue('national-unit').map(who).join('; ')}`,
      },
    );
  }
  out.push(...biometricTries(plan), ...midTries(plan), RING_TRY);
  return out;
}

/** The smuggling ring (`plan-ring.ts`) as the SIRENE officer finds it on the network map. */
export const RING_TRY: DemoTry = {
  title: 'Network map: a smuggling ring through both demo hubs',
  user: 'sirene.it',
  input: { focus: RING_OBJECTS.truck.plate },
  expect: `the network map (last 30 days, purpose SIRENE exchange) shows one community of 8 alerts linked under art. 63 by the Dutch police: ${RING_SUMMARY.persons}; ${RING_SUMMARY.objects}; the truck and its trailer read with the containers at the Port of Antwerp-Bruges and at the Duisburg Gateway Terminal on five days; hits at NL-AMS and at a road check near Venlo. Its central node is the tractor unit's alert; focus on ${RING_OBJECTS.truck.plate} or a container number narrows the map to the ring; GraphML export opens in Gephi`,
};

/**
 * Things to try with the multiple-identity detector's cases (arts. 26-33 of Regs. (EU) 2019/817 and
 * 2019/818): the verifying authorities' queues (`#/mid/links`), the border check's MID findings, the flag
 * search (art. 22).
 */
function midTries(plan: DemoWorldPlan): DemoTry[] {
  const mid = plan.mid;
  const t = (ref: string) => mid.travellers.find((x) => x.ref === ref);
  const d = (ref: string) => mid.datasets.find((x) => x.ref === ref);
  const a = (ref: string) => mid.applications.find((x) => x.ref === ref);
  const out: DemoTry[] = [];
  const face = t('MT1');
  const eurodac = d('MD1');
  if (face !== undefined && eurodac !== undefined) {
    const other = `${eurodac.identity.givenNames} ${eurodac.identity.surname}, born ${eurodac.identity.birthDate}`;
    out.push({
      title: `MID: one face under two names, ${nameOf(face.identity)}`,
      user: 'border.fi',
      bcpId: 'FI-HEL',
      mrz: face.identity.mrz.join('\n'),
      expect: `Identity links (#/mid/links) holds a yellow link, to verify within 12 hours [K]: this traveller's EES file and Italy's Eurodac dataset of ${other}, the same face and fingers (score and false-match rate shown) under other names and birth date; decide red with the reasons (art. 32(1)(a)); the border check of the traveller at FI-HEL then shows the red link (MID_RED_LINK: consult CIR and SIS, additional checks, SBC art. 8(4a))`,
    });
  }
  const holder = t('MT2');
  const applicant = a('M01');
  if (holder !== undefined && applicant !== undefined) {
    out.push({
      title: `MID: a passport used by two people, ${nameOf(holder.identity)}`,
      user: 'border.fr',
      bcpId: 'FR-CDG',
      mrz: holder.identity.mrz.join('\n'),
      expect: `the border check shows a red link (MID_RED_LINK): the ETIAS Central Unit (etias-cu) found that ${applicant.input.givenNames} ${applicant.input.surname}'s ETIAS application quotes this passport (art. 32(1)(d)); not a refusal by itself: consult CIR and SIS and check further`,
    });
  }
  const alias = a('M02');
  const wanted = mid.alerts.find((x) => x.ref === 'MA1');
  if (alias !== undefined && wanted !== undefined) {
    out.push({
      title: `MID: an ETIAS applicant under a wanted person's alias, ${alias.input.givenNames} ${alias.input.surname}`,
      user: 'sirene.it',
      expect: `Identity links holds a yellow link for SIRENE Italy (art. 29(2): its arrest alert): the application and the alert on ${wanted.input.person!.givenNames ?? ''} ${wanted.input.person!.surname ?? ''}, alias ${mid.alias.givenNames} ${mid.alias.surname}; side by side, the names similar (${alias.input.surname === mid.alias.surname ? 'given names' : 'surname'} one letter or transliteration apart), the same birth date; the evidence allows white or green (red needs biometric data or a shared passport, art. 32(1)): white, the same person; the application's SIS hit waits in the ETIAS Central Unit's queue`,
    });
  }
  const homonym = t('MT4');
  const asylum = d('MD2');
  if (homonym !== undefined && asylum !== undefined) {
    out.push({
      title: `MID: two people of one name and birth date, ${nameOf(homonym.identity)}`,
      user: 'border.de',
      bcpId: 'DE-FRA',
      mrz: homonym.identity.mrz.join('\n'),
      expect: `Identity links holds a yellow link: the traveller's EES file and Germany's Eurodac dataset of an applicant of the same names, birth date, sex and nationality, whose face and fingers do not match (a negative score); decide green, two people (art. 31(1)(a)); the link then shows only where a query finds both records`,
    });
  }
  const namesake = t('MT5');
  const twin = t('MT6');
  if (namesake !== undefined && twin !== undefined) {
    out.push({
      title: `MID: look-alikes that are not linked, ${nameOf(namesake.identity)} and ${nameOf(twin.identity)}`,
      user: 'border.es',
      bcpId: 'ES-MAD',
      mrz: namesake.identity.mrz.join('\n'),
      expect: `no MID finding: this traveller's namesakes in ETIAS and in a German arrest alert were born years apart (different identity data, Del. Reg. 2023/333 Annex II), and the twin of ${nameOf(twin.identity)} in Eurodac has the same surname and birth date but other given names and fingerprints; no link is made for either`,
    });
  }
  if (face !== undefined) {
    out.push({
      title: `CIR: which systems hold data on ${face.identity.givenNames} ${face.identity.surname}`,
      user: 'police.nl',
      input: {
        surname: face.identity.surname,
        givenNames: face.identity.givenNames,
        birthDate: face.identity.birthDate,
      },
      expect:
        'the flag search (#/cir/flags, art. 22) answers EES, never the data; its follow-up is a full access request to the system',
    });
  }
  return out;
}

/** `npx interlink biometrics capture …`: the command line of the demo's capture device. */
export function captureCommand(person: string, what: 'face' | 'all', out: string): string {
  return `npx interlink biometrics capture --person ${person}${what === 'face' ? ' --face' : ''} --out ${out}`;
}

/** Things to try with the world's biometrics: live captures made by `interlink biometrics capture`. */
function biometricTries(plan: DemoWorldPlan): DemoTry[] {
  const out: DemoTry[] = [];
  const bio = plan.biometrics;
  const renewed = plan.travellers.find((t) => t.ref === bio.newPassport.travellerRef);
  if (renewed !== undefined) {
    const bcpId = renewed.events.at(-1)!.bcpId;
    out.push({
      title: `Traveller with a new passport, identified by face: ${nameOf(renewed.identity)}`,
      user: guardOf(bcpId),
      bcpId,
      mrz: bio.newPassport.mrz.join('\n'),
      capture: captureCommand(eesPersonKey(renewed.ref), 'face', 'live-face.json'),
      expect:
        'no EES file holds the new passport (the name suggests the file under the old one); with the live face loaded, the face identifies that file (score and false-match rate shown) and its stays count for the 90/180 rule',
    });
  }
  const wanted = plan.alerts.find((a) => a.ref === bio.wantedAlias.alertRef);
  const wantedKey = bio.sis.find((x) => x.alertRef === bio.wantedAlias.alertRef)?.capture.person;
  if (wanted !== undefined && wantedKey !== undefined) {
    out.push({
      title: `Wanted person on a passport in another name: ${wanted.input.person!.givenNames ?? ''} ${wanted.input.person!.surname ?? ''}`,
      user: 'border.de',
      bcpId: 'DE-FRA',
      mrz: bio.wantedAlias.mrz.join('\n'),
      capture: captureCommand(wantedKey, 'face', 'live-face.json'),
      expect: `the name and passport find nothing; with the live face loaded, SIS hit on ${DEMO_ALERT_AUTHORS[wanted.author].authority.name}'s arrest alert (${wanted.input.reason}), matched by face`,
    });
  }
  // Eurodac: the state whose registration made a hit verifies it (its fingerprint expert, 2024/1358 art. 38).
  const stateOf: Record<string, string> = {
    'asylum.gr': 'Greece',
    'asylum.it': 'Italy',
    'asylum.de': 'Germany',
  };
  const crosser = bio.eurodac.find((d) => d.capture.person === 'demo:eurodac:2');
  if (crosser !== undefined) {
    out.push({
      title: `Eurodac: register an applicant whom Italy apprehended crossing irregularly, ${crosser.identity.givenNames} ${crosser.identity.surname}`,
      user: 'asylum.gr',
      capture: captureCommand(crosser.capture.person, 'all', 'applicant.json'),
      expect: `registered as an applicant with the capture file: a hit on Italy's ${crosser.category} dataset, which joins Greece's hits to verify; a capture of a person the world does not know (--person demo:new:1) gives no hit`,
    });
  }
  for (const again of bio.eurodac.filter((d) => d.expectHits.length > 0)) {
    const earlier = bio.eurodac.find((d) => d.ref === again.expectHits[0])!;
    out.push({
      title: `Eurodac: a hit to verify, ${again.identity.givenNames} ${again.identity.surname} registered by ${stateOf[earlier.author]} and again by ${stateOf[again.author]}`,
      user: again.author,
      expect: `the hit of ${stateOf[again.author]}'s ${again.category} registration on ${stateOf[earlier.author]}'s ${earlier.category} dataset waits for verification; the fingerprint expert's comparison shows the score and quality of each finger and the face: confirm or reject it`,
    });
  }
  return out;
}
