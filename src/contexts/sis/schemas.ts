import { Type, type Static } from 'typebox';
import { LinkNoticesSchema } from '../mid/index.ts';
import { OffsetParam, SortParams, TotalField } from '../../http/list-query.ts';
import { CalendarDate, PartialDate } from '../../http/schemas.ts';
import {
  ALERT_CATEGORIES,
  ALERT_SORT_COLUMNS,
  ALERT_STATUSES,
  CHECK_TYPES,
  IDENTIFIER_KINDS,
  MISSING_SUBCATEGORIES,
  OBJECT_TYPES,
  WARNING_MARKERS,
} from './model.ts';
import { TemplatesSchema } from '../sbms/index.ts';
import { SEX_CODES } from './catalogue.ts';
import { HIT_SORT_FIELDS, REVIEW_SORT_FIELDS } from './repository.ts';

const Text = (max = 200) => Type.String({ maxLength: max });
const Texts = (max = 20) => Type.Array(Text(), { maxItems: max });
const strict = { additionalProperties: false } as const;

const DocumentSchema = Type.Object(
  {
    type: Text(60),
    issuingCountry: Text(10),
    number: Text(60),
    // Alert fields are judged by the service, which names each bad field for the form (validate-fields.ts).
    issueDate: Type.Optional(Text(10)),
  },
  strict,
);

const IdentityFields = {
  givenNames: Type.Optional(Text()),
  birthDate: Type.Optional(Text(10)),
  nationalities: Type.Optional(Type.Array(Text(10), { maxItems: 10 })),
  documents: Type.Optional(Type.Array(DocumentSchema, { maxItems: 20 })),
  photographRefs: Type.Optional(Texts()),
  dactyloscopicRef: Type.Optional(Text()),
};

const PersonSchema = Type.Object(
  {
    surname: Type.Optional(Text()),
    namesAtBirth: Type.Optional(Texts()),
    aliases: Type.Optional(Texts()),
    physicalCharacteristics: Type.Optional(Text(1000)),
    placeOfBirth: Type.Optional(Text()),
    sex: Type.Optional(Text(10)),
    nationalRegistrationNumber: Type.Optional(Text(60)),
    dnaProfileRef: Type.Optional(Text()),
    ...IdentityFields,
  },
  strict,
);

const MisusedIdentitySchema = Type.Object(
  { consentGiven: Type.Boolean(), surname: Type.Optional(Text()), ...IdentityFields },
  strict,
);

const ReturnDataSchema = Type.Object(
  {
    returnDecisionRef: Text(),
    publicSecurityThreat: Type.Boolean(),
    voluntaryDepartureEnds: Type.Optional(Text(10)),
    suspended: Type.Boolean(),
    entryBanWithRefusalAlert: Type.Boolean(),
  },
  strict,
);

const ObjectSchema = Type.Object(
  {
    type: Type.Enum(OBJECT_TYPES),
    identifiers: Type.Array(
      Type.Object(
        { kind: Type.Enum(IDENTIFIER_KINDS), value: Text(100), country: Type.Optional(Text(10)) },
        strict,
      ),
      { maxItems: 20 },
    ),
    make: Type.Optional(Text(100)),
    model: Type.Optional(Text(100)),
    colour: Type.Optional(Text(100)),
    description: Type.Optional(Text(2000)),
  },
  strict,
);

/** An alert as entered (2018/1862 art. 20; 1861 art. 20, 47; 1860 art. 4). */
export const AlertBody = Type.Object(
  {
    category: Type.Enum(ALERT_CATEGORIES),
    missingSubcategory: Type.Optional(Type.Enum(MISSING_SUBCATEGORIES)),
    checkType: Type.Optional(Type.Enum(CHECK_TYPES)),
    person: Type.Optional(PersonSchema),
    object: Type.Optional(ObjectSchema),
    warningMarkers: Type.Optional(Type.Array(Type.Enum(WARNING_MARKERS), { maxItems: 6 })),
    reason: Text(2000),
    decisionRef: Text(),
    decisionValidUntil: Type.Optional(Text(10)),
    action: Type.Optional(Text(2000)),
    offenceType: Type.Optional(Text()),
    links: Type.Optional(Type.Array(Text(100), { maxItems: 50 })),
    misusedIdentity: Type.Optional(MisusedIdentitySchema),
    returnData: Type.Optional(ReturnDataSchema),
    biometrics: Type.Optional(
      TemplatesSchema(
        'Person alerts: facial image and fingerprint templates (2018/1862 art. 20(3)(w), (y)), enrolled in the biometric matching service. On an update, absent keeps the enrolled ones; [] removes them.',
      ),
    ),
  },
  strict,
);
export type AlertBody = Static<typeof AlertBody>;

