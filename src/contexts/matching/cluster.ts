/** Union-find over record positions, with path halving. */
class DisjointSets {
  readonly #parent: Int32Array;

  constructor(size: number) {
    this.#parent = new Int32Array(size);
    for (let i = 0; i < size; i += 1) {
      this.#parent[i] = i;
    }
  }

  find(x: number): number {
    const parent = this.#parent;
    let i = x;
    while (parent[i] !== i) {
      const grand = parent[parent[i] ?? i] ?? i;
      parent[i] = grand;
      i = grand;
    }
    return i;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) {
      this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups records into persons: the connected components of the pairs given (the pairs judged matches at
 * the chosen threshold), every record without a pair being a person on its own.
 *
 * Person ids are stable. Without `previous`, a person's id is the smallest record id of its records (in
 * code-unit order), so the same input always gives the same ids, and adding a record that matches no one
 * changes no existing id. With `previous` (record id → person id from an earlier run), every person keeps
 * an earlier id held by its records: when clusters merge, the merged person keeps the id held by most of its
 * records (ties: the smaller id); when a cluster splits, the part holding most of its records keeps the id
 * and the other parts get new ones. New persons get the smallest record id not already in use as a person
 * id.
 *
 * @param recordIds the ids of all records (unique)
 * @param pairs pairs of positions in `recordIds`
 * @returns record id → person id, for every record
 */
export function clusterRecords(
  recordIds: readonly string[],
  pairs: Iterable<readonly [number, number]>,
  previous?: ReadonlyMap<string, string>,
): Map<string, string> {
  const sets = new DisjointSets(recordIds.length);
  for (const [a, b] of pairs) {
    sets.union(a, b);
  }
  const members = new Map<number, string[]>();
  recordIds.forEach((id, i) => {
    const root = sets.find(i);
    const list = members.get(root);
    if (list === undefined) {
      members.set(root, [id]);
    } else {
      list.push(id);
    }
  });
  const components = [...members.values()].map((ids) => ids.sort(byCodeUnits));
  components.sort((x, y) => byCodeUnits(x[0] ?? '', y[0] ?? ''));

  const personOf = new Array<string | undefined>(components.length);
  const taken = new Set<string>();
  if (previous !== undefined) {
    // Every (component, earlier id) claim with its number of records; the strongest claims are served first.
    const claims: { component: number; person: string; votes: number }[] = [];
    components.forEach((ids, component) => {
      const votes = new Map<string, number>();
      for (const id of ids) {
        const person = previous.get(id);
        if (person !== undefined) {
          votes.set(person, (votes.get(person) ?? 0) + 1);
        }
      }
      for (const [person, n] of votes) {
        claims.push({ component, person, votes: n });
      }
    });
    claims.sort((x, y) => y.votes - x.votes || byCodeUnits(x.person, y.person) || x.component - y.component);
    for (const claim of claims) {
      if (personOf[claim.component] === undefined && !taken.has(claim.person)) {
        personOf[claim.component] = claim.person;
        taken.add(claim.person);
      }
    }
  }
  components.forEach((ids, component) => {
    if (personOf[component] !== undefined) {
      return;
    }
    let person = ids.find((id) => !taken.has(id));
    for (let n = 2; person === undefined; n += 1) {
      const candidate = `${ids[0] ?? ''}~${n}`;
      person = taken.has(candidate) ? undefined : candidate;
    }
    personOf[component] = person;
    taken.add(person);
  });
  const out = new Map<string, string>();
  components.forEach((ids, component) => {
    for (const id of ids) {
      out.set(id, personOf[component] ?? id);
    }
  });
  return out;
}
