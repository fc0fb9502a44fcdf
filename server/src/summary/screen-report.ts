/**
 * A pre-screening as people and programs read it: JSON (the issue's shape), plain text (one line
 * per criterion, members of a group indented under it), and the preview's HTML, whose rows reveal
 * the criterion's line.
 */

import { escapeHtml as e } from './page';
import type { Evidence, ScreenReport, ScreenedCriterion } from './screen';

/** A criterion as `trial screen --format json` writes it. */
export interface ScreenedCriterionJson {
  readonly line: number;
  readonly kind: ScreenedCriterion['kind'];
  readonly text: string;
  readonly outcome: ScreenedCriterion['outcome'];
  readonly evidence: Evidence;
}

/** The JSON document of a screening: `{ "verdict": ..., "criteria": [...] }`. */
export function screenJson(report: ScreenReport): { verdict: ScreenReport['verdict']; criteria: ScreenedCriterionJson[] } {
  return {
    verdict: report.verdict,
    criteria: report.criteria.map((criterion) => ({
      line: criterion.line,
      kind: criterion.kind,
      text: criterion.text,
      outcome: criterion.outcome,
      evidence: criterion.evidence,
    })),
  };
}

/** The styles the text renderer asks for; the CLI maps them to colours or leaves text plain. */
export type ScreenStyle = 'green' | 'red' | 'yellow' | 'gray';

const OUTCOME_STYLES: Readonly<Record<ScreenedCriterion['outcome'], ScreenStyle>> = { pass: 'green', fail: 'red', unknown: 'yellow' };
const VERDICT_STYLES: Readonly<Record<ScreenReport['verdict'], ScreenStyle>> = { eligible: 'green', ineligible: 'red', undetermined: 'yellow' };

/** `3 pass, 1 fail, 20 unknown`. */
export function screenCounts(report: ScreenReport): string {
  const count = (outcome: ScreenedCriterion['outcome']) => report.criteria.filter((criterion) => criterion.outcome === outcome).length;
  return `${count('pass')} pass, ${count('fail')} fail, ${count('unknown')} unknown`;
}

/** The screening as text: the verdict, then one line per criterion (`line 63  inclusion  pass  platelets >= 90 x10^9/L: 120 x10^9/L >= 90 x10^9/L: met`). */
export function screenText(report: ScreenReport, paint: (style: ScreenStyle, text: string) => string = (_style, text) => text): string {
  const lineWidth = Math.max(0, ...report.criteria.map((criterion) => String(criterion.line).length));
  const lines = [`${report.patient} on ${report.date}: ${paint(VERDICT_STYLES[report.verdict], report.verdict)} (${screenCounts(report)})`];
  for (const criterion of report.criteria) {
    const indent = '  '.repeat(criterion.depth);
    const outcome = paint(OUTCOME_STYLES[criterion.outcome], criterion.outcome.padEnd(7));
    lines.push(
      `line ${String(criterion.line).padStart(lineWidth)}  ${criterion.kind.padEnd(9)}  ${outcome} ${indent}${criterion.text} ${paint('gray', `— ${criterion.evidence.reason}`)}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The evidence's facts besides its reason, as a short line: `Observation/alb-1, LOINC 1751-7, 2024-04-28`. */
function evidenceSource(evidence: Evidence): string {
  return [evidence.observation ?? evidence.medication, evidence.code, evidence.date ?? undefined].filter((part) => part !== undefined).join(', ');
}

/** The screening as the preview's HTML body; each row reveals its criterion's line. */
export function screenHtml(report: ScreenReport, names: { readonly protocol: string; readonly patient: string }): string {
  const rows = report.criteria.map((criterion) => {
    const source = evidenceSource(criterion.evidence);
    return `<tr class="criterion ${criterion.outcome}" data-offset="${criterion.span.offset}"><td>${criterion.line}</td><td>${e(criterion.kind)}</td><td>${'&nbsp;'.repeat(4 * criterion.depth)}${e(criterion.text)}</td><td><span class="badge ${criterion.outcome}">${e(criterion.outcome)}</span></td><td>${e(criterion.evidence.reason)}${source ? `<br><span class="muted">${e(source)}</span>` : ''}</td></tr>`;
  });
  return `<header><h1>Pre-screening: ${e(report.verdict)}</h1><p class="ids">${e(names.patient)} (${e(report.patient)}) against ${e(names.protocol)}, on ${e(report.date)}: ${e(screenCounts(report))}</p></header>
<section class="screen"><table class="criteria"><thead><tr><th>Line</th><th>Kind</th><th>Criterion</th><th>Outcome</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="muted">A pre-screening reads only what the record holds: an unknown criterion needs a person, and a pass is not an enrolment decision.</p></section>`;
}
