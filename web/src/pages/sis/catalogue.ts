import { useEffect, useState } from 'react';

import type { SessionUser, SisCatalogue, SisCategory } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';

type PurposeCode = SessionUser['purposes'][number];

/** Purpose of every alert-management request (entry, reading, review, deletion). */
export const ALERT_PURPOSE = 'alert-management' satisfies PurposeCode;
/** Purpose of the SIRENE supplementary-information exchange on hits (2018/1862 arts. 7-8). */
export const EXCHANGE_PURPOSE = 'sirene-exchange' satisfies PurposeCode;

export type ObjectType = SisCatalogue['objectTypes'][number]['code'];
export type IdentifierKind = SisCatalogue['identifierKinds'][number];

/*
 * The choices of the SIS alert model come from the server (`GET /sis/catalogue`): the form offers exactly what
 * the server accepts, and nothing of the model is copied into the browser.
 */

export const personCategories = (c: SisCatalogue): SisCategory[] =>
  c.categories.filter((x) => x.kind === 'person').map((x) => x.code);

export const objectCategories = (c: SisCatalogue): SisCategory[] =>
  c.categories.filter((x) => x.kind === 'object').map((x) => x.code);

export const isPersonCategory = (c: SisCatalogue, category: SisCategory): boolean =>
  c.categories.some((x) => x.code === category && x.kind === 'person');

/** Object types the form offers for a category: art. 36 checks a subset, art. 38 seizure every type. */
export function objectTypesFor(c: SisCatalogue, category: SisCategory | null): ObjectType[] {
  return c.objectTypes.filter((o) => category !== 'object-check' || o.checkable).map((o) => o.code);
}

/** Identifier kinds of an object type, the usual one first; every kind while no type is chosen. */
export function identifierKindsOf(c: SisCatalogue, type: string | null): readonly IdentifierKind[] {
  return c.objectTypes.find((o) => o.code === type)?.identifierKinds ?? c.identifierKinds;
}

let loading: Promise<SisCatalogue> | null = null;

/**
 * The SIS catalogue, fetched once per page load (it changes only with a release of the server); a failed
 * fetch is tried again by the next screen that asks.
 */
export function useSisCatalogue(): { catalogue: SisCatalogue | null; error: unknown } {
  const { api } = useSession();
  const [state, setState] = useState<{ catalogue: SisCatalogue | null; error: unknown }>({
    catalogue: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    loading ??= api<SisCatalogue>('/sis/catalogue');
    loading.then(
      (catalogue) => live && setState({ catalogue, error: null }),
      (error: unknown) => {
        loading = null;
        if (live) {
          setState({ catalogue: null, error });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}
