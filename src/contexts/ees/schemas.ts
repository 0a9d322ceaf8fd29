import { Type, type Static, type TSchema } from 'typebox';
import { CalendarDate, Instant as InstantText, PartialDate } from '../../http/schemas.ts';
import { OffsetParam, SortParams, TotalField } from '../../http/list-query.ts';
import { TemplatesSchema } from '../sbms/index.ts';
import { OVERSTAY_SORT_FIELDS } from './repository.ts';
import {
  DECISION_KINDS,
  EXTENSION_GROUNDS,
  FILE_KINDS,
  FINGERPRINT_EXEMPTIONS,
  REFUSAL_REASONS,
  SEXES,
} from './model.ts';

/** Request and response schemas of the EES routes; content rules are checked in the service (EES_* codes). */

const Str = (max: number, description?: string) =>
  Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Strict = { additionalProperties: false } as const;

const DateText = CalendarDate;
const Instant = InstantText('ISO 8601 date and time of the crossing');
const Country = (description: string) => Type.String({ minLength: 1, maxLength: 3, description });

export const FingerprintSetSchema = Type.Object(
  {
    hand: Type.Union([Type.Literal('right'), Type.Literal('left')]),
    index: Str(200),
    middle: Str(200),
    ring: Str(200),
    little: Str(200),
  },
  Strict,
);

/** Templates of the file (face, fingers), enrolled under it in the shared biometric matching service. */
const FileTemplates = (when: string) =>
  Type.Optional(
    TemplatesSchema(
      `Templates of the facial image and fingerprints ${when}; they replace those the file holds (2019/817 art. 13)`,
    ),
  );

const DocumentInput = Type.Object(
  {
    type: Str(2, 'ICAO document code, e.g. P'),
    number: Str(30),
    issuingState: Country('Three-letter code of the issuing state'),
    expiry: DateText('YYYY-MM-DD'),
  },
  Strict,
);

export const CreateFileBody = Type.Object(
  {
    kind: Type.Enum(FILE_KINDS),
    surname: Str(200),
    givenNames: Type.String({ maxLength: 200 }),
    birthDate: PartialDate('YYYY-MM-DD, 00 for unknown parts'),
    nationalities: Type.Array(Country('Three-letter code'), { minItems: 1, maxItems: 5 }),
    sex: Type.Enum(SEXES),
    documents: Type.Array(DocumentInput, { minItems: 1, maxItems: 5 }),
    facialImageRef: Str(200, 'Reference of the live facial image (art. 15)'),
    fingerprints: Type.Optional(FingerprintSetSchema),
    fingerprintExemption: Type.Optional(Type.Enum(FINGERPRINT_EXEMPTIONS)),
    biometrics: FileTemplates('captured live (EES arts. 15, 17(1)(b))'),
  },
  Strict,
);
export type CreateFileBody = Static<typeof CreateFileBody>;

const VisaSchema = Type.Object(
  {
    stickerNumber: Str(20),
    issuingState: Country('Three-letter code of the issuing member state'),
    type: Type.Union([Type.Literal('C'), Type.Literal('LTV')]),
    entries: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal('multiple')]),
    durationOfStay: Type.Integer({ minimum: 1, maximum: 90 }),
    validFrom: DateText('YYYY-MM-DD'),
    validUntil: DateText('YYYY-MM-DD'),
  },
  Strict,
);

export const EntryBody = Type.Object(
  {
    at: Instant,
    bcpId: Str(40),
    familyMember: Type.Optional(Type.Boolean()),
    visa: Type.Optional(VisaSchema),
    fingerprints: Type.Optional(FingerprintSetSchema),
    biometrics: FileTemplates('captured now (e.g. the fingers after a temporary impossibility, art. 17(4))'),
  },
  Strict,
);
export type EntryBody = Static<typeof EntryBody>;

export const ExitBody = Type.Object(
  {
    at: Instant,
    bcpId: Str(40),
    fingerprints: Type.Optional(FingerprintSetSchema),
    biometrics: FileTemplates('captured now (e.g. the fingers after a temporary impossibility, art. 17(4))'),
  },
  Strict,
);
export type ExitBody = Static<typeof ExitBody>;

export const RefusalBody = Type.Object(
  {
    at: Instant,
    bcpId: Str(40),
    reasons: Type.Array(Type.Enum(REFUSAL_REASONS), { minItems: 1, maxItems: REFUSAL_REASONS.length }),
    facialImageRef: Type.Optional(Str(200)),
    fingerprints: Type.Optional(FingerprintSetSchema),
    biometrics: FileTemplates('captured with the refusal (EES art. 18(2))'),
  },
  Strict,
);
export type RefusalBody = Static<typeof RefusalBody>;

