import { Type } from 'typebox';
import { AUTHORITY_TYPES } from '../access/index.ts';
import { CIR_SYSTEMS } from '../cir/index.ts';
import { LINK_COLORS } from './model.ts';

/**
 * A link as a query answer shows it (`LinkNotice`, art. 26): in the border check (`extra.mid.links`), on each
 * portal hit and SIS person search result (`links`), and at `GET /api/v1/mid/records/{ref}/links`.
 */
export const LinkNoticeSchema = Type.Object({
  linkId: Type.String(),
  icf: Type.String({
    description: 'Single identification number of the identity confirmation file (art. 34(c))',
  }),
  color: Type.Enum(LINK_COLORS),
  record: Type.String({ description: 'The record of the answer this notice is about, `<system>:<id>`' }),
  other: Type.Union([Type.String(), Type.Object({ system: Type.Enum(CIR_SYSTEMS) })], {
    description:
      'The linked record, `<system>:<id>`, when the caller has access to its system; otherwise only its system',
  }),
  verifier: Type.Object({
    authorityType: Type.Enum(AUTHORITY_TYPES),
    memberState: Type.String(),
    system: Type.Enum(CIR_SYSTEMS),
    basis: Type.String(),
  }),
  meaning: Type.String({ description: '"not yet verified" for yellow, else what the verified colour means' }),
});

export const LinkNoticesSchema = Type.Array(LinkNoticeSchema);

/** `result.extra.mid` of the border check. */
export const MidBorderDataSchema = Type.Object({ links: LinkNoticesSchema });
