import type { FastifyInstance } from 'fastify';
import type { SystemCode } from '../contexts/access/index.ts';
import type { EspService } from '../contexts/esp/index.ts';
import { PURPOSE_HEADER } from './types.ts';

/** Routes whose permission belongs to a system answer with that system's data. */
const SYSTEM_OF_PERMISSION: ReadonlyArray<readonly [string, SystemCode]> = [
  ['ees:', 'ees'],
  ['sis:', 'sis'],
];

/**
 * Applies the search profiles' field allowance (the portal's, see `contexts/esp/allowance.ts`) to every
 * successful answer of a system's own routes: one allowance, one place, whatever door the data leave by.
 * Runs before serialisation, so response schemas keep the withheld fields optional.
 */
export function registerFieldFilter(app: FastifyInstance, esp: EspService): void {
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    const acc = request.routeOptions.config.access;
    if (typeof acc !== 'object' || request.actor === null || reply.statusCode >= 300) {
      return payload;
    }
    const system = SYSTEM_OF_PERMISSION.find(([prefix]) => acc.permission.startsWith(prefix))?.[1];
    if (system === undefined) {
      return payload;
    }
    const purpose = request.headers[PURPOSE_HEADER];
    const allowance = esp.allowance(request.actor, typeof purpose === 'string' ? purpose : null, system);
    return allowance === null ? payload : esp.withhold(payload, allowance);
  });
}
