import type { SisAlert } from '../../api/types.ts';

/** A one-line name of what an alert is about: the person's name, or the object's first identifier. */
export function alertSubject(alert: Pick<SisAlert, 'person' | 'object'>): string {
  const p = alert.person;
  if (p !== undefined) {
    const name = [p.surname, p.givenNames].filter((n) => n !== undefined && n !== '').join(', ');
    if (name !== '') {
      return p.birthDate === undefined ? name : `${name} (${p.birthDate})`;
    }
    return p.dactyloscopicRef ?? '—';
  }
  const first = alert.object?.identifiers[0];
  if (first !== undefined) {
    return `${first.value}${first.country ? ` (${first.country})` : ''}`;
  }
  return '—';
}
