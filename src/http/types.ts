import type { Actor, Permission } from '../contexts/access/index.ts';

/**
 * What a route requires, declared on every route: `public` (no login: health, docs, login itself),
 * `authenticated` (any logged-in user, for their own session), or a permission that the use case checks again.
 */
export type RouteAccess =
  | 'public'
  | 'authenticated'
  | {
      readonly permission: Permission;
      /** The route touches personal data: the request must name a purpose its profile allows. */
      readonly purpose?: 'required';
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The authenticated actor; set before the handler runs on every non-public route. */
    actor: Actor | null;
  }
}

export const PURPOSE_HEADER = 'x-interlink-purpose';

export function describeAccess(access: RouteAccess): string {
  return typeof access === 'string' ? access : access.permission;
}
