import { Type, type Static } from 'typebox';

import { CalendarDate } from '../../../http/schemas.ts';

const Strict = { additionalProperties: false } as const;
const Code = (description: string) => Type.String({ minLength: 1, maxLength: 3, description });

/** The carrier's query (art. 45(2)): the data of the machine-readable zone and the member state of entry. */
export const EtiasCarrierBody = Type.Object(
  {
    documentNumber: Type.String({ minLength: 1, maxLength: 30 }),
    issuingState: Code('Three-letter code of the state that issued the travel document'),
    nationality: Code('Three-letter code of the nationality in the travel document'),
    memberStateOfEntry: Code(
      'The member state of entry, by its ISO 3166-1 code (two or three letters): limited territorial validity counts (art. 44)',
    ),
    intendedEntry: CalendarDate('Day of arrival, YYYY-MM-DD'),
  },
  Strict,
);
export type EtiasCarrierBody = Static<typeof EtiasCarrierBody>;

/** OK or NOT_OK and nothing else, whatever the case (art. 45(2)). */
export const EtiasCarrierReply = Type.Object(
  { status: Type.Union([Type.Literal('OK'), Type.Literal('NOT_OK')]) },
  Strict,
);

/** The applicant's consent to keep the file after the authorisation expires (art. 54(2)). */
export const RetentionConsentBody = Type.Object(
  {
    documentNumber: Type.String({ minLength: 1, maxLength: 30, description: 'The travel document number' }),
    years: Type.Integer({
      minimum: 1,
      maximum: 3,
      description: 'Years the file is kept after the authorisation expires (art. 54(2): at most 3)',
    }),
  },
  Strict,
);
export const RetentionConsentReply = Type.Object(
  { id: Type.String(), eraseAfter: CalendarDate('Day the file is erased') },
  Strict,
);
export const ApplicationIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
