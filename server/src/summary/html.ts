/**
 * The structured summary as HTML: one renderer for the editor's preview and for
 * `trial summary --html`. `renderBody` draws the content (every user string escaped; no inline
 * style or script, so a strict Content-Security-Policy holds); `renderPage` wraps it in a
 * self-contained page whose one style and one script carry a nonce. Elements that come from a
 * line of the source carry `data-offset`, so the preview can reveal that line when clicked.
 */

import type { Diagnostic } from '../language/rules';
import type * as S from '../model/schema';
import { friendlyUnit } from '../model/units';
import { escapeHtml } from './page';
import { clausesText } from './criterion-text';
import { formatNumber } from '../util/text';
import { cycleHeader, describeCriterion, describeDose } from './markdown';
import { scheduleOf } from '../model/schedule';
import { eligibilityFacts, organizationText, trialFacts, type Fact } from './facts';
import { ARM_TYPE, INTERVENTION_TYPE, INVESTIGATOR_ROLE } from '../language/enums';
import { doseImplication, withoutSpans } from './summary';
import { dosesOf } from '../model/walk';
import { armTimeline, type ArmTimeline } from './timeline';

export interface PreviewInput {
  readonly protocol: S.Protocol;
  readonly diagnostics: readonly Diagnostic[];
  /** 1-based line of an offset, for the error list. */
  readonly lineOf: (offset: number) => number;
}

const e = escapeHtml;

/**
 * What the preview draws at most. A real trial has a handful of arms, a few dozen criteria and
 * outcomes; a generated or pasted document of megabytes would otherwise become tens of megabytes
 * of HTML that the editor's webview takes seconds to build. What is left out is counted on a line
 * of its own, which names where everything is: `trial summary --format json`.
 */
export const PREVIEW_LIMITS = {
  /** Errors listed at the top. */
  errors: 100,
  /** Rows of the arms table. */
  armRows: 100,
  /** Arms drawn in detail: timeline and regimen. */
  armDetails: 20,
  /** Lines of one arm's regimen list. */
  regimenLines: 200,
  /** Shapes of one timeline (cycles, marks and bars); ten years of daily doses of one drug is 3,660. */
  timelineShapes: 4000,
  /** Rows of the inclusion table, and of the exclusion table (nested criteria included). */
  criteriaRows: 200,
  /** Rows of the outcomes table. */
  outcomes: 100,
  /** Items of each list: drugs, interventions, collaborators, investigators, sites, references. */
  listItems: 100,
} as const;

/** Where the whole of a protocol is, for the lines that say what the preview leaves out. */
const WHOLE = '<code>trial summary --format json</code> has all of them';

/** `1,234`. */
const count = (n: number) => n.toLocaleString('en-US');

/** The line under a capped list or table: how many more there are and where they are. */
function moreLine(more: number, what: string): string {
  return more > 0 ? `<p class="muted more">${count(more)} more ${e(what)} not shown here; ${WHOLE}.</p>` : '';
}

/** The first `limit` items, mapped, and how many were left out. */
function capped<T>(items: readonly T[], limit: number, render: (item: T, index: number) => string): { html: string[]; more: number } {
  return { html: items.slice(0, limit).map(render), more: Math.max(0, items.length - limit) };
}

function factsTable(facts: readonly Fact[]): string {
  if (facts.length === 0) return '';
  return `<table class="facts"><tbody>${facts.map((fact) => `<tr><th scope="row">${e(fact.label)}</th><td>${e(fact.value)}</td></tr>`).join('')}</tbody></table>`;
}

function header(protocol: S.Protocol): string {
  const trial = protocol.trial;
  if (!trial) return '<h1>Trial</h1><p class="muted">This file has no trial block.</p>';
  return `<header data-offset="${trial.span.offset}">
<h1>${e(trial.title ?? trial.nctId ?? 'Trial')}</h1>
<p class="ids">${e([trial.nctId, trial.orgStudyId].filter(Boolean).join(' · '))}</p>
${trial.officialTitle ? `<p class="official">${e(trial.officialTitle)}</p>` : ''}
${factsTable(trialFacts(trial))}
${trial.summary ? `<p class="summary">${e(trial.summary)}</p>` : ''}
${trial.description ? `<details class="description"><summary>Description</summary><p>${e(trial.description)}</p></details>` : ''}
</header>`;
}

