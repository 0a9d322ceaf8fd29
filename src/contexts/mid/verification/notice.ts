import type { CirSystem } from '../../cir/index.ts';

/**
 * The written notice to the person whose data a red link concerns (Regs. (EU) 2019/817 and 2019/818,
 * art. 32: informed in writing with a standard form, naming the single identification number of the
 * identity confirmation file and the authority responsible for the manual verification, unless this would
 * prejudice security or an investigation). [K] The standard form itself was not at hand: the wording follows
 * the article's content. Pure: the text is stored in the notice outbox (`mid.notice`); Interlink sends no mail.
 */

export const RED_NOTICE_LANGUAGES = ['en', 'de', 'fr'] as const;
export type RedNoticeLanguage = (typeof RED_NOTICE_LANGUAGES)[number];

/** What the notice names. */
export interface RedNoticeData {
  lang: RedNoticeLanguage;
  /** The single identification number of the identity confirmation file (art. 34(c)). */
  icf: string;
  /** The person as the record of `system` holds them. */
  person: { surname: string; givenNames: string };
  /** The system whose record the notice is about, and the system it is linked with. */
  system: CirSystem;
  otherSystem: CirSystem;
  /** The authority responsible for the manual verification (art. 34(d)): its name and member state. */
  authority: string;
  memberState: string;
  /** When the link was classified red. */
  verifiedAt: Date;
}

interface Texts {
  subject: string;
  salutation: string;
  /** `{system}`, `{other}` */
  linked: string;
  /** `{authority}`, `{state}`, `{date}` */
  classified: string;
  meaning: string;
  /** `{icf}` */
  icf: string;
  /** `{authority}`, `{state}` */
  responsible: string;
  followUp: string;
  rights: string;
}

const SYSTEM_NAMES: Record<RedNoticeLanguage, Record<CirSystem, string>> = {
  en: {
    ees: 'the Entry/Exit System (EES)',
    etias: 'the European Travel Information and Authorisation System (ETIAS)',
    eurodac: 'Eurodac',
    sis: 'the Schengen Information System (SIS)',
  },
  de: {
    ees: 'dem Einreise-/Ausreisesystem (EES)',
    etias: 'dem Europäischen Reiseinformations- und -genehmigungssystem (ETIAS)',
    eurodac: 'Eurodac',
    sis: 'dem Schengener Informationssystem (SIS)',
  },
  fr: {
    ees: "le système d'entrée/de sortie (EES)",
    etias: "le système européen d'information et d'autorisation concernant les voyages (ETIAS)",
    eurodac: 'Eurodac',
    sis: "le système d'information Schengen (SIS)",
  },
};

const TEXTS: Record<RedNoticeLanguage, Texts> = {
  en: {
    subject: 'Information on a red link in the multiple-identity detector',
    salutation: 'Dear {name},',
    linked:
      'The multiple-identity detector of the EU information systems (Regulations (EU) 2019/817 and 2019/818) has linked data recorded about you in {system} with data in {other}.',
    classified: 'After manual verification, {authority} ({state}) classified this link as red on {date}.',
    meaning:
      'A red link means that the linked data are used unlawfully: either by one person under several identities, or by different persons sharing identity or travel-document data (article 32).',
    icf: 'Single identification number: {icf}',
    responsible: 'Authority responsible for the manual verification: {authority} ({state})',
    followUp: 'Follow-up action takes place in accordance with Union and national law.',
    rights:
      'You may ask the responsible authority for access to, rectification, erasure or restriction of your personal data, quoting the single identification number. The web portal for data subjects gives its contact details.',
  },
  de: {
    subject: 'Information über eine rote Verknüpfung im Detektor für Mehrfachidentitäten',
    salutation: 'Sehr geehrte/r {name},',
    linked:
      'Der Detektor für Mehrfachidentitäten der EU-Informationssysteme (Verordnungen (EU) 2019/817 und 2019/818) hat Daten, die in {system} über Sie gespeichert sind, mit Daten in {other} verknüpft.',
    classified:
      'Nach manueller Verifizierung hat {authority} ({state}) diese Verknüpfung am {date} als rot eingestuft.',
    meaning:
      'Eine rote Verknüpfung bedeutet, dass die verknüpften Daten unrechtmäßig verwendet werden: entweder von einer Person unter mehreren Identitäten oder von verschiedenen Personen, die Identitäts- oder Reisedokumentendaten teilen (Artikel 32).',
    icf: 'Einmalige Kennnummer: {icf}',
    responsible: 'Für die manuelle Verifizierung zuständige Behörde: {authority} ({state})',
    followUp: 'Folgemaßnahmen werden nach Unionsrecht und nationalem Recht ergriffen.',
    rights:
      'Sie können bei der zuständigen Behörde unter Angabe der einmaligen Kennnummer Auskunft über Ihre personenbezogenen Daten sowie deren Berichtigung, Löschung oder Einschränkung verlangen. Das Webportal für betroffene Personen nennt ihre Kontaktdaten.',
  },
  fr: {
    subject: "Information sur un lien rouge dans le détecteur d'identités multiples",
    salutation: 'Madame, Monsieur {name},',
    linked:
      "Le détecteur d'identités multiples des systèmes d'information de l'UE (règlements (UE) 2019/817 et 2019/818) a lié des données vous concernant enregistrées dans {system} à des données figurant dans {other}.",
    classified: 'Après vérification manuelle, {authority} ({state}) a classé ce lien en rouge le {date}.',
    meaning:
      "Un lien rouge signifie que les données liées sont utilisées de manière illicite : soit par une même personne sous plusieurs identités, soit par des personnes différentes partageant des données d'identité ou de document de voyage (article 32).",
    icf: "Numéro d'identification unique : {icf}",
    responsible: 'Autorité chargée de la vérification manuelle : {authority} ({state})',
    followUp: "Des mesures de suivi sont prises conformément au droit de l'Union et au droit national.",
    rights:
      "Vous pouvez demander à l'autorité compétente l'accès à vos données à caractère personnel, leur rectification, leur effacement ou la limitation de leur traitement, en indiquant le numéro d'identification unique. Le portail web destiné aux personnes concernées indique ses coordonnées.",
  },
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** The language a member state's notice is written in besides English ([K]: the state's official language). */
export function noticeLanguageOf(memberState: string): RedNoticeLanguage {
  if (['DE', 'AT', 'LI'].includes(memberState)) {
    return 'de';
  }
  if (['FR', 'BE', 'LU'].includes(memberState)) {
    return 'fr';
  }
  return 'en';
}

/** The notice's subject and plain text in the language asked for. */
export function renderRedLinkNotice(data: RedNoticeData): { subject: string; text: string } {
  const t = TEXTS[data.lang];
  const names = SYSTEM_NAMES[data.lang];
  const name = [data.person.givenNames, data.person.surname].filter((s) => s.trim() !== '').join(' ');
  const date = data.verifiedAt.toISOString().slice(0, 10);
  const where = { authority: data.authority, state: data.memberState };
  const paragraphs = [
    fill(t.salutation, { name }),
    fill(t.linked, { system: names[data.system], other: names[data.otherSystem] }),
    `${fill(t.classified, { ...where, date })} ${t.meaning}`,
    [fill(t.icf, { icf: data.icf }), fill(t.responsible, where)].join('\n'),
    t.followUp,
    t.rights,
  ];
  return { subject: t.subject, text: `${paragraphs.join('\n\n')}\n` };
}
