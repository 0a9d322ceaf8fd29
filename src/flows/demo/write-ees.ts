import type { Actor } from '../../contexts/access/index.ts';
import { lookupBcp } from '../../contexts/reference/index.ts';
import type { TemplateInput } from '../../contexts/sbms/index.ts';
import type { Services } from '../../services.ts';
import type { DemoActors } from './authorities.ts';
import type { PlannedTraveller } from './plan-ees.ts';

const BORDER_PURPOSE = 'border-control';

/** Files, then each crossing by the border guard of the state whose crossing point it is. */
export async function writeTravellers(
  services: Services,
  travellers: readonly PlannedTraveller[],
  actors: DemoActors,
  step: () => void,
  biometricsOf: (travellerRef: string) => TemplateInput[] | undefined,
): Promise<Map<string, string>> {
  const { ees } = services;
  const guard = (bcpId: string): Actor => actors.border.get(lookupBcp(bcpId)!.memberStateAlpha2)!;
  const ids = new Map<string, string>();
  for (const t of travellers) {
    // The file is created at the traveller's first crossing, by that state (EES art. 14).
    // Its face and fingers are enrolled with it, in the file's own transaction (EES art. 17(1)).
    const biometrics = biometricsOf(t.ref);
    const { value: file } = await ees.createFile({
      actor: guard(t.events[0]!.bcpId),
      purpose: BORDER_PURPOSE,
      input: biometrics === undefined ? t.file : { ...t.file, biometrics },
    });
    ids.set(t.ref, file.id);
    for (const e of t.events) {
      const call = { actor: guard(e.bcpId), purpose: BORDER_PURPOSE, fileId: file.id };
      if (e.kind === 'entry') {
        await ees.recordEntry({
          ...call,
          input: {
            at: e.at,
            bcpId: e.bcpId,
            ...(e.visa === undefined ? {} : { visa: e.visa }),
            ...(e.familyMember === true ? { familyMember: true } : {}),
          },
        });
      } else if (e.kind === 'exit') {
        await ees.recordExit({ ...call, input: { at: e.at, bcpId: e.bcpId } });
      } else {
        await ees.recordRefusal({ ...call, input: { at: e.at, bcpId: e.bcpId, reasons: e.reasons } });
      }
    }
    step();
  }
  return ids;
}
