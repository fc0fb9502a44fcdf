/**
 * Results kept per top-level item. An item an edit did not touch keeps its node
 * (analysis/analysis.ts), moved in place if the edit came before it; its results are kept with
 * where the item stood when they were made (an offset here; a line and column for the server's
 * LSP forms), and moved with it when it has moved.
 */

import type { TopItem } from '../syntax/tree';
import { kept } from '../util/kept';

export interface KeptPerItem<P, V> {
  /** The item's value: kept, moved if the item stands elsewhere now (`at`), or made by `make`. */
  of(item: TopItem, at: P, make: () => V): V;
}

/**
 * A cache of one value per item, kept with the place `P` the item stood at when it was made.
 * `move` gives the value for the item's new place, or undefined when it cannot be moved (then it
 * is made again); it is asked only when the place differs by `same`.
 */
export function keptPerItem<P, V>(same: (a: P, b: P) => boolean, move: (value: V, from: P, to: P) => V | undefined): KeptPerItem<P, V> {
  const values = kept<TopItem, { at: P; value: V }>('keptPerItem');
  return {
    of(item, at, make) {
      const entry = values.get(item);
      if (entry && same(entry.at, at)) return entry.value;
      const value = (entry && move(entry.value, entry.at, at)) ?? make();
      values.set(item, { at, value });
      return value;
    },
  };
}

export interface PerItem<R> {
  /** The item's results: kept, moved by `move` if the item moved, or computed by `compute`. */
  of(item: TopItem, compute: () => readonly R[]): readonly R[];
}

/** A cache of one feature's results per item, by the item's offset; `move` gives a result moved by `delta`. */
export function perItem<R>(move: (result: R, delta: number) => R): PerItem<R> {
  const kept = keptPerItem<number, readonly R[]>(
    (a, b) => a === b,
    (results, from, to) => results.map((result) => move(result, to - from)),
  );
  return { of: (item, compute) => kept.of(item, item.offset, compute) };
}
