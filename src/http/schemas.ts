import { Type, type TSchema } from 'typebox';

/** The problem+json body of every error response. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    detail: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'Problem' },
);

/** Error responses every route may give, referenced by schema id. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of [400, ...statuses]) {
    out[s] = Type.Ref('Problem');
  }
  return out;
}

export const PurposeHeader = Type.Object({
  'x-interlink-purpose': Type.Optional(
    Type.String({ description: 'Purpose of the access, from the closed list at /api/v1/access/purposes' }),
  ),
});
