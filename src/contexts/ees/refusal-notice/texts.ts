/**
 * The wording of the standard form for refusal of entry at the border, Regulation (EU) 2016/399 (Schengen
 * Borders Code) Annex V Part B, in the languages the notice is printed in. The form exists in every official
 * language of the Union; English, German and French are written here. The wording follows the Official Journal
 * texts as closely as known without the text at hand: lines marked [K] are unconfirmed against the published
 * form (see docs/decisions.md).
 */

/** Languages the notice is printed in (ISO 639-1). */
export const NOTICE_LANGUAGES = ['en', 'de', 'fr'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export const isNoticeLanguage = (value: string): value is NoticeLanguage =>
  (NOTICE_LANGUAGES as readonly string[]).includes(value);

/** The letters of the form, in its order, with the code EES records for each (`J` is stored as `ETIAS`). */
export const FORM_GROUNDS = [
  ['A', 'A'],
  ['B', 'B'],
  ['C', 'C'],
  ['D', 'D'],
  ['E', 'E'],
  ['F', 'F'],
  ['G', 'G'],
  ['H', 'H'],
  ['I', 'I'],
  ['J', 'ETIAS'],
] as const;
export type FormLetter = (typeof FORM_GROUNDS)[number][0];

/** Everything printed on the form besides the data of the refusal. */
export interface NoticeTexts {
  formTitle: string;
  title: string;
  /** `{date}`, `{time}`, `{bcp}`, `{authority}`. */
  intro: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: string;
  nationality: string;
  documentType: string;
  documentNumber: string;
  issuingState: string;
  expiry: string;
  sexes: Record<'M' | 'F' | 'X' | 'U', string>;
  documentTypes: { P: string; I: string; other: string };
  /** `{state}`. */
  refused: string;
  grounds: Record<FormLetter, string>;
  /** Sub-items of ground H. */
  groundH: { sis: string; national: string };
  comments: string;
  /** `{id}`: the EES refusal record. */
  recordedInEes: string;
  appeal: string;
  copy: string;
  personConcerned: string;
  officer: string;
  signature: string;
  /** `{page}`, `{pages}`. */
  page: string;
  /** The utc time beside the local time: `{time}`. */
  utc: string;
}

const en: NoticeTexts = {
  formTitle: 'Standard form for refusal of entry at the border',
  title: 'Refusal of entry at the border',
  intro:
    'On {date} at {time} at the border crossing point {bcp}, we, the undersigned, {authority}, have before us:',
  surname: 'Surname',
  givenNames: 'First name(s)',
  birthDate: 'Date of birth',
  sex: 'Sex',
  nationality: 'Nationality',
  documentType: 'Type of travel document',
  documentNumber: 'Number of travel document',
  issuingState: 'Issued by',
  expiry: 'Valid until',
  sexes: { M: 'male', F: 'female', X: 'unspecified', U: 'unknown' },
  documentTypes: { P: 'passport', I: 'identity card', other: 'travel document' },
  // [K] The form reads "who has been refused entry into the territory of ... (name of the State)".
  refused:
    'This person is refused entry into the territory of {state}, in accordance with Article 14 of Regulation (EU) 2016/399 of the European Parliament and of the Council of 9 March 2016 on a Union Code on the rules governing the movement of persons across borders (Schengen Borders Code), for the following reason(s):',
  grounds: {
    A: 'has no valid travel document(s);',
    B: 'has a false, counterfeit or forged travel document;',
    C: 'has no valid visa or residence permit;',
    D: 'has a false, counterfeit or forged visa or residence permit;',
    E: 'has no appropriate documentation justifying the purpose and conditions of stay;',
    F: 'has already stayed for 90 days during a 180-day period on the territory of the Member States of the European Union;',
    G: 'does not have sufficient means of subsistence in relation to the period and form of stay, or the means to return to the country of origin or transit;',
    H: 'is a person for whom an alert has been issued for the purposes of refusing entry:',
    I: 'is considered to be a threat to public policy, internal security, public health or the international relations of one or more of the Member States of the European Union;',
    // [K] Added by the ETIAS Regulation (EU) 2018/1240 art. 84; the letter J and the wording are unconfirmed.
    J: 'does not hold a valid travel authorisation.',
  },
  groundH: { sis: 'in the SIS', national: 'in the national register' },
  comments: 'Comments',
  recordedInEes:
    'Refusal recorded in the Entry/Exit System (Regulation (EU) 2017/2226, Article 18) under reference {id}.',
  appeal:
    'The person concerned may appeal against the decision to refuse entry as provided for in national law.',
  copy: 'The person concerned receives a copy of this document.',
  personConcerned: 'Person concerned',
  officer: 'Officer responsible for checks',
  signature: 'Signature',
  page: 'Page {page} of {pages}',
  utc: '{time} UTC',
};

const de: NoticeTexts = {
  formTitle: 'Standardformular für die Einreiseverweigerung an der Grenze',
  title: 'Einreiseverweigerung an der Grenze',
  // [K] "haben wir, der/die Unterzeichnete(n) ... (Behörde), vor uns:" follows the form's structure.
  intro:
    'Am {date} um {time} an der Grenzübergangsstelle {bcp} haben wir, die Unterzeichnenden, {authority}, vor uns:',
  surname: 'Name',
  givenNames: 'Vorname(n)',
  birthDate: 'Geburtsdatum',
  sex: 'Geschlecht',
  nationality: 'Staatsangehörigkeit',
  documentType: 'Art des Reisedokuments',
  documentNumber: 'Nummer des Reisedokuments',
  issuingState: 'Ausgestellt von',
  expiry: 'Gültig bis',
  sexes: { M: 'männlich', F: 'weiblich', X: 'unbestimmt', U: 'unbekannt' },
  documentTypes: { P: 'Reisepass', I: 'Personalausweis', other: 'Reisedokument' },
  refused:
    'Dieser Person wird gemäß Artikel 14 der Verordnung (EU) 2016/399 des Europäischen Parlaments und des Rates vom 9. März 2016 über einen Unionskodex für das Überschreiten der Grenzen durch Personen (Schengener Grenzkodex) die Einreise in das Hoheitsgebiet von {state} aus folgenden Gründen verweigert:',
  grounds: {
    A: 'Er/Sie besitzt kein gültiges Reisedokument/keine gültigen Reisedokumente;',
    B: 'Er/Sie besitzt ein falsches/verfälschtes Reisedokument;',
    C: 'Er/Sie besitzt kein gültiges Visum oder keinen gültigen Aufenthaltstitel;',
    D: 'Er/Sie besitzt ein falsches/verfälschtes Visum oder einen falschen/verfälschten Aufenthaltstitel;',
    E: 'Er/Sie besitzt nicht die erforderlichen Dokumente zum Nachweis des Zwecks und der Umstände des Aufenthalts;',
    F: 'Er/Sie hat sich bereits 90 Tage während eines Zeitraums von 180 Tagen im Hoheitsgebiet der Mitgliedstaaten der Europäischen Union aufgehalten;',
    G: 'Er/Sie verfügt nicht über ausreichende Mittel zur Bestreitung des Lebensunterhalts für die Dauer und die Form des Aufenthalts oder für die Rückreise in das Herkunfts- oder Durchreiseland;',
    H: 'Er/Sie ist eine Person, die zur Einreiseverweigerung ausgeschrieben ist:',
    I: 'Er/Sie wird als eine Gefahr für die öffentliche Ordnung, die innere Sicherheit, die öffentliche Gesundheit oder die internationalen Beziehungen eines oder mehrerer Mitgliedstaaten der Europäischen Union angesehen;',
    // [K] Letter and wording of the ETIAS ground unconfirmed.
    J: 'Er/Sie besitzt keine gültige Reisegenehmigung.',
  },
  groundH: { sis: 'im SIS', national: 'im nationalen Register' },
  comments: 'Bemerkungen',
  recordedInEes:
    'Die Einreiseverweigerung ist im Einreise-/Ausreisesystem (Verordnung (EU) 2017/2226, Artikel 18) unter dem Aktenzeichen {id} erfasst.',
  appeal:
    'Die betroffene Person kann gegen die Einreiseverweigerung nach Maßgabe des innerstaatlichen Rechts Rechtsmittel einlegen.',
  copy: 'Die betroffene Person erhält eine Kopie dieses Dokuments.',
  personConcerned: 'Betroffene Person',
  officer: 'Für die Kontrolle zuständiger Beamter/zuständige Beamtin',
  signature: 'Unterschrift',
  page: 'Seite {page} von {pages}',
  utc: '{time} UTC',
};

const fr: NoticeTexts = {
  formTitle: "Formulaire uniforme de refus d'entrée à la frontière",
  title: "Refus d'entrée à la frontière",
  intro:
    'Le {date} à {time}, au point de passage frontalier {bcp}, nous soussignés, {authority}, avons devant nous :',
  surname: 'Nom',
  givenNames: 'Prénom(s)',
  birthDate: 'Date de naissance',
  sex: 'Sexe',
  nationality: 'Nationalité',
  documentType: 'Type de document de voyage',
  documentNumber: 'Numéro du document de voyage',
  issuingState: 'Délivré par',
  expiry: "Valable jusqu'au",
  sexes: { M: 'masculin', F: 'féminin', X: 'non spécifié', U: 'inconnu' },
  documentTypes: { P: 'passeport', I: "carte d'identité", other: 'document de voyage' },
  refused:
    "Cette personne fait l'objet d'un refus d'entrée sur le territoire de {state}, conformément à l'article 14 du règlement (UE) 2016/399 du Parlement européen et du Conseil du 9 mars 2016 concernant un code de l'Union relatif au régime de franchissement des frontières par les personnes (code frontières Schengen), pour les motifs suivants :",
  grounds: {
    A: "n'est pas en possession d'un document de voyage valable ;",
    B: "est en possession d'un document de voyage faux, falsifié ou contrefait ;",
    C: "n'est pas en possession d'un visa ou d'un titre de séjour valable ;",
    D: "est en possession d'un visa ou d'un titre de séjour faux, falsifié ou contrefait ;",
    E: "n'est pas en possession de documents appropriés justifiant l'objet et les conditions du séjour ;",
    F: "a déjà séjourné 90 jours au cours d'une période de 180 jours sur le territoire des États membres de l'Union européenne ;",
    G: "ne dispose pas de moyens de subsistance suffisants pour la durée et les modalités du séjour, ou pour le retour dans le pays d'origine ou de transit ;",
    H: 'est une personne signalée aux fins de non-admission :',
    I: "est considéré(e) comme représentant une menace pour l'ordre public, la sécurité intérieure, la santé publique ou les relations internationales d'un ou de plusieurs États membres de l'Union européenne ;",
    // [K] Letter and wording of the ETIAS ground unconfirmed.
    J: "n'est pas en possession d'une autorisation de voyage en cours de validité.",
  },
  groundH: { sis: 'dans le SIS', national: 'dans le registre national' },
  comments: 'Observations',
  recordedInEes:
    "Refus enregistré dans le système d'entrée/de sortie (règlement (UE) 2017/2226, article 18) sous la référence {id}.",
  appeal:
    "La personne concernée peut introduire un recours contre la décision de refus d'entrée conformément au droit national.",
  copy: 'La personne concernée reçoit une copie du présent document.',
  personConcerned: 'Personne concernée',
  officer: 'Agent responsable des vérifications',
  signature: 'Signature',
  page: 'Page {page} sur {pages}',
  utc: '{time} UTC',
};

export const NOTICE_TEXTS: Readonly<Record<NoticeLanguage, NoticeTexts>> = Object.freeze({ en, de, fr });

/**
 * How to appeal, per member state (ISO 3166-1 alpha-2) and language: each state names its national law and
 * procedure on the form (Annex V Part B: "each State has to indicate the references to national law and
 * procedure relating to the right of appeal"). A state without an entry prints {@link DEFAULT_APPEAL}.
 */
export type AppealTexts = Readonly<Record<string, Partial<Record<NoticeLanguage, string>>>>;

/** Printed where the member state has not configured its own appeal text. */
export const DEFAULT_APPEAL: Readonly<Record<NoticeLanguage, string>> = Object.freeze({
  en: 'An appeal does not have suspensive effect. Ask the officer for the competent authority, the time limit and how to lodge the appeal; you may be assisted by a lawyer or another representative.',
  de: 'Ein Rechtsmittel hat keine aufschiebende Wirkung. Die zuständige Stelle, die Frist und die Form des Rechtsmittels nennt Ihnen der Beamte oder die Beamtin; Sie können sich von einem Rechtsbeistand vertreten lassen.',
  fr: "Le recours n'a pas d'effet suspensif. L'agent vous indique l'autorité compétente, le délai et la manière d'introduire le recours ; vous pouvez être assisté(e) d'un avocat ou d'un autre représentant.",
});

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => values[name] ?? whole);
}
