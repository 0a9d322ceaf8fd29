import { useSyncExternalStore } from 'react';
import { useHashLocation } from 'wouter/use-hash-location';

/**
 * Routing and list state share the URL fragment: `#/audit?operation=audit.export&sort=time&order=asc`. The
 * part after `?` is the list's state (filters, sort, page) so that a filtered list can be linked and the
 * browser's Back button undoes a change; routes match only the part before it.
 */

const HASH_PREFIX = /^#?\/?/u;

function subscribe(callback: () => void): () => void {
  addEventListener('hashchange', callback);
  return () => removeEventListener('hashchange', callback);
}

/** The query string of the fragment (`operation=x&sort=time`), without the `?`. */
export function hashQueryOf(hash: string): string {
  const at = hash.indexOf('?');
  return at === -1 ? '' : hash.slice(at + 1);
}

/** The route of the fragment (`/audit`), without its query. */
export function hashPathOf(hash: string): string {
  const path = hash.replace(HASH_PREFIX, '');
  const at = path.indexOf('?');
  return `/${at === -1 ? path : path.slice(0, at)}`;
}

/**
 * wouter's hash location with the fragment's query left out, so `#/audit?sort=time` is the route `/audit`.
 * Navigating to a route (a menu link) drops the query of the previous list.
 */
export function useHashPathLocation(): ReturnType<typeof useHashLocation> {
  const [, navigate] = useHashLocation();
  const path = useSyncExternalStore(
    subscribe,
    () => hashPathOf(location.hash),
    () => '/',
  );
  return [path, navigate];
}
useHashPathLocation.hrefs = (href: string) => `#${href}`;

/** The fragment's query parameters, updated when the fragment changes. */
export function useHashQuery(): URLSearchParams {
  const query = useSyncExternalStore(
    subscribe,
    () => hashQueryOf(location.hash),
    () => '',
  );
  return new URLSearchParams(query);
}

/**
 * Replaces the fragment's query, keeping its route. A new history entry is made unless `replace` is set, so
 * Back returns to the list as it was before the change.
 */
export function setHashQuery(params: URLSearchParams, { replace = false }: { replace?: boolean } = {}): void {
  const oldURL = location.href;
  const url = new URL(oldURL);
  const query = params.toString();
  url.hash = `${hashPathOf(location.hash)}${query === '' ? '' : `?${query}`}`;
  if (url.href === oldURL) {
    return;
  }
  history[replace ? 'replaceState' : 'pushState'](history.state, '', url.href);
  dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: url.href }));
}