export const UpdateAlertBody = Type.Object(
  { alert: AlertBody, version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) },
  strict,
);
export const DeleteAlertBody = Type.Object({ reason: Text(500) }, strict);
export const ExtendAlertBody = Type.Object({ assessment: Text(4000) }, strict);
export const AlertParams = Type.Object({ id: Text(100) });
export const HitParams = Type.Object({ id: Text(100) });

export const PersonSearchBody = Type.Object(
  {
    surname: Text(),
    givenNames: Type.Optional(Text()),
    birthDate: Type.Optional(PartialDate('YYYY-MM-DD, 00 for an unknown day or month')),
    sex: Type.Optional(Text(10)),
    nationalities: Type.Optional(Type.Array(Text(10), { maxItems: 10 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  strict,
);
export const DocumentSearchBody = Type.Object(
  { number: Text(60), issuingCountry: Type.Optional(Text(10)) },
  strict,
);
export const VehicleSearchBody = Type.Object(
  {
    plate: Type.Optional(Text(30)),
    plateCandidates: Type.Optional(
      Type.Array(
        Type.Object(
          { text: Text(30), confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })) },
          strict,
        ),
        { maxItems: 10 },
      ),
    ),
    country: Type.Optional(Text(10)),
    vin: Type.Optional(Text(30)),
    container: Type.Optional(Text(30)),
  },
  strict,
);

const CheckInformationSchema = Type.Object(
  {
    located: Type.Boolean(),
    placeTimeReason: Type.Optional(Text(2000)),
    routeAndDestination: Type.Optional(Text(2000)),
    accompanyingPersons: Type.Optional(Text(2000)),
    identityUsed: Type.Optional(Text(2000)),
    objectsConcerned: Type.Optional(Text(2000)),
    itemsCarried: Type.Optional(Text(2000)),
    circumstances: Type.Optional(Text(2000)),
    other: Type.Optional(Text(2000)),
  },
  strict,
);

export const HitBody = Type.Object(
  {
    alertId: Text(100),
    location: Type.Object({ place: Text(), context: Type.Optional(Text()) }, strict),
    checked: Type.Object(
      { dataTypes: Type.Array(Text(60), { minItems: 1, maxItems: 20 }), matchedOn: Type.Optional(Text()) },
      strict,
    ),
    information: Type.Optional(CheckInformationSchema),
  },
  strict,
);
export const InformationBody = Type.Object({ information: CheckInformationSchema }, strict);
export const MessageBody = Type.Object({ body: Text(10_000) }, strict);
const StateCode = (description: string) => Type.String({ pattern: '^[A-Z]{2}$', description });

/** Filters, order and page of the SIRENE exchange queue; a filter left out means "any". */
export const HitListQuery = Type.Object({
  open: Type.Optional(
    Type.Boolean({ description: 'true: open exchanges only (no reply yet, alert not deleted); false: any' }),
  ),
  status: Type.Optional(
    Type.Enum(['open', 'closed'], {
      description: '`closed`: replied, or closed by the deletion of the alert',
    }),
  ),
  deadline: Type.Optional(
    Type.Enum(['overdue', 'soon'], {
      description: 'Open exchanges past their reply deadline, or due within `dueWithinHours`',
    }),
  ),
  dueWithinHours: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 168, description: 'The `deadline=soon` window (default 2 hours)' }),
  ),
  alertId: Type.Optional(Text(100)),
  category: Type.Optional(Type.Enum(ALERT_CATEGORIES)),
  issuingState: Type.Optional(StateCode('Member state that issued the alert')),
  reportingState: Type.Optional(StateCode('Member state that reported the hit')),
  ...SortParams(HIT_SORT_FIELDS, '`deadline` ascending: open first, soonest due first'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: OffsetParam,
});
/** Filters of the alert list (SIRENE and the police); a filter left out means "any". */
export const AlertListQuery = Type.Object(
  {
    category: Type.Optional(Type.Enum(ALERT_CATEGORIES)),
    issuingState: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    status: Type.Optional(Type.Enum(ALERT_STATUSES)),
    q: Type.Optional(Text(100)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    sort: Type.Optional(
      Type.Enum(ALERT_SORT_COLUMNS, {
        description: 'Column to sort by (default `entered`); ties by alert id',
      }),
    ),
    order: Type.Optional(Type.Enum(['asc', 'desc'], { description: 'Sort direction (default `desc`)' })),
  },
  strict,
);
/** Filters, order and page of the review queue; a filter left out means "any". */
export const ReviewQueueQuery = Type.Object({
  category: Type.Optional(Type.Enum(ALERT_CATEGORIES)),
  due: Type.Optional(
    Type.Enum(['soon', 'overdue'], {
      description:
        '`soon`: review date today or later (still to decide); `overdue`: passed, deleted with the next retention run',
    }),
  ),
  dueBefore: Type.Optional(CalendarDate('Review date before this day, YYYY-MM-DD')),
  ...SortParams(REVIEW_SORT_FIELDS, '`reviewDue` ascending'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: OffsetParam,
});

// Replies. Nested personal data are passed through as given (they were validated on the way in).
const Anything = Type.Unknown();
const Markers = Type.Array(Type.String());
/**
 * Entered data as a reply carries them: the fields of the input shape, declared so that clients can rely on
 * them, and open, so that the serializer drops nothing (the reader's profile may withhold optional fields).
 */
const open = { additionalProperties: true } as const;
const PersonReply = Type.Object(PersonSchema.properties, open);
const ObjectReply = Type.Object(ObjectSchema.properties, open);
const ReturnDataReply = Type.Object(ReturnDataSchema.properties, open);

export const AlertReply = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  category: Type.String(),
  categoryLabel: Type.String(),
  legalBasis: Type.String(),
  missingSubcategory: Type.Optional(Type.String()),
  checkType: Type.Optional(Type.String()),
  action: Type.String(),
  warningMarkers: Markers,
  covert: Type.Boolean(),
  urgent: Type.Boolean(),
  person: Type.Optional(PersonReply),
  object: Type.Optional(ObjectReply),
  misusedIdentity: Type.Optional(Anything),
  returnData: Type.Optional(ReturnDataReply),
  // Optional: withheld from profiles that may not see them (contexts/esp/allowance.ts).
  reason: Type.Optional(Type.String()),
  decisionRef: Type.Optional(Type.String()),
  decisionValidUntil: Type.Optional(Type.String()),
  offenceType: Type.Optional(Type.String()),
  links: Type.Optional(Type.Array(Type.String())),
  issuingState: Type.String(),
  issuingAuthority: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  reviewDue: Type.String({ format: 'date' }),
  reviewBasis: Type.String(),
});

