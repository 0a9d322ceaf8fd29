import { useEffect, useState } from 'react';

import type { BcpsResponse } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';

let bcpZones: Promise<ReadonlyMap<string, string>> | null = null;

/**
 * The IANA time zone of each border crossing point (`GET /reference/bcps`), loaded once per page: a crossing is
 * shown on the clock of the crossing point. Until the list is here, and for a point it does not know, the
 * answer is undefined, and the caller shows the calendar day the server gave, which is already the local one.
 */
export function useBcpZones(): (bcpId: string) => string | undefined {
  const { api } = useSession();
  const [zones, setZones] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    bcpZones ??= api<BcpsResponse>('/reference/bcps').then(
      (answer) => new Map(answer.borderCrossingPoints.map((b) => [b.id, b.timeZone])),
      () => {
        bcpZones = null;
        return new Map<string, string>();
      },
    );
    void bcpZones.then((loaded) => {
      if (live) {
        setZones(loaded);
      }
    });
    return () => {
      live = false;
    };
  }, [api]);
  return (bcpId) => zones.get(bcpId);
}
