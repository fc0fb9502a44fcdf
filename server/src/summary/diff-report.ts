/**
 * The amendment diff as people and programs read it: JSON (the issue's shape, one object per
 * change), plain text (one line per change, for a terminal), and an ICH M11-style summary of
 * changes (section, description of change, brief rationale left blank for the author) in
 * Markdown or as the preview's HTML, whose rows link to the clause's line in each version.
 */

import { escapeHtml as e } from './page';
import { DIFF_SECTIONS, type AmendmentDiff, type Change, type DiffSection, type DiffValue } from './diff';

/** The names the two versions are shown under: file names, or `HEAD` for the last commit. */
export interface DiffNames {
  readonly old: string;
  readonly new: string;
}

/** A change as `trial diff --format json` writes it (the issue's shape, exactly). */
export interface ChangeJson {
  readonly kind: Change['kind'];
  readonly what: string;
  readonly old: DiffValue | null;
  readonly new: DiffValue | null;
  readonly oldLine: number | null;
  readonly newLine: number | null;
  readonly direction: Change['direction'];
}

/** The JSON document of a diff: `{ "changes": [...] }`. */
export function diffJson(diff: AmendmentDiff): { changes: ChangeJson[] } {
  return {
    changes: diff.changes.map((change) => ({
      kind: change.kind,
      what: change.what,
      old: change.old,
      new: change.new,
      oldLine: change.oldLine,
      newLine: change.newLine,
      direction: change.direction,
    })),
  };
}

/** The styles the text renderer asks for; the CLI maps them to colours or leaves text plain. */
export type DiffStyle = 'green' | 'red' | 'yellow' | 'gray';

/** The longest value shown in text and tables before it is cut with an ellipsis; JSON keeps every value whole. */
const SHOWN_VALUE_LENGTH = 160;

/** A value on one line, cut at SHOWN_VALUE_LENGTH. */
function valueText(value: DiffValue | null): string {
  const text = value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SHOWN_VALUE_LENGTH ? `${line.slice(0, SHOWN_VALUE_LENGTH - 1)}…` : line;
}

/** What changed, in words: `>= 100 x10^9/L -> >= 90 x10^9/L`, or the added or removed value. */
function valuesText(change: Change, arrow: string): string {
  if (change.kind === 'added') return valueText(change.new);
  if (change.kind === 'removed') return valueText(change.old);
  return `${valueText(change.old)} ${arrow} ${valueText(change.new)}`;
}

function linesText(change: Change, arrow = '->'): string {
  if (change.oldLine !== null && change.newLine !== null) return `line ${change.oldLine} ${arrow} ${change.newLine}`;
  if (change.oldLine !== null) return `old line ${change.oldLine}`;
  if (change.newLine !== null) return `new line ${change.newLine}`;
  return 'no line';
}

const KIND_STYLES: Readonly<Record<Change['kind'], DiffStyle>> = { added: 'green', removed: 'red', changed: 'yellow' };

/** The diff as text: one line per change, `changed inclusion: platelets (lower limit): >= 100 x10^9/L -> >= 90 x10^9/L, loosened (line 65 -> 117)`. */
export function diffText(diff: AmendmentDiff, paint: (style: DiffStyle, text: string) => string = (_style, text) => text): string {
  return diff.changes
    .map((change) => {
      const direction = change.direction ? `, ${change.direction}` : '';
      const note = change.note ? `; ${change.note}` : '';
      return `${paint(KIND_STYLES[change.kind], change.kind.padEnd(7))} ${change.what}: ${valuesText(change, '->')}${direction}${note} ${paint('gray', `(${linesText(change)})`)}\n`;
    })
    .join('');
}

/** `145 changes: 11 tighten eligibility, 12 loosen it`, or `no changes`. */
export function diffSummaryLine(diff: AmendmentDiff): string {
  const count = diff.changes.length;
  if (count === 0) return 'no changes';
  const tightened = diff.changes.filter((change) => change.direction === 'tightened').length;
  const loosened = diff.changes.filter((change) => change.direction === 'loosened').length;
  return `${count} ${count === 1 ? 'change' : 'changes'}: ${tightened} ${tightened === 1 ? 'tightens' : 'tighten'} eligibility, ${loosened} ${loosened === 1 ? 'loosens' : 'loosen'} it`;
}

const SECTION_ORDER = Object.keys(DIFF_SECTIONS) as DiffSection[];

/** The changes in the order of the M11 sections, each section's changes in the diff's order. */
function bySection(diff: AmendmentDiff): Change[] {
  return SECTION_ORDER.flatMap((section) => diff.changes.filter((change) => change.section === section));
}

/** The description of a change as the summary of changes words it. */
function description(change: Change): { text: string; effect: string } {
  const effect = change.direction === 'tightened' ? 'tightens eligibility' : change.direction === 'loosened' ? 'loosens eligibility' : '';
  const note = change.note ? ` (${change.note})` : '';
  switch (change.kind) {
    case 'added':
      return { text: `Added ${change.what}: ${valueText(change.new)}${note}`, effect };
    case 'removed':
      return { text: `Removed ${change.what}: ${valueText(change.old)}${note}`, effect };
    default:
      return { text: `Changed ${change.what} from ${valueText(change.old)} to ${valueText(change.new)}${note}`, effect };
  }
}

/** Escapes the characters that would break a Markdown table cell or start Markdown markup. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*`<[\]])/g, '\\$1')
    .replace(/\n/g, ' ');
}

/** The summary of changes as a Markdown document: a heading, the versions compared, and one table row per change. */
export function diffMarkdown(diff: AmendmentDiff, names: DiffNames): string {
  const lines = [
    '# Summary of changes',
    '',
    `From ${cell(names.old)} to ${cell(names.new)}: ${diffSummaryLine(diff)}.`,
    '',
    '| Section | Description of change | Brief rationale |',
    '| --- | --- | --- |',
  ];
  for (const change of bySection(diff)) {
    const { text, effect } = description(change);
    const where = linesText(change, '→');
    lines.push(`| ${cell(DIFF_SECTIONS[change.section])} | ${cell(`${text}${effect ? `; ${effect}` : ''} (${where}).`)} |  |`);
  }
  return lines.join('\n') + '\n';
}

/** A link to a clause's line in one version, for the preview to reveal. */
function lineLink(side: 'old' | 'new', line: number | null, span: Change['oldSpan']): string {
  if (line === null || !span) return '';
  return `<a href="#" class="line ${side}" data-side="${side}" data-offset="${span.offset}">${side} ${line}</a>`;
}

/** The summary of changes as the preview's HTML body; each row's links reveal the clause in the old or the new version. */
export function diffHtml(diff: AmendmentDiff, names: DiffNames): string {
  const rows = bySection(diff).map((change) => {
    const { text, effect } = description(change);
    const badge = effect ? ` <span class="badge ${change.direction ?? ''}">${e(effect)}</span>` : '';
    const links = [lineLink('old', change.oldLine, change.oldSpan), lineLink('new', change.newLine, change.newSpan)].filter(Boolean).join('<br>');
    return `<tr class="change ${change.kind}"><td>${e(DIFF_SECTIONS[change.section])}</td><td>${e(text)}${badge}</td><td></td><td class="lines">${links}</td></tr>`;
  });
  const table = rows.length
    ? `<table class="changes"><thead><tr><th>Section</th><th>Description of change</th><th>Brief rationale</th><th>Lines</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p>The two versions say the same.</p>';
  return `<header><h1>Summary of changes</h1><p class="ids">${e(names.old)} → ${e(names.new)}: ${e(diffSummaryLine(diff))}</p></header>
<section class="diff">${table}</section>`;
}
