/**
 * A value kept on an object for as long as the object lives: what is worked out once from a
 * document's syntax or model (an arm's schedule, an eligibility block's criteria, an item's
 * semantic tokens) and read again by later checks, features and versions.
 *
 * Not a WeakMap. Node 20's V8 does not clear a WeakMap's entries in a minor collection (the
 * scavenge): an entry keeps its key and its value alive until the next full collection, so every
 * analysis with a value in a WeakMap is copied out of the young generation and promoted, even when
 * nothing else holds it (measured in docs/performance.md, "Caches that outlive their
 * documents"). A property on the object itself lives and dies with it. The property is a
 * non-enumerable symbol, so enumeration, `for…in`, spreads, JSON and deep comparison never see
 * it; an object that cannot take a property (frozen) keeps its value in a WeakMap instead.
 */

export interface Kept<K extends object, V> {
  get(key: K): V | undefined;
  /** Keeps `value` for `key` and returns it. */
  set(key: K, value: V): V;
  /** The value kept for `key`, made by `make` (and kept) the first time; a value of `null` is kept like any other. */
  of(key: K, make: (key: K) => V): V;
}

/**
 * Every value kept on an object is in one array, `object[SLOTS]`, at the index of the place that
 * keeps it: an object is given its property once (defining a property is slow), however many
 * places keep something for it.
 */
const SLOTS = Symbol('kept');
/** What each place keeps, by index, for debugging. */
const placeNames: string[] = [];

/** A place to keep one value per object; `description` names it, for debugging. */
export function kept<K extends object, V>(description: string): Kept<K, V> {
  const slot = placeNames.push(description) - 1;
  let frozen: WeakMap<K, V> | undefined;
  const get = (key: K): V | undefined => {
    const value = (key as { [SLOTS]?: unknown[] })[SLOTS]?.[slot] as V | undefined;
    return value === undefined && frozen ? frozen.get(key) : value;
  };
  const set = (key: K, value: V): V => {
    let slots = Object.prototype.hasOwnProperty.call(key, SLOTS) ? (key as { [SLOTS]: unknown[] })[SLOTS] : undefined;
    if (!slots && Object.isExtensible(key)) Object.defineProperty(key, SLOTS, { value: (slots = []), writable: false, configurable: true, enumerable: false });
    if (slots) {
      // Filled up to the slot rather than left with holes, so the array stays packed.
      while (slots.length < slot) slots.push(undefined);
      slots[slot] = value;
    } else (frozen ??= new WeakMap()).set(key, value);
    return value;
  };
  return {
    get,
    set,
    of(key, make) {
      const value = get(key);
      return value !== undefined ? value : set(key, make(key));
    },
  };
}

/**
 * `compute(row, key)` worked out once per row and key, for rows that live as long as the process
 * (a knowledge table's drug rows): a `WeakMap` is right there, since no minor collection ever
 * finds such a row young.
 */
export function perRow<R extends object, K, V>(compute: (row: R, key: K) => V): (row: R, key: K) => V {
  const byRow = new WeakMap<R, Map<K, V>>();
  return (row, key) => {
    let byKey = byRow.get(row);
    if (!byKey) byRow.set(row, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = compute(row, key);
    byKey.set(key, value);
    return value;
  };
}