const AlertSummaryReply = Type.Object({
  alertId: Type.String(),
  action: Type.String(),
  warningMarkers: Markers,
  discreet: Type.Boolean(),
  handling: Type.Union([Type.String(), Type.Null()]),
  category: Type.Union([Type.String(), Type.Null()]),
  categoryLabel: Type.Union([Type.String(), Type.Null()]),
  issuingState: Type.String(),
  kind: Type.String(),
  person: Type.Optional(PersonReply),
  object: Type.Optional(ObjectReply),
  misusedIdentity: Type.Optional(Anything),
});

export const SearchReply = Type.Object({
  results: Type.Array(
    Type.Object({
      alert: AlertSummaryReply,
      why: Anything,
      /** The MID links of the alert the caller may see (2019/817 and 2019/818 art. 26); absent when none. */
      links: Type.Optional(LinkNoticesSchema),
    }),
  ),
  vinCheck: Type.Optional(Anything),
  containerCheck: Type.Optional(Anything),
});

/** Why an identifier matched (`search-objects.ts`): the stored and searched values and the OCR confusions. */
const MatchReason = Type.Object({
  field: Type.String(),
  stored: Type.String(),
  searched: Type.String(),
  exact: Type.Boolean(),
  confusions: Type.Array(
    Type.Object({ position: Type.Integer(), stored: Type.String(), read: Type.String() }),
  ),
  explanation: Type.String(),
  confidence: Type.Number(),
});

