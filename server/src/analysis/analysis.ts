/**
 * One document analysed: its text, its syntax, the protocol it means, and every problem found
 * — without severities, which are applied when publishing (language/rules.ts).
 *
 * An analysis can be made from the analysis of another version of the same document
 * (`analyzeText(text, previous)`): then only what the change can reach is done again. The
 * top-level items the change did not touch keep their syntax, their lowering and (arms and the
 * eligibility) their checks' findings; those after it are moved in place (util/shift.ts). So
 * the previous analysis is used up: it is no longer valid once a new one is made from it
 * (`isUsable` says so; the host makes a fresh one if it is asked for it again). Either way the
 * result equals a from-scratch analysis of the text (test/unit/incremental.test.ts).
 */

import type { Finding } from '../language/codes';
import { lower, type LoweredItem } from '../model/lower';
import type { Arm, Eligibility, Protocol } from '../model/schema';
import { parse, reparse, type ParseResult, type TextChange } from '../syntax/parser';
import type { Node } from '../syntax/tree';
import { shiftOffsets } from '../util/shift';
import { applySuppressions, readSuppressions, type Suppression } from './suppress';
import { validate, type FindingsCache } from './validate';
import { kept } from '../util/kept';

export interface Analysis {
  readonly text: string;
  readonly parse: ParseResult;
  readonly protocol: Protocol;
  /** Syntax errors, lowering findings and check findings, in document order, less those a suppression comment silences. */
  readonly findings: readonly Finding[];
  /** The `// trial-disable-next-line` comments of the document. */
  readonly suppressions: readonly Suppression[];
}

/** What an analysis keeps of each top-level item for the next: its lowering and, for an arm or the eligibility, its checks' findings. */
interface Unit {
  readonly lowered: LoweredItem;
  /** The arm's or the eligibility's findings, and what they read beyond it (see validate.ts). */
  checked?: readonly Finding[];
  checkedUnder?: string;
}

interface State {
  /** By top-level item (keyed by syntax node, as `reparse` hands kept nodes over). */
  readonly units: ReadonlyMap<Node, Unit>;
  /** Set when a later analysis was made from this one: its objects have moved. */
  usedUp: boolean;
}

const states = kept<Analysis, State>('states');

/** False once another analysis has been made from this one (its nodes and spans may have moved). */
export function isUsable(analysis: Analysis): boolean {
  return states.get(analysis)?.usedUp !== true;
}

/** The one change that turns `before` into `after`: what lies between their common start and their common end. */
export function changeBetween(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  const start = commonLength(shorter, (from, to) => before.slice(from, to) === after.slice(from, to));
  const common = commonLength(
    shorter - start,
    (from, to) => before.slice(before.length - to, before.length - from) === after.slice(after.length - to, after.length - from),
  );
  return { start, oldEnd: before.length - common, newEnd: after.length - common };
}

/**
 * How far (up to `limit`) two texts agree, given `same(from, to)` comparing their parts
 * `[from, to)`: blocks that double while they agree and halve when they do not, so a 10,000-line
 * document is compared in a few dozen native string comparisons rather than character by character.
 */
function commonLength(limit: number, same: (from: number, to: number) => boolean): number {
  let length = 0;
  let block = 256;
  while (block >= 1) {
    if (length + block <= limit && same(length, length + block)) {
      length += block;
      block *= 2;
    } else block >>= 1;
  }
  return length;
}

/**
 * Parses, lowers and checks a document. Given the analysis of another version of the document,
 * redoes only what the difference can reach, and uses that analysis up. Never throws.
 */
export function analyzeText(text: string, previous?: Analysis): Analysis {
  const state = previous && states.get(previous);
  if (!previous || !state || state.usedUp) return analyzeFrom(text, parse(text), new Map());
  const change = changeBetween(previous.text, text);
  if (!change) return previous;
  state.usedUp = true;
  const parsed = reparse(previous.parse, text, change, (node, delta) => {
    // The item's syntax, its model and its findings share no object; `uses` are syntax nodes.
    // (A statement of the eligibility block kept by `reparse` has syntax only.)
    shiftOffsets(node, delta);
    const unit = state.units.get(node);
    if (!unit) return;
    shiftOffsets(unit.lowered.value, delta);
    shiftOffsets(unit.lowered.findings, delta);
    shiftOffsets(unit.checked, delta);
  });
  return analyzeFrom(text, parsed, state.units);
}

/**
 * What `lower` may take from the analysis before: the lowering of an item it kept. Made here,
 * not in `analyzeFrom`, so that the function holds only `before` (see `findingsCache`).
 */
function reuseFrom(before: ReadonlyMap<Node, Unit>): (item: Node) => LoweredItem | undefined {
  return (item) => before.get(item)?.lowered;
}

/** The unit of an arm or the eligibility block: what `findingsCache` reads and writes its findings in. */
const unitOf = kept<Arm | Eligibility, Unit>('unitOf');

/**
 * The checks' findings of an arm or the eligibility block, kept in its unit between versions.
 * One object for every analysis, reading units kept on the elements, rather than closures over
 * an analysis' own map: V8 keeps a function's context alive while it compiles the function in the
 * background, and a context that reached the map would keep the whole analysis alive with it,
 * to be copied and promoted by the next collections (docs/performance.md, "What a compile job
 * keeps alive").
 */
const findingsCache: FindingsCache = {
  get(element, context) {
    const unit = unitOf.get(element);
    return unit?.checked && unit.checkedUnder === context ? unit.checked : undefined;
  },
  set(element, context, findings) {
    const unit = unitOf.get(element);
    if (!unit) return;
    unit.checked = findings;
    unit.checkedUnder = context;
  },
};

function analyzeFrom(text: string, parsed: ParseResult, before: ReadonlyMap<Node, Unit>): Analysis {
  const units = new Map<Node, Unit>();
  const lowered = lower(parsed.tree, reuseFrom(before));
  for (const item of lowered.items) {
    const unit = before.get(item.item) ?? { lowered: item };
    units.set(item.item, unit);
    if ((item.item.kind === 'Arm' || item.item.kind === 'Eligibility') && item.value) unitOf.set(item.value as Arm | Eligibility, unit);
  }
  const checked = validate(lowered.protocol, text, undefined, findingsCache);
  const { suppressions, findings: unknownCodes } = readSuppressions(text, parsed.comments);
  const findings = applySuppressions(text, [...parsed.errors, ...lowered.findings, ...checked, ...unknownCodes], suppressions).sort(
    (a, b) => a.offset - b.offset || a.code.localeCompare(b.code) || a.length - b.length || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  const analysis: Analysis = { text, parse: parsed, protocol: lowered.protocol, findings, suppressions };
  states.set(analysis, { units, usedUp: false });
  return analysis;
}
