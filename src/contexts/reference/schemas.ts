import { Type } from 'typebox';
import { ZonedInstant } from '../../http/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CountrySchema = Type.Object({
  code: Type.String(),
  comparisonCode: Type.String(),
  alpha2: Nullable(Type.String()),
  name: Type.String(),
  kind: Type.Enum(['state', 'organisation', 'special-nationality', 'territory']),
  source: Type.Enum(['iso-3166-1', 'icao-9303']),
  sovereign: Type.Optional(Nullable(Type.String())),
  partOfEu: Type.Optional(Type.Boolean()),
  thirdCountry: Type.Boolean(),
});

export const CountriesQuery = Type.Object(
  { kind: Type.Optional(Type.Enum(['state', 'organisation', 'special-nationality', 'territory'])) },
  { additionalProperties: false },
);

export const CountriesReply = Type.Object({ countries: Type.Array(CountrySchema) });

const Dates = Type.Object({ air: Type.String(), sea: Type.String(), land: Type.String() });

export const MemberStatesReply = Type.Object({
  memberStates: Type.Array(
    Type.Object({
      alpha2: Type.String(),
      alpha3: Type.String(),
      name: Type.String(),
      euMemberSince: Nullable(Type.String()),
      eea: Type.Boolean(),
      schengen: Type.Union([Dates, Type.Null()]),
    }),
  ),
});

export const BcpSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  memberStateAlpha2: Type.String(),
  memberStateAlpha3: Type.String(),
  kind: Type.Enum(['air', 'sea', 'land', 'rail']),
  timeZone: Type.String(),
  iata: Type.Optional(Type.String()),
  unLocode: Type.Optional(Type.String()),
  neighbour: Type.Optional(Type.String()),
});

export const BcpsQuery = Type.Object(
  {
    memberState: Type.Optional(
      Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO alpha-2 code, e.g. FI' }),
    ),
    kind: Type.Optional(Type.Enum(['air', 'sea', 'land', 'rail'])),
  },
  { additionalProperties: false },
);

export const BcpsReply = Type.Object({ borderCrossingPoints: Type.Array(BcpSchema) });

export const LocalDateQuery = Type.Object(
  { at: ZonedInstant('An instant, e.g. 2026-03-28T23:30:00Z') },
  { additionalProperties: false },
);

export const LocalDateReply = Type.Object({
  bcp: Type.String(),
  timeZone: Type.String(),
  at: Type.String(),
  localDate: Type.String({ format: 'date' }),
});
