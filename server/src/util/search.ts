/** Searching sorted sequences. */

/** The index of the first of `count` sorted elements for which `below(index)` is false (binary search). */
export function firstNotBelow(count: number, below: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (below(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
