/**
 * Results a feature keeps per top-level item. An item an edit did not touch keeps its node
 * (analysis/analysis.ts), moved in place if the edit came before it; its results are kept with
 * the offset the item had when they were computed, and moved with it when it has moved.
 */

import type { TopItem } from '../syntax/tree';

export interface PerItem<R> {
  /** The item's results: kept, moved by `move` if the item moved, or computed by `compute`. */
  of(item: TopItem, compute: () => readonly R[]): readonly R[];
}

/** A cache of one feature's results per item; `move` gives a result moved by `delta`. */
export function perItem<R>(move: (result: R, delta: number) => R): PerItem<R> {
  const kept = new WeakMap<TopItem, { at: number; results: readonly R[] }>();
  return {
    of(item, compute) {
      let entry = kept.get(item);
      if (entry && entry.at !== item.offset) {
        const delta = item.offset - entry.at;
        entry = { at: item.offset, results: entry.results.map((result) => move(result, delta)) };
        kept.set(item, entry);
      }
      if (!entry) {
        entry = { at: item.offset, results: compute() };
        kept.set(item, entry);
      }
      return entry.results;
    },
  };
}