export const DecisionBody = Type.Object(
  {
    kind: Type.Enum(DECISION_KINDS),
    place: Str(200),
    decidedOn: DateText('YYYY-MM-DD'),
    newEndOfStay: Type.Optional(DateText('YYYY-MM-DD')),
    ground: Type.Optional(
      Type.Enum(EXTENSION_GROUNDS, {
        description:
          'Extension only (Visa Code art. 33): force-majeure is the only ground that allows an application after the stay ended',
      }),
    ),
    requestedOn: Type.Optional(DateText('YYYY-MM-DD (extension only; default decidedOn)')),
    newStickerNumber: Type.Optional(Str(20)),
    newStickerState: Type.Optional(Country('Three-letter code')),
  },
  Strict,
);
export type DecisionBody = Static<typeof DecisionBody>;

export const DocumentQueryBody = Type.Object(
  { number: Str(30), issuingState: Country('Three-letter code of the issuing state') },
  Strict,
);

export const IdentityQueryBody = Type.Object(
  {
    surname: Str(200),
    givenNames: Type.Optional(Type.String({ maxLength: 200 })),
    birthDate: PartialDate('YYYY-MM-DD, 00 for unknown parts'),
    nationalities: Type.Optional(Type.Array(Country('Three-letter code'), { maxItems: 5 })),
    sex: Type.Optional(Type.Enum(SEXES)),
  },
  Strict,
);

export const TravellerBody = Type.Object(
  {
    documentNumber: Str(30, 'Travel document number (EES art. 16(1)(b))'),
    issuingState: Country('Three-letter code of the issuing state (EES art. 16(1)(b))'),
    documentExpiry: DateText('Expiry date of the travel document, YYYY-MM-DD (EES art. 16(1)(c))'),
    intendedEntry: DateText('Intended day of entry, YYYY-MM-DD: today or up to a year ahead'),
    intendedExit: Type.Optional(DateText('Intended day of exit, YYYY-MM-DD: not before the entry')),
  },
  Strict,
);

export const CarrierBody = Type.Object(
  {
    documentNumber: Str(30),
    issuingState: Country('Three-letter code of the issuing state'),
    intendedEntry: DateText('Day of arrival, YYYY-MM-DD'),
    visaStickerNumber: Type.Optional(Str(20)),
  },
  Strict,
);

export const IdParams = Type.Object({ id: Str(100) });
export const NoticeQuery = Type.Object({
  lang: Type.Optional(
    Type.String({
      maxLength: 35,
      description:
        "Language of the notice (en, de, fr); default: the first of the caller's Accept-Language it is printed in, else en",
    }),
  ),
});
export const FileQuery = Type.Object({
  date: Type.Optional(DateText('Day of the calculator figures, YYYY-MM-DD')),
});
/** Filters, order and page of the list of overstayers; a filter left out means "any". */
export const OverstayersQuery = Type.Object({
  memberState: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'Member state of entry' })),
  nationality: Type.Optional(
    Type.String({
      pattern: '^[A-Z]{3}$',
      description: 'A nationality of the traveller (ISO 3166-1 alpha-3)',
    }),
  ),
  ...SortParams(OVERSTAY_SORT_FIELDS, '`overstayDays` descending: the longest overstay first'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: OffsetParam,
});

const FileViewSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum(FILE_KINDS),
  surname: Type.String(),
  givenNames: Type.String(),
  birthDate: Type.String(),
  nationalities: Type.Array(Type.String()),
  // Optional where the profile withholds it (contexts/esp/allowance.ts), as `history.refusals` below.
  sex: Type.Optional(Type.String()),
  documents: Type.Array(
    Type.Object({
      type: Type.String(),
      number: Type.String(),
      issuingState: Type.String(),
      expiry: Type.String(),
    }),
  ),
  facialImageRef: Nullable(Type.String()),
  fingerprints: Type.Object({
    status: Type.String(),
    exemption: Nullable(Type.String()),
    value: Nullable(Type.Literal('not applicable')),
    set: Nullable(FingerprintSetSchema),
  }),
  responsibleState: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  overstayer: Type.Boolean(),
  eraseAfter: Type.String(),
});
export const FileReply = FileViewSchema;

const Crossing = Type.Object({
  at: Type.String(),
  date: Type.String(),
  bcp: Type.String(),
  authority: Type.String(),
  memberState: Type.String(),
});

export const RecordReply = Type.Object({
  id: Type.String(),
  fileId: Type.String(),
  entry: Crossing,
  familyMember: Type.Boolean(),
  visa: Nullable(VisaSchema),
  authorisedUntil: Nullable(Type.String()),
  limitedBy: Nullable(Type.String()),
  exit: Nullable(Crossing),
  overstayDays: Nullable(Type.Integer()),
  overstayer: Type.Boolean(),
  overstayerFlaggedOn: Nullable(Type.String()),
  decisions: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      authority: Type.String(),
      memberState: Type.String(),
      place: Type.String(),
      decidedOn: Type.String(),
      newEndOfStay: Nullable(Type.String()),
      newStickerNumber: Nullable(Type.String()),
      newStickerState: Nullable(Type.String()),
      ground: Nullable(Type.String()),
      requestedOn: Nullable(Type.String()),
      issuingStateToInform: Nullable(
        Type.String({
          description:
            'Annulment or revocation by another state than the issuing one: the state to inform (Visa Code art. 34)',
        }),
      ),
    }),
  ),
  eraseAfter: Type.String(),
});