function errorList(input: PreviewInput): string {
  const errors = input.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return '';
  const items = errors
    .slice(0, PREVIEW_LIMITS.errors)
    .map((d) => `<li><a href="#" data-offset="${d.offset}">line ${input.lineOf(d.offset)}</a> <code>${e(d.code)}</code> ${e(d.message)}</li>`)
    .join('');
  const more = errors.length - PREVIEW_LIMITS.errors;
  const rest =
    more > 0 ? `<p class="muted more">${count(more)} more errors not shown here; the Problems panel and <code>trial check</code> list all of them.</p>` : '';
  return `<section class="errors" role="alert"><h2>${count(errors.length)} error${errors.length === 1 ? '' : 's'}</h2><ul>${items}</ul>${rest}</section>`;
}

/** The drugs an arm gives, in the order they first appear (as the summary lists them), without summarising every dose. */
function drugsOf(arm: S.Arm): string[] {
  const drugs = new Set<string>();
  for (const { dose } of dosesOf({ drugs: [], interventions: [], arms: [arm], outcomes: [] })) drugs.add(dose.drug);
  return [...drugs];
}

function armsTable(protocol: S.Protocol): string {
  if (protocol.arms.length === 0) return '';
  const shown = protocol.arms.slice(0, PREVIEW_LIMITS.armRows);
  const interventionNames = new Map(protocol.interventions.map((x) => [x.id, x.name]));
  const rows = shown
    .map((arm) => {
      const interventions = arm.interventions.map((id) => interventionNames.get(id) ?? id).join(', ');
      return `<tr data-offset="${arm.span.offset}"><td>${e(arm.label)}</td><td>${e(ARM_TYPE.label(arm.type) ?? '')}</td><td>${e(interventions)}</td><td>${e(drugsOf(arm).join(', '))}</td></tr>`;
    })
    .join('');
  return `<section><h2>Arms</h2><table class="arms"><thead><tr><th>Arm</th><th>Type</th><th>Interventions</th><th>Drugs</th></tr></thead><tbody>${rows}</tbody></table>${moreLine(protocol.arms.length - shown.length, 'arms')}</section>`;
}

/**
 * The timeline with at most `limit` shapes: cycles first, then each row's bars and marks in day
 * order, and how many shapes were left out. Phases and surgeries are few and always drawn.
 */
function cappedTimeline(timeline: ArmTimeline, limit: number): { timeline: ArmTimeline; left: number } {
  let budget = limit;
  let left = 0;
  const take = <T>(items: readonly T[]): T[] => {
    const kept = items.slice(0, Math.max(0, budget));
    budget -= kept.length;
    left += items.length - kept.length;
    return kept;
  };
  const cycles = take(timeline.cycles);
  const rows = timeline.rows.map((row) => ({ ...row, bars: take(row.bars), marks: take(row.marks) }));
  return { timeline: { ...timeline, cycles, rows }, left };
}

/**
 * What the drawing reads of an arm laid out on days. summary/timeline.ts's `ArmTimeline`
 * satisfies it; the schedule engine may change behind it as long as it still gives these.
 */
export interface TimelineDrawing {
  readonly label: string;
  /** The last day drawn. */
  readonly totalDays: number;
  readonly phases: readonly { readonly name: string; readonly start: number; readonly end: number }[];
  readonly cycles: readonly { readonly start: number; readonly end: number; readonly number: number; readonly offset: number }[];
  readonly rows: readonly {
    readonly drug: string;
    readonly marks: readonly { readonly day: number; readonly perDay: number; readonly offset: number }[];
    readonly bars: readonly { readonly start: number; readonly end: number; readonly offset: number }[];
    /** The course goes on past what is drawn (until progression): drawn for a few periods, then "…". */
    readonly open?: boolean;
  }[];
  readonly surgeries: readonly { readonly day: number; readonly note?: string; readonly offset: number }[];
}

