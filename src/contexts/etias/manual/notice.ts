import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfMake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { RefusalGround } from '../model.ts';
import { fill, NOTICE_TEXTS, type NoticeKind, type NoticeLanguage } from './notice-texts.ts';

/**
 * The notice to the applicant (art. 38; art. 42 for annulment and revocation): the same content as an e-mail
 * text (stored on the file; Interlink sends no mail) and as a PDF. Pure up to the PDF bytes.
 */
export interface NoticeData {
  kind: NoticeKind;
  lang: NoticeLanguage;
  applicationId: string;
  person: { surname: string; givenNames: string; birthDate: string };
  document: { number: string; issuingState: string };
  /** The deciding National Unit and its state's name. */
  authority: string;
  state: string;
  decidedAt: Date;
  validity: { from: string; until: string; memberStates: string[] | null } | null;
  grounds: readonly RefusalGround[];
  justification: string | null;
}

interface Section {
  heading?: string;
  lines: string[];
  list?: string[];
}

/** The notice as sections of text, in the order both forms print them. */
export function noticeSections(data: NoticeData): { title: string; sections: Section[] } {
  const t = NOTICE_TEXTS[data.lang];
  const date = data.decidedAt.toISOString().slice(0, 10);
  const sections: Section[] = [
    {
      lines: [
        fill(t.application, { id: data.applicationId }),
        `${t.surname}: ${data.person.surname}`,
        `${t.givenNames}: ${data.person.givenNames}`,
        `${t.birthDate}: ${data.person.birthDate}`,
        `${t.document}: ${data.document.number} (${data.document.issuingState})`,
      ],
    },
    {
      lines: [
        fill(t.decidedBy, { authority: data.authority, state: data.state }),
        fill(t.decidedOn, { date }),
      ],
    },
  ];
  if (data.validity !== null) {
    const lines = [fill(t.validity, { from: data.validity.from, until: data.validity.until })];
    if (data.validity.memberStates !== null) {
      lines.push(fill(t.validOnlyIn, { states: data.validity.memberStates.join(', ') }));
    }
    sections.push({ lines, list: t.issuedReminders });
  }
  if (data.grounds.length > 0) {
    sections.push({ heading: t.groundsHeading, lines: [], list: data.grounds.map((g) => t.grounds[g]) });
  }
  if (data.justification !== null && data.justification.trim() !== '' && data.kind !== 'issued') {
    sections.push({ heading: t.justification, lines: [data.justification] });
  }
  if (data.kind === 'refused' || data.kind === 'annulled' || data.kind === 'revoked') {
    sections.push({ lines: [fill(t.appeal, { state: data.state, authority: data.authority })] });
  }
  sections.push({ lines: [t.dataRights] });
  return { title: t.title[data.kind], sections };
}

/** The e-mail: subject and plain text. */
export function noticeEmail(data: NoticeData): { subject: string; body: string } {
  const { title, sections } = noticeSections(data);
  const body = sections
    .map((s) =>
      [...(s.heading ? [s.heading] : []), ...s.lines, ...(s.list ?? []).map((item) => `- ${item}`)].join(
        '\n',
      ),
    )
    .join('\n\n');
  return { subject: `${title} — ${data.applicationId}`, body: `${title}\n\n${body}\n` };
}

const require = createRequire(import.meta.url);
const ROBOTO = {
  normal: require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: require.resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: require.resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
};
const FONT_DIR = dirname(ROBOTO.normal);

/** The document definition (pure: the same data give the same definition). */
export function noticeDefinition(data: NoticeData): TDocumentDefinitions {
  const t = NOTICE_TEXTS[data.lang];
  const { title, sections } = noticeSections(data);
  const content: Content[] = [
    { text: data.state, style: 'state' },
    { text: data.authority },
    { text: title, style: 'title' },
  ];
  for (const s of sections) {
    if (s.heading) {
      content.push({ text: s.heading, style: 'heading' });
    }
    for (const line of s.lines) {
      content.push({ text: line, margin: [0, 0, 0, 2] });
    }
    if (s.list) {
      content.push({ ul: s.list, margin: [0, 2, 0, 0] });
    }
    content.push({ text: ' ', margin: [0, 0, 0, 4] });
  }
  return {
    pageSize: 'A4',
    pageMargins: [42, 36, 42, 40],
    language: data.lang,
    info: {
      title: `${title} — ${data.applicationId}`,
      creator: 'Interlink',
      producer: 'Interlink',
      creationDate: data.decidedAt,
      modDate: data.decidedAt,
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: {
      state: { fontSize: 12, bold: true },
      title: { fontSize: 14, bold: true, margin: [0, 8, 0, 8] },
      heading: { bold: true, margin: [0, 4, 0, 2] },
      label: { fontSize: 8, color: '#333333' },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: data.applicationId, style: 'label' },
        {
          text: fill(t.page, { page: String(page), pages: String(pages) }),
          style: 'label',
          alignment: 'right',
        },
      ],
      margin: [42, 12, 42, 0],
    }),
    content,
  };
}

/** The notice as a PDF file (Roboto, embedded; nothing fetched but the fonts). */
export function renderNotice(data: NoticeData): Promise<Buffer> {
  pdfMake.setFonts({ Roboto: ROBOTO });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
  return pdfMake.createPdf(noticeDefinition(data)).getBuffer();
}
