/**
 * Moving what an edit did not touch: every `offset` in a value (syntax nodes, model spans,
 * findings, fixes) moved by the length the edit added or removed, in place. Incremental analysis
 * (analysis/analysis.ts) uses it for the items after an edit, which keep their objects.
 */

/**
 * Adds `delta` to every numeric `offset` property reachable from `root` through objects and
 * arrays. An object reachable twice would be moved twice: the values given here (one item's
 * syntax, its model, its findings) share none, which test/unit/incremental.test.ts checks.
 */
export function shiftOffsets(root: unknown, delta: number): void {
  if (delta !== 0 && typeof root === 'object' && root !== null) visit(root, delta);
}

function visit(value: object, delta: number): void {
  if (Array.isArray(value)) {
    for (const element of value) if (typeof element === 'object' && element !== null) visit(element, delta);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'object') {
      if (field !== null) visit(field, delta);
    } else if (key === 'offset' && typeof field === 'number') {
      record[key] = field + delta;
    }
  }
}