export const ObjectSearchReply = Type.Object({
  results: Type.Array(Type.Object({ alert: AlertSummaryReply, why: MatchReason })),
  vinCheck: Type.Optional(Anything),
  containerCheck: Type.Optional(Anything),
});

export const DeletedReply = Type.Object({
  alertId: Type.String(),
  deletedOn: Type.String({ format: 'date' }),
});

export const HitAnswerReply = Type.Object({
  hitId: Type.String(),
  action: Type.String(),
  warningMarkers: Markers,
  discreet: Type.Boolean(),
  handling: Type.Union([Type.String(), Type.Null()]),
  informationToCollect: Type.Array(Type.String()),
  urgent: Type.Boolean(),
  replyDueAt: Type.String({ format: 'date-time' }),
  alert: AlertSummaryReply,
});

export const HitReply = Type.Object({
  id: Type.String(),
  alertId: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  discreet: Type.Boolean(),
  handling: Type.Union([Type.String(), Type.Null()]),
  issuingState: Type.String(),
  reportedBy: Type.String(),
  reportingAuthority: Type.String(),
  reportingState: Type.String(),
  place: Type.String(),
  checked: Type.Union([
    Type.Object(
      { dataTypes: Type.Optional(Type.Array(Type.String())), matchedOn: Type.Optional(Type.String()) },
      open,
    ),
    Type.Null(),
  ]),
  information: Type.Union([Type.Object(CheckInformationSchema.properties, open), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  urgent: Type.Boolean(),
  replyDueAt: Type.String({ format: 'date-time' }),
  repliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  overdue: Type.Boolean(),
  alertDeletedOn: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      direction: Type.String(),
      fromState: Type.String(),
      toState: Type.String(),
      author: Type.String(),
      body: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
export const HitsReply = Type.Object({ hits: Type.Array(HitReply), total: TotalField });

export const AlertListReply = Type.Object({
  alerts: Type.Array(Type.Object({ alert: AlertReply, status: Type.Enum(ALERT_STATUSES) })),
  /** How many alerts match the filters in all (the page holds at most `limit`). */
  total: Type.Integer(),
  today: Type.String({ format: 'date' }),
  /** Alerts due for review on or before this day are `review-due` (the advance-warning window). */
  reviewWindowEnds: Type.String({ format: 'date' }),
});

export const ReviewQueueReply = Type.Object({
  until: Type.String({ format: 'date' }),
  total: TotalField,
  items: Type.Array(
    Type.Object({
      alert: AlertReply,
      noticeAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      daysLeft: Type.Integer(),
    }),
  ),
});

/** The choices of the alert model, for a form that must offer exactly what the server accepts. */
export const CatalogueReply = Type.Object({
  categories: Type.Array(
    Type.Object({
      code: Type.Enum(ALERT_CATEGORIES),
      kind: Type.Enum(['person', 'object']),
      label: Type.String(),
      legalBasis: Type.String(),
      defaultAction: Type.String(),
    }),
  ),
  missingSubcategories: Type.Array(Type.Enum(MISSING_SUBCATEGORIES)),
  checkTypes: Type.Array(Type.Enum(CHECK_TYPES)),
  warningMarkers: Type.Array(Type.Enum(WARNING_MARKERS)),
  sexes: Type.Array(Type.Enum(SEX_CODES)),
  objectTypes: Type.Array(
    Type.Object({
      code: Type.Enum(OBJECT_TYPES),
      /** Identifier kinds the type may carry, the usual one first. */
      identifierKinds: Type.Array(Type.Enum(IDENTIFIER_KINDS)),
      /** Whether an art. 36 check alert may concern the type (2018/1862 arts. 36(1) and 37). */
      checkable: Type.Boolean(),
    }),
  ),
  identifierKinds: Type.Array(Type.Enum(IDENTIFIER_KINDS)),
});
