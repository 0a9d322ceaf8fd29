import type { RefusalGround } from '../model.ts';

/**
 * The wording of the notices to the applicant (Reg. (EU) 2018/1240 art. 38 for issue and refusal, art. 42 for
 * annulment and revocation; standard forms of Impl. Dec. (EU) 2022/102) in English, German and French. The
 * forms were not at hand: the wording follows the articles' content, not the published forms' text [K].
 */

export const NOTICE_LANGUAGES = ['en', 'de', 'fr'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];
export const isNoticeLanguage = (v: string): v is NoticeLanguage =>
  (NOTICE_LANGUAGES as readonly string[]).includes(v);

export const NOTICE_KINDS = ['issued', 'refused', 'annulled', 'revoked', 'limited-validity'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeTexts {
  title: Record<NoticeKind, string>;
  /** `{id}` */
  application: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  document: string;
  /** `{authority}`, `{state}` */
  decidedBy: string;
  /** `{date}` */
  decidedOn: string;
  /** `{from}`, `{until}` */
  validity: string;
  /** `{states}` */
  validOnlyIn: string;
  /** Art. 38(1): the same document at the border, 90/180, no right of entry, EES web service. */
  issuedReminders: string[];
  groundsHeading: string;
  grounds: Record<RefusalGround, string>;
  justification: string;
  /** Art. 37(3), 40(3), 41(6): appeal in the deciding state, under its law. `{state}`, `{authority}` */
  appeal: string;
  /** Art. 64: rights of access, rectification and erasure. */
  dataRights: string;
  /** `{page}`, `{pages}` */
  page: string;
}

const en: NoticeTexts = {
  title: {
    issued: 'ETIAS travel authorisation issued',
    refused: 'Refusal of an ETIAS travel authorisation',
    annulled: 'Annulment of an ETIAS travel authorisation',
    revoked: 'Revocation of an ETIAS travel authorisation',
    'limited-validity': 'ETIAS travel authorisation with limited territorial validity',
  },
  application: 'Application number: {id}',
  surname: 'Surname',
  givenNames: 'First name(s)',
  birthDate: 'Date of birth',
  document: 'Travel document',
  decidedBy: 'Decided by: {authority} ({state})',
  decidedOn: 'Date of the decision: {date}',
  validity: 'Valid from {from} until {until}.',
  validOnlyIn: 'Valid only in the territory of: {states}.',
  issuedReminders: [
    'Present the same travel document at the border that you used in your application.',
    'A short stay may not exceed 90 days in any 180-day period.',
    'A travel authorisation does not confer an automatic right of entry: the border guard checks the conditions of entry.',
    'You can check the remaining authorised stay with the Entry/Exit System web service.',
  ],
  groundsHeading: 'The decision rests on the following grounds:',
  grounds: {
    'document-lost-stolen':
      'the travel document used is reported lost, stolen, misappropriated or invalidated in SIS (art. 37(1)(a))',
    'security-risk': 'you pose a security risk (art. 37(1)(b))',
    'illegal-immigration-risk': 'you pose an illegal immigration risk (art. 37(1)(c))',
    'epidemic-risk': 'you pose a high epidemic risk (art. 37(1)(d))',
    'sis-refusal':
      'you are the subject of an alert in SIS for the purpose of refusing entry and stay (art. 37(1)(e))',
    'no-reply-to-request':
      'you did not reply to a request for additional information or documentation within the deadline (art. 37(1)(f))',
    'no-show-at-interview': 'you did not attend an interview (art. 37(1)(g))',
    'doubts-on-data':
      'there are reasonable and serious doubts as to the authenticity of the data, the reliability of your statements or the supporting documents (art. 37(2))',
  },
  justification: 'Reasons',
  appeal:
    'You have the right to appeal against this decision. Appeals are conducted in {state} in accordance with its national law. Contact: {authority}.',
  dataRights:
    'You may ask for access to, rectification or erasure of your personal data in ETIAS (art. 64 of Regulation (EU) 2018/1240).',
  page: 'Page {page} of {pages}',
};

const de: NoticeTexts = {
  title: {
    issued: 'ETIAS-Reisegenehmigung erteilt',
    refused: 'Verweigerung einer ETIAS-Reisegenehmigung',
    annulled: 'Annullierung einer ETIAS-Reisegenehmigung',
    revoked: 'Aufhebung einer ETIAS-Reisegenehmigung',
    'limited-validity': 'ETIAS-Reisegenehmigung mit räumlich begrenzter Gültigkeit',
  },
  application: 'Antragsnummer: {id}',
  surname: 'Nachname',
  givenNames: 'Vorname(n)',
  birthDate: 'Geburtsdatum',
  document: 'Reisedokument',
  decidedBy: 'Entschieden von: {authority} ({state})',
  decidedOn: 'Datum der Entscheidung: {date}',
  validity: 'Gültig vom {from} bis zum {until}.',
  validOnlyIn: 'Nur gültig im Hoheitsgebiet von: {states}.',
  issuedReminders: [
    'Legen Sie an der Grenze dasselbe Reisedokument vor, das Sie im Antrag angegeben haben.',
    'Ein kurzfristiger Aufenthalt darf 90 Tage je Zeitraum von 180 Tagen nicht überschreiten.',
    'Eine Reisegenehmigung begründet kein automatisches Recht auf Einreise: Die Grenzbehörde prüft die Einreisevoraussetzungen.',
    'Die verbleibende zulässige Aufenthaltsdauer können Sie über den Web-Dienst des Einreise-/Ausreisesystems prüfen.',
  ],
  groundsHeading: 'Die Entscheidung beruht auf folgenden Gründen:',
  grounds: {
    'document-lost-stolen':
      'das verwendete Reisedokument ist im SIS als verloren, gestohlen, unterschlagen oder für ungültig erklärt ausgeschrieben (Art. 37 Abs. 1 Buchst. a)',
    'security-risk': 'Sie stellen ein Sicherheitsrisiko dar (Art. 37 Abs. 1 Buchst. b)',
    'illegal-immigration-risk':
      'Sie stellen ein Risiko der illegalen Einwanderung dar (Art. 37 Abs. 1 Buchst. c)',
    'epidemic-risk': 'Sie stellen ein hohes Epidemierisiko dar (Art. 37 Abs. 1 Buchst. d)',
    'sis-refusal':
      'Sie sind im SIS zur Einreise- und Aufenthaltsverweigerung ausgeschrieben (Art. 37 Abs. 1 Buchst. e)',
    'no-reply-to-request':
      'Sie haben ein Ersuchen um zusätzliche Informationen oder Unterlagen nicht fristgerecht beantwortet (Art. 37 Abs. 1 Buchst. f)',
    'no-show-at-interview': 'Sie sind nicht zu einer Befragung erschienen (Art. 37 Abs. 1 Buchst. g)',
    'doubts-on-data':
      'es bestehen begründete und ernsthafte Zweifel an der Echtheit der Daten, der Glaubwürdigkeit Ihrer Angaben oder den Belegen (Art. 37 Abs. 2)',
  },
  justification: 'Begründung',
  appeal:
    'Sie haben das Recht, gegen diese Entscheidung Rechtsmittel einzulegen. Das Verfahren richtet sich nach dem nationalen Recht von {state}. Kontakt: {authority}.',
  dataRights:
    'Sie können Auskunft über Ihre personenbezogenen Daten in ETIAS sowie deren Berichtigung oder Löschung verlangen (Art. 64 der Verordnung (EU) 2018/1240).',
  page: 'Seite {page} von {pages}',
};

const fr: NoticeTexts = {
  title: {
    issued: 'Autorisation de voyage ETIAS délivrée',
    refused: "Refus d'une autorisation de voyage ETIAS",
    annulled: "Annulation d'une autorisation de voyage ETIAS",
    revoked: "Révocation d'une autorisation de voyage ETIAS",
    'limited-validity': 'Autorisation de voyage ETIAS à validité territoriale limitée',
  },
  application: 'Numéro de la demande : {id}',
  surname: 'Nom',
  givenNames: 'Prénom(s)',
  birthDate: 'Date de naissance',
  document: 'Document de voyage',
  decidedBy: 'Décision de : {authority} ({state})',
  decidedOn: 'Date de la décision : {date}',
  validity: 'Valable du {from} au {until}.',
  validOnlyIn: 'Valable uniquement sur le territoire de : {states}.',
  issuedReminders: [
    'Présentez à la frontière le même document de voyage que celui indiqué dans votre demande.',
    'Un court séjour ne peut dépasser 90 jours sur toute période de 180 jours.',
    "Une autorisation de voyage ne confère pas un droit d'entrée automatique : le garde-frontière vérifie les conditions d'entrée.",
    "Vous pouvez vérifier la durée de séjour autorisé restante au moyen du service web du système d'entrée/de sortie.",
  ],
  groundsHeading: 'La décision repose sur les motifs suivants :',
  grounds: {
    'document-lost-stolen':
      'le document de voyage utilisé est signalé dans le SIS comme perdu, volé, détourné ou invalidé (art. 37, par. 1, point a))',
    'security-risk': 'vous présentez un risque en matière de sécurité (art. 37, par. 1, point b))',
    'illegal-immigration-risk':
      "vous présentez un risque en matière d'immigration illégale (art. 37, par. 1, point c))",
    'epidemic-risk': 'vous présentez un risque épidémique élevé (art. 37, par. 1, point d))',
    'sis-refusal':
      "vous faites l'objet d'un signalement dans le SIS aux fins de non-admission et d'interdiction de séjour (art. 37, par. 1, point e))",
    'no-reply-to-request':
      "vous n'avez pas répondu dans le délai à une demande d'informations ou de documents complémentaires (art. 37, par. 1, point f))",
    'no-show-at-interview': 'vous ne vous êtes pas présenté(e) à un entretien (art. 37, par. 1, point g))',
    'doubts-on-data':
      "il existe des doutes raisonnables et sérieux quant à l'authenticité des données, à la fiabilité de vos déclarations ou aux documents justificatifs (art. 37, par. 2)",
  },
  justification: 'Motivation',
  appeal:
    'Vous avez le droit de former un recours contre cette décision. Le recours est formé en/au {state} conformément à son droit national. Contact : {authority}.',
  dataRights:
    "Vous pouvez demander l'accès à vos données à caractère personnel dans ETIAS, leur rectification ou leur effacement (art. 64 du règlement (UE) 2018/1240).",
  page: 'Page {page} sur {pages}',
};

export const NOTICE_TEXTS: Readonly<Record<NoticeLanguage, NoticeTexts>> = Object.freeze({ en, de, fr });

/** Replaces `{name}` placeholders. */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/gu, (all, name: string) => values[name] ?? all);
