import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfMake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  FORM_GROUNDS,
  NOTICE_TEXTS,
  fill,
  type FormLetter,
  type NoticeLanguage,
  type NoticeTexts,
} from './texts.ts';

/**
 * The Roboto font shipped with pdfmake (regular and medium), embedded as a subset. It covers Latin with Latin
 * Extended-A, modern Greek and Cyrillic, so the names of most travellers print as written; see
 * docs/decisions.md for what it does not cover. The standard PDF fonts cover only Windows-1252.
 */
const require = createRequire(import.meta.url);
const ROBOTO = {
  normal: require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: require.resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: require.resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
};
const FONT_DIR = dirname(ROBOTO.normal);

pdfMake.setFonts({ Roboto: ROBOTO });
// The document holds only text built here: no image or font is ever fetched, and only the fonts are read.
pdfMake.setUrlAccessPolicy(() => false);
pdfMake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);

/** What the form is filled with, already in the words it prints (the caller formats dates and names). */
export interface RefusalNoticeData {
  lang: NoticeLanguage;
  /** EES refusal record id. */
  refusalId: string;
  /** The refusing member state, in the notice's language. */
  state: string;
  authority: string;
  /** Name and id of the border crossing point. */
  bcp: string;
  /** Day and local time at the BCP, and the same instant in UTC. */
  date: string;
  time: string;
  utcTime: string;
  /** The instant of the refusal: the document's creation date, so that a notice prints the same every time. */
  refusedAt: Date;
  person: {
    surname: string;
    givenNames: string;
    birthDate: string;
    sex: 'M' | 'F' | 'X' | 'U';
    nationality: string;
  };
  /** The travel documents of the file (the first is the one presented). */
  documents: ReadonlyArray<{ type: string; number: string; issuingState: string; expiry: string }>;
  /** The ticked letters of the form. */
  grounds: ReadonlySet<FormLetter>;
  /** The member state's own words on the appeal (national law and procedure). */
  appeal: string;
  /** Name and identifier of the officer responsible for checks. */
  officer: string;
}

const BOX = 9;

/** A check box drawn as a square, crossed when ticked (Roboto has no ballot-box glyphs). */
function box(ticked: boolean): Content {
  const square = { type: 'rect', x: 0, y: 0, w: BOX, h: BOX, lineWidth: 0.8 } as const;
  const cross = [
    { type: 'line', x1: 1.5, y1: 1.5, x2: BOX - 1.5, y2: BOX - 1.5, lineWidth: 1.2 },
    { type: 'line', x1: 1.5, y1: BOX - 1.5, x2: BOX - 1.5, y2: 1.5, lineWidth: 1.2 },
  ] as const;
  return { canvas: ticked ? [square, ...cross] : [square], margin: [0, 2, 0, 0] };
}

function groundRows(t: NoticeTexts, ticked: ReadonlySet<FormLetter>): TableCell[][] {
  return FORM_GROUNDS.map(([letter]) => {
    const on = ticked.has(letter);
    const text: Content =
      letter === 'H'
        ? {
            stack: [t.grounds.H, { ul: [t.groundH.sis, t.groundH.national], margin: [0, 1, 0, 0] }],
          }
        : { text: t.grounds[letter] };
    return [box(on), { text: `(${letter})`, bold: on }, { ...text, bold: on }];
  });
}

function identityRows(t: NoticeTexts, data: RefusalNoticeData): TableCell[][] {
  const p = data.person;
  const rows: Array<[string, string]> = [
    [t.surname, p.surname],
    [t.givenNames, p.givenNames],
    [t.birthDate, p.birthDate],
    [t.sex, t.sexes[p.sex]],
    [t.nationality, p.nationality],
  ];
  for (const d of data.documents) {
    rows.push(
      [t.documentType, d.type],
      [t.documentNumber, d.number],
      [t.issuingState, d.issuingState],
      [t.expiry, d.expiry],
    );
  }
  return rows.map(([label, value]) => [
    { text: label, style: 'label' },
    { text: value === '' ? '—' : value, bold: true },
  ]);
}

function signatureBox(title: string, name: string, t: NoticeTexts): Content {
  return {
    table: {
      widths: ['*'],
      heights: [12, 12, 44],
      body: [
        [{ text: title, bold: true }],
        [{ text: name === '' ? ' ' : name }],
        [{ text: t.signature, style: 'label' }],
      ],
    },
    layout: { hLineWidth: (i: number) => (i === 0 || i === 3 ? 0.8 : 0), vLineWidth: () => 0.8 },
  };
}

/** The document definition of the notice (pure: the same data give the same definition). */
export function refusalNoticeDefinition(data: RefusalNoticeData): TDocumentDefinitions {
  const t = NOTICE_TEXTS[data.lang];
  const time = `${data.time} (${fill(t.utc, { time: data.utcTime })})`;
  return {
    pageSize: 'A4',
    pageMargins: [42, 36, 42, 40],
    language: data.lang,
    info: {
      title: `${t.title} — ${data.refusalId}`,
      subject: t.formTitle,
      creator: 'Interlink',
      producer: 'Interlink',
      creationDate: data.refusedAt,
      modDate: data.refusedAt,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.1 },
    styles: {
      state: { fontSize: 12, bold: true },
      formTitle: { fontSize: 9, italics: true },
      title: { fontSize: 14, bold: true, margin: [0, 4, 0, 6] },
      label: { fontSize: 8, color: '#333333' },
      heading: { bold: true, margin: [0, 10, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: data.refusalId, style: 'label' },
        {
          text: fill(t.page, { page: String(page), pages: String(pages) }),
          style: 'label',
          alignment: 'right',
        },
      ],
      margin: [42, 12, 42, 0],
    }),
    content: [
      { text: data.state, style: 'state' },
      { text: `${data.authority} — ${data.bcp}` },
      { text: t.formTitle, style: 'formTitle', margin: [0, 6, 0, 0] },
      { text: t.title, style: 'title' },
      {
        text: fill(t.intro, { date: data.date, time, bcp: data.bcp, authority: data.authority }),
        margin: [0, 0, 0, 6],
      },
      {
        table: { widths: [150, '*'], body: identityRows(t, data) },
        layout: 'lightHorizontalLines',
      },
      { text: fill(t.refused, { state: data.state }), margin: [0, 10, 0, 6] },
      {
        table: { widths: [BOX + 2, 18, '*'], body: groundRows(t, data.grounds) },
        layout: 'noBorders',
      },
      { text: t.comments, style: 'heading' },
      {
        table: {
          widths: ['*'],
          heights: [48],
          body: [[{ text: fill(t.recordedInEes, { id: data.refusalId }), style: 'label' }]],
        },
      },
      { text: t.appeal, margin: [0, 10, 0, 2] },
      { text: data.appeal, margin: [0, 0, 0, 2] },
      { text: t.copy, margin: [0, 0, 0, 12] },
      {
        columns: [signatureBox(t.personConcerned, '', t), signatureBox(t.officer, data.officer, t)],
        columnGap: 20,
        unbreakable: true,
      },
    ],
  };
}

/** The notice as a PDF file. */
export function renderRefusalNotice(data: RefusalNoticeData): Promise<Buffer> {
  return pdfMake.createPdf(refusalNoticeDefinition(data)).getBuffer();
}