export const RefusalReply = Type.Object({
  id: Type.String(),
  fileId: Type.String(),
  at: Type.String(),
  date: Type.String(),
  bcp: Type.String(),
  authority: Type.String(),
  memberState: Type.String(),
  reasons: Type.Array(Type.String()),
  eraseAfter: Type.String(),
});

const ControlSchema = Type.Object({
  date: Type.String(),
  windowStart: Type.String(),
  daysUsed: Type.Integer(),
  daysRemaining: Type.Integer(),
  overstayDays: Type.Integer(),
  maxStayFrom: Type.Integer(),
  latestExit: Nullable(Type.String()),
  compliant: Type.Boolean(),
  breaches: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), days: Type.Integer() })),
  daysInBreach: Type.Integer(),
  peak: Nullable(Type.Object({ windowStart: Type.String(), windowEnd: Type.String(), days: Type.Integer() })),
});

const StaySchema = Type.Object({
  date: Type.String(),
  calculatorApplied: Type.Boolean(),
  control: Nullable(ControlSchema),
  present: Type.Boolean(),
  authorisedUntil: Nullable(Type.String()),
  overstayDays: Type.Integer(),
  plannedStay: Nullable(Type.Object({ days: Type.Integer(), until: Nullable(Type.String()) })),
  limitedBy: Nullable(Type.String()),
  visa: Nullable(
    Type.Object({
      entriesAllowed: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal('multiple')]),
      entriesUsed: Type.Integer(),
      entriesRemaining: Nullable(Type.Integer()),
      entriesExhausted: Type.Boolean(),
      daysUsed: Type.Integer(),
      daysRemaining: Type.Integer(),
      validUntil: Type.String(),
    }),
  ),
});

export const FileDetailsReply = Type.Object({
  file: FileViewSchema,
  history: Type.Object({
    records: Type.Array(RecordReply),
    refusals: Type.Optional(Type.Array(RefusalReply)),
  }),
  stay: Nullable(StaySchema),
  stayProblem: Nullable(Type.String()),
});

export const FilesReply = Type.Object({ files: Type.Array(FileViewSchema) });

const Outcome = Type.Union([
  Type.Literal('same'),
  Type.Literal('similar'),
  Type.Literal('different'),
  Type.Literal('unknown'),
]);
const CategorySchema = Type.Object({ outcome: Outcome, explanation: Type.String() });
export const CandidatesReply = Type.Object({
  candidates: Type.Array(
    Type.Object({
      file: FileViewSchema,
      verdict: Type.Union([Type.Literal('same'), Type.Literal('similar')]),
      probability: Nullable(
        Type.Number({
          description: "The matching engine's calibrated probability that the file is the person",
        }),
      ),
      rules: Type.Array(Type.String()),
      categories: Type.Object({
        names: CategorySchema,
        birthDate: CategorySchema,
        sex: Type.Optional(CategorySchema),
        nationality: CategorySchema,
      }),
    }),
  ),
});

export const VerificationReply = Type.Object({
  status: Type.Union([
    Type.Literal('NO_FILE'),
    Type.Literal('NO_STAY'),
    Type.Literal('LAWFUL_STAY'),
    Type.Literal('OVERSTAY'),
    Type.Literal('CALCULATOR_NOT_APPLIED'),
  ]),
  file: Nullable(FileViewSchema),
  lastEntry: Nullable(Type.Object({ date: Type.String(), bcp: Type.String(), memberState: Type.String() })),
  authorisedUntil: Nullable(Type.String()),
  overstayDays: Type.Integer(),
});

export const OverstayersReply = Type.Object({
  overstayers: Type.Array(
    Type.Object({
      fileId: Type.String(),
      recordId: Type.String(),
      surname: Type.String(),
      givenNames: Type.String(),
      birthDate: Type.String(),
      nationalities: Type.Array(Type.String()),
      entryDate: Type.String(),
      entryBcp: Type.String(),
      entryState: Type.String(),
      authorisedUntil: Type.String(),
      overstayDays: Type.Integer(),
      flaggedOn: Nullable(Type.String()),
    }),
  ),
  total: TotalField,
});

const OkStatus = Type.Union([Type.Literal('OK'), Type.Literal('NOT_OK')]);
export const TravellerReply = Type.Object(
  {
    status: Type.Union([Type.Literal('OK'), Type.Literal('NOT_OK'), Type.Literal('CANNOT_ANSWER')], {
      description:
        'OK / NOT_OK for the intended stay; CANNOT_ANSWER when no file holds this document (number, issuing state and expiry) or the calculator does not apply — the two are not told apart',
    }),
    remainingDays: Type.Integer({
      minimum: 0,
      description: 'Days still authorised from the entry; 0 with CANNOT_ANSWER',
    }),
  },
  { additionalProperties: false },
);
export const CarrierReply = Type.Object({ status: OkStatus }, { additionalProperties: false });