/**
 * The drawing's size in SVG units. The SVG scales down to its column (`max-width: 100%`) and
 * never up, so in a preview beside the editor (500 px wide or so) its 13-unit text stays 12 px
 * or so: the plot is narrow on purpose.
 */
const ROW_HEIGHT = 22;
const LABEL_WIDTH = 108;
const PLOT_WIDTH = 420;
const RIGHT_MARGIN = 16;
const PHASE_BAND = 18;
const TOP = PHASE_BAND + 18;
const AXIS_HEIGHT = 30;
/** The least room between two axis labels, in SVG units. */
const AXIS_LABEL_SPACING = 52;

/** Week boundaries to label on the axis: every week if they fit, else every 2, 4, 8… weeks. */
function weekStep(scale: number): number {
  let step = 1;
  while (step * 7 * scale < AXIS_LABEL_SPACING && step < 520) step *= 2;
  return step;
}

/**
 * The timeline of one arm as inline SVG: days across on a scale of `scaleDays` (the longest arm,
 * so every arm of a trial shares one scale), one row per drug, phases named in a band above,
 * cycles shaded, surgery as a line, and an axis of weeks (day 1, week 2 from day 8…).
 */
export function timelineSvg(timeline: TimelineDrawing, scaleDays = timeline.totalDays): string {
  const days = Math.max(scaleDays, timeline.totalDays, 1);
  const scale = PLOT_WIDTH / days;
  const x = (day: number) => LABEL_WIDTH + (day - 1) * scale;
  const plotBottom = TOP + timeline.rows.length * ROW_HEIGHT;
  const height = plotBottom + AXIS_HEIGHT;
  const width = LABEL_WIDTH + PLOT_WIDTH + RIGHT_MARGIN;
  const parts: string[] = [];
  for (const phase of timeline.phases) {
    const phaseWidth = Math.max(1, (phase.end - phase.start + 1) * scale);
    parts.push(
      `<g class="phase-band"><rect class="phase" x="${x(phase.start).toFixed(1)}" y="2" width="${phaseWidth.toFixed(1)}" height="${PHASE_BAND - 2}"/><text class="phase-label" x="${(x(phase.start) + 4).toFixed(1)}" y="${PHASE_BAND - 4}">${e(phase.name)}</text><title>${e(phase.name)}: days ${phase.start}-${phase.end}</title></g>`,
    );
  }
  timeline.cycles.forEach((cycle, i) => {
    parts.push(
      `<rect class="cycle ${i % 2 ? 'odd' : 'even'}" data-offset="${cycle.offset}" x="${x(cycle.start).toFixed(1)}" y="${TOP - 10}" width="${((cycle.end - cycle.start + 1) * scale).toFixed(1)}" height="${timeline.rows.length * ROW_HEIGHT + 10}"><title>cycle ${cycle.number}: days ${cycle.start}-${cycle.end}</title></rect>`,
    );
  });
  timeline.rows.forEach((row, r) => {
    const y = TOP + r * ROW_HEIGHT;
    const markWidth = Math.max(2, Math.min(6, scale * 0.8));
    const marks = row.marks
      .map(
        (m) =>
          `<rect class="mark${m.perDay > 1 ? ' repeated' : ''}" data-offset="${m.offset}" x="${(x(m.day) + scale / 2 - markWidth / 2).toFixed(1)}" y="${y + 4}" width="${markWidth.toFixed(1)}" height="${ROW_HEIGHT - 8}"><title>${e(row.drug)}: day ${m.day}${m.perDay > 1 ? ` (x${m.perDay})` : ''}</title></rect>`,
      )
      .join('');
    const bars = row.bars
      .map(
        (b) =>
          `<rect class="bar" data-offset="${b.offset}" x="${x(b.start).toFixed(1)}" y="${y + 7}" width="${((b.end - b.start + 1) * scale).toFixed(1)}" height="${ROW_HEIGHT - 14}"><title>${e(row.drug)}: days ${b.start}-${b.end}, continuous</title></rect>`,
      )
      .join('');
    // An open-ended course goes on past what is drawn: an arrow says so, never an invented last day.
    // It stands after this arm's last day (the scale may be a longer arm's).
    const open = row.open
      ? `<text class="open" x="${(x(timeline.totalDays) + scale + 2).toFixed(1)}" y="${y + 15}">…<title>${e(row.drug)}: open-ended, drawn for a few periods</title></text>`
      : '';
    parts.push(
      `<g class="row" data-drug="${e(row.drug)}"><line class="lane" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y1="${y + ROW_HEIGHT / 2}" y2="${y + ROW_HEIGHT / 2}"/><text class="drug" x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${e(row.drug)}</text>${bars}${marks}${open}</g>`,
    );
  });
  for (const surgery of timeline.surgeries) {
    const sx = (x(surgery.day) + scale / 2).toFixed(1);
    parts.push(
      `<g class="surgery" data-offset="${surgery.offset}"><line x1="${sx}" x2="${sx}" y1="${TOP - 12}" y2="${plotBottom}"/><text x="${(Number(sx) + 3).toFixed(1)}" y="${TOP - 2}">surgery</text><title>surgery${surgery.note ? `: ${e(surgery.note)}` : ''}, day ${surgery.day}</title></g>`,
    );
  }
  // The axis: a tick at each week's first day, labelled every `step` weeks.
  const step = weekStep(scale);
  const axis: string[] = [`<line class="axis-line" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y1="${plotBottom + 2}" y2="${plotBottom + 2}"/>`];
  for (let week = 1; (week - 1) * 7 + 1 <= days; week++) {
    const tx = x((week - 1) * 7 + 1).toFixed(1);
    const labelled = (week - 1) % step === 0;
    axis.push(`<line class="tick" x1="${tx}" x2="${tx}" y1="${plotBottom + 2}" y2="${plotBottom + (labelled ? 7 : 5)}"/>`);
    // The first label starts at its tick, clear of the length written left of the axis.
    if (labelled)
      axis.push(
        `<text class="tick-label" x="${tx}" y="${plotBottom + 18}" text-anchor="${week === 1 ? 'start' : 'middle'}">${week === 1 ? 'day 1' : `wk ${week}`}</text>`,
      );
  }
  axis.push(`<text class="axis-title" x="${LABEL_WIDTH - 6}" y="${plotBottom + 18}" text-anchor="end">${days} days</text>`);
  parts.push(`<g class="axis">${axis.join('')}</g>`);
  return `<svg class="timeline" role="img" aria-label="${e(`dosing timeline of ${timeline.label}`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

/** The key to the timelines' marks, once above the first. */
function timelineLegend(): string {
  const swatch = (kind: string, label: string) =>
    `<span class="legend-item"><svg class="swatch" viewBox="0 0 16 12" width="16" height="12" aria-hidden="true">${kind}</svg>${e(label)}</span>`;
  return `<p class="timeline-legend">${[
    swatch('<rect class="mark" x="6" y="0" width="4" height="12"/>', 'administration'),
    swatch('<rect class="mark repeated" x="6" y="0" width="4" height="12"/>', 'more than one that day'),
    swatch('<rect class="bar" x="0" y="3" width="16" height="6"/>', 'daily, continuous'),
    swatch('<rect class="cycle even" x="0" y="0" width="16" height="12"/>', 'cycle'),
    swatch('<line class="surgery-key" x1="8" x2="8" y1="0" y2="12"/>', 'surgery'),
  ].join('')}</p>`;
}

function regimen(protocol: S.Protocol, arm: S.Arm): string {
  // Lines past the limit are counted, not written: describing a dose is the costly part.
  const items: string[] = [];
  let total = 0;
  const add = (line: () => string) => {
    if (total++ < PREVIEW_LIMITS.regimenLines) items.push(line());
  };
  const stepItems = (steps: readonly S.Step[], depth: number) => {
    const indent = depth ? ` nested depth-${Math.min(depth, 3)}` : '';
    steps.forEach((step) => {
      switch (step.kind) {
        case 'surgery':
          add(() => `<li class="step${indent}" data-offset="${step.span.offset}">surgery${step.note ? `: ${e(step.note)}` : ''}</li>`);
          break;
        case 'cycle': {
          const header = cycleHeader({
            ...withoutSpans({ ...step, doses: [] }),
            cycles: scheduleOf(protocol).cycleOf(step)?.cycles ?? { kind: 'unknown' },
            doses: [],
          });
          add(() => `<li class="step${indent}" data-offset="${step.span.offset}">${e(header)}</li>`);
          const grouped = new Set(step.choices.flatMap((choice) => choice.options.flatMap((option) => option.doses)));
          step.doses.forEach((dose, index) => {
            if (!grouped.has(index)) add(() => `<li class="dose${indent}" data-offset="${dose.span.offset}">${e(describe(protocol, dose))}</li>`);
          });
          for (const choice of step.choices) {
            add(() => `<li class="step${indent}" data-offset="${choice.span.offset}">one of${choice.label ? ` (${e(choice.label)})` : ''}:</li>`);
            for (const option of choice.options) {
              add(() => `<li class="option nested depth-${Math.min(depth + 1, 3)}" data-offset="${option.span.offset}">${e(option.label)}</li>`);
              for (const i of option.doses)
                add(
                  () =>
                    `<li class="dose nested depth-${Math.min(depth + 2, 3)}" data-offset="${step.doses[i].span.offset}">${e(describe(protocol, step.doses[i]))}</li>`,
                );
            }
          }
          break;
        }
        case 'dose':
          add(() => `<li class="dose${indent}" data-offset="${step.dose.span.offset}">${e(describe(protocol, step.dose))}</li>`);
          break;
        case 'choice':
          add(() => `<li class="step${indent}" data-offset="${step.span.offset}">one of${step.label ? ` (${e(step.label)})` : ''}:</li>`);
          for (const option of step.options) {
            add(() => `<li class="option nested depth-${Math.min(depth + 1, 3)}" data-offset="${option.span.offset}">${e(option.label)}</li>`);
            stepItems(option.steps, depth + 2);
          }
          break;
      }
    });
  };
  arm.phases.forEach((phase) => {
    const name = phase.name;
    if (name) add(() => `<li class="phase-name">${e(phase.label ?? name)}${phase.optional ? ' (optional)' : ''}</li>`);
    stepItems(phase.steps, 0);
  });
  return `<ul class="regimen">${items.join('')}</ul>${moreLine(total - items.length, 'regimen lines')}`;
}

function describe(protocol: S.Protocol, dose: S.Dose): string {
  return describeDose({ ...withoutSpans(dose), implied: doseImplication(protocol, dose) });
}

function armsDetail(protocol: S.Protocol): string {
  const shownArms = protocol.arms.slice(0, PREVIEW_LIMITS.armDetails);
  const timelines = shownArms.map((arm) => armTimeline(protocol, arm));
  // One scale for every arm: the same day stands at the same place in each timeline.
  const scaleDays = Math.max(1, ...timelines.map((timeline) => timeline.totalDays));
  let legendShown = false;
  const sections = shownArms.map((arm, index) => {
    const full = timelines[index];
    const { timeline, left } = cappedTimeline(full, PREVIEW_LIMITS.timelineShapes);
    const unplaced = timeline.unplaced.length
      ? `<p class="muted">Not on the timeline (no schedule stated): ${e([...new Set(timeline.unplaced.map((u) => u.drug))].join(', '))}</p>`
      : '';
    const drawn = full.surgeries.length > 0 || full.rows.some((row) => row.marks.length > 0 || row.bars.length > 0);
    const nothing = !drawn && timeline.rows.length ? '<p class="muted">No dosing schedule is stated, so there is no timeline to draw.</p>' : '';
    const cut =
      left > 0
        ? `<p class="muted more">The timeline stops drawing after ${count(PREVIEW_LIMITS.timelineShapes)} cycles and doses; ${count(left)} more are not drawn.</p>`
        : '';
    const legend = () => {
      if (legendShown) return '';
      legendShown = true;
      return timelineLegend();
    };
    return `<section class="arm" data-arm="${e(arm.id)}"><h3 data-offset="${arm.span.offset}">${e(arm.label)} <span class="muted">${e(ARM_TYPE.label(arm.type) ?? '')}</span></h3>
${arm.description ? `<p class="description">${e(arm.description)}</p>` : ''}
${drawn ? legend() + timelineSvg(timeline, scaleDays) : nothing}${cut}${unplaced}${regimen(protocol, arm)}</section>`;
  });
  const more = protocol.arms.length - sections.length;
  const rest = more > 0 ? `<p class="muted more">Timelines and regimens of ${count(more)} more arms are not drawn here; ${WHOLE}.</p>` : '';
  return sections.join('') + rest;
}

/** One row of the criteria table. */
function criterionRow(c: S.Criterion, depth: number): string {
  const indent = depth ? ` class="nested depth-${Math.min(depth, 3)}"` : '';
  if (c.kind === 'threshold') {
    const value = c.multipleOf ? `${c.valueText} x ${c.multipleOf}` : c.valueText;
    const dimensionless = c.normalized?.unit === '1';
    const normalized = c.normalized && !c.multipleOf ? `${formatNumber(c.normalized.value)}${dimensionless ? '' : ` ${friendlyUnit(c.normalized.unit)}`}` : '';
    const unit = c.multipleOf || dimensionless ? '' : (c.unit ?? 'not stated');
    // A condition, alternatives or a window qualify the limit: shown under it, never dropped.
    const clauses = clausesText(c).trim();
    const qualified = clauses ? `<br><span class="clauses">${e(clauses)}</span>` : '';
    return `<tr${indent} data-offset="${c.span.offset}"><td>${e(c.analyte)}</td><td>${e(c.comparator)}</td><td>${e(value)}${qualified}</td><td>${e(unit)}</td><td>${e(normalized)}</td><td>${e(c.note ?? '')}</td></tr>`;
  }
  if (c.kind === 'text')
    return `<tr${indent} data-offset="${c.span.offset}"><td colspan="5">${e(c.text + clausesText(c))}</td><td><span class="badge">free text</span></td></tr>`;
  // The note has its own column; the description is written without it, and a group's without its members (their own rows).
  const own = c.kind === 'group' ? { ...c, note: undefined, criteria: [] } : { ...c, note: undefined };
  return `<tr${indent} data-offset="${c.span.offset}"><td colspan="5">${e(describeCriterion(withoutSpans(own)))}</td><td>${e(c.note ?? '')}</td></tr>`;
}

/**
 * The rows of a criteria table, members under their group, at most `limit` of them, and how many
 * criteria were left out. Walked without recursion, so groups nest as deep as the source does.
 */
function criterionRows(criteria: readonly S.Criterion[], limit: number): { rows: string; more: number } {
  const rows: string[] = [];
  let more = 0;
  const pending: { criterion: S.Criterion; depth: number }[] = criteria.map((criterion) => ({ criterion, depth: 0 })).reverse();
  while (pending.length > 0) {
    const { criterion, depth } = pending.pop()!;
    if (rows.length < limit) rows.push(criterionRow(criterion, depth));
    else more++;
    if (criterion.kind === 'group')
      for (let i = criterion.criteria.length - 1; i >= 0; i--) pending.push({ criterion: criterion.criteria[i], depth: depth + 1 });
  }
  return { rows: rows.join(''), more };
}

function eligibility(protocol: S.Protocol): string {
  const el = protocol.eligibility;
  if (!el) return '';
  const table = (title: string, criteria: readonly S.Criterion[]) => {
    const { rows, more } = criterionRows(criteria, PREVIEW_LIMITS.criteriaRows);
    return `<h3>${title}</h3><table class="criteria"><thead><tr><th>Criterion</th><th>Comparator</th><th>Value</th><th>Unit</th><th>Normalised</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table>${moreLine(more, `${title.toLowerCase()} criteria`)}`;
  };
  return `<section data-offset="${el.span.offset}"><h2>Eligibility</h2>${factsTable(eligibilityFacts(el))}${table('Inclusion', el.inclusion)}${table('Exclusion', el.exclusion)}</section>`;
}

function outcomes(protocol: S.Protocol): string {
  if (protocol.outcomes.length === 0) return '';
  const { html, more } = capped(
    protocol.outcomes,
    PREVIEW_LIMITS.outcomes,
    (o) =>
      `<tr data-offset="${o.span.offset}"><td>${e(o.kind ?? '—')}</td><td>${e(o.measure)}</td><td>${e(o.timeFrame ?? '')}</td><td>${e(o.description ?? '')}</td></tr>`,
  );
  return `<section><h2>Outcomes</h2><table><thead><tr><th>Kind</th><th>Measure</th><th>Time frame</th><th>Description</th></tr></thead><tbody>${html.join('')}</tbody></table>${moreLine(more, 'outcomes')}</section>`;
}

function people(protocol: S.Protocol): string {
  const trial = protocol.trial;
  if (!trial) return '';
  const list = (title: string, items: string[]) =>
    items.length
      ? `<h3>${title}</h3><ul>${items.slice(0, PREVIEW_LIMITS.listItems).join('')}</ul>${moreLine(items.length - PREVIEW_LIMITS.listItems, title.toLowerCase())}`
      : '';
  const org = (o: { name: string; class?: string; span: S.Span }) => `<li data-offset="${o.span.offset}">${e(organizationText(o))}</li>`;
  return `<section><h2>Sponsors, investigators and sites</h2>
${list('Sponsor', trial.sponsor ? [org(trial.sponsor)] : [])}
${list('Collaborators', trial.collaborators.map(org))}
${list(
  'Investigators',
  trial.investigators.map(
    (i) => `<li data-offset="${i.span.offset}">${e(i.name)}, ${e(INVESTIGATOR_ROLE.label(i.role) ?? '')}${i.affiliation ? `, ${e(i.affiliation)}` : ''}</li>`,
  ),
)}
${list(
  'Sites',
  trial.sites.map((s) => `<li data-offset="${s.span.offset}">${e([s.facility, s.city, s.state, s.zip, s.country].filter(Boolean).join(', '))}</li>`),
)}
${list(
  'References',
  trial.references.map((r) => `<li data-offset="${r.span.offset}">${r.pmid ? `PMID ${r.pmid}: ` : ''}${e(r.citation)}</li>`),
)}
</section>`;
}

/** The drug declarations and the registry's interventions, as the document states them. */
function declarations(protocol: S.Protocol): string {
  const limit = PREVIEW_LIMITS.listItems;
  const drugs = capped(
    protocol.drugs,
    limit,
    (d) =>
      `<li data-offset="${d.span.offset}"><strong>${e(d.id)}</strong>${d.label ? ` (${e(d.label)})` : ''}${d.route ? ` ${e(d.route)}` : ''}${d.class ? `, ${e(d.class)}` : ''}${d.aka.length ? `, also ${e(d.aka.join(', '))}` : ''}${d.note ? ` — ${e(d.note)}` : ''}</li>`,
  );
  const interventions = capped(
    protocol.interventions,
    limit,
    (i) =>
      `<li data-offset="${i.span.offset}"><strong>${e(i.name)}</strong> <span class="muted">${e(INTERVENTION_TYPE.label(i.type) ?? i.type)}</span>${i.otherNames.length ? `, also ${e(i.otherNames.join(', '))}` : ''}${i.description ? `: ${e(i.description)}` : ''}</li>`,
  );
  if (drugs.html.length === 0 && interventions.html.length === 0) return '';
  const list = (title: string, { html, more }: { html: string[]; more: number }) =>
    html.length ? `<h3>${title}</h3><ul>${html.join('')}</ul>${moreLine(more, title.toLowerCase())}` : '';
  return `<section><h2>Drugs and interventions</h2>${list('Drugs', drugs)}${list('Interventions', interventions)}</section>`;
}

/** The preview's content. */
export function renderBody(input: PreviewInput): string {
  const p = input.protocol;
  return [errorList(input), header(p), armsTable(p), armsDetail(p), declarations(p), eligibility(p), outcomes(p), people(p)].filter(Boolean).join('\n');
}

export { contentSecurityPolicy, createNonce, escapeHtml, renderPage } from './page';
