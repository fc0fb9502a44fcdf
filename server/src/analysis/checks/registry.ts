/**
 * Registry fields as ClinicalTrials.gov's Protocol Registration and Results System (PRS) checks
 * them: the NCT number, dates in order, enrollment, design against the arms, required fields, and
 * outcome measures with time frames.
 */

import { FIELD_SPECS, valueAt } from '../../language/fields';
import type * as S from '../../model/schema';
import { printItems, word } from '../../syntax/print';
import { preferred, replaceFix, textAt, type Check, type CheckContext } from '../check';

/**
 * The fields PRS requires of an interventional study, by the field table, in its order: the
 * trial block's fields, with the design block's where `design` stands. Named as written
 * (`design allocation` for a field of the design block).
 */
const REQUIRED_INTERVENTIONAL: readonly { readonly name: string; readonly model: string }[] = Object.values(FIELD_SPECS.trial).flatMap((spec) =>
  spec.keyword === 'design'
    ? Object.values(FIELD_SPECS.design)
        .filter((inner) => inner.required)
        .map((inner) => ({ name: `design ${inner.keyword}`, model: `design.${inner.model}` }))
    : spec.required
      ? [{ name: spec.keyword, model: spec.model }]
      : [],
);

/** A field counts as given when it has a value; an empty list is not one. */
function given(trial: S.Trial, model: string): boolean {
  const value = valueAt(trial, model);
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** `2021-07` sorts as the first day of its month; dates compare as strings once padded. */
function sortable(date: S.DateValue): string {
  return date.date.length === 7 ? `${date.date}-01` : date.date;
}

function checkDateOrder(trial: S.Trial, context: CheckContext): void {
  const chains: [string, S.DateValue | undefined][][] = [
    [
      ['start', trial.start],
      ['primary completion', trial.primaryCompletion],
      ['completion', trial.completion],
    ],
    [
      ['first submitted', trial.firstSubmitted],
      ['first posted', trial.firstPosted],
      ['last update', trial.lastUpdate],
    ],
  ];
  for (const chain of chains) {
    const present = chain.filter((entry): entry is [string, S.DateValue] => entry[1] !== undefined);
    for (let i = 1; i < present.length; i++) {
      const [earlierName, earlier] = present[i - 1];
      const [laterName, later] = present[i];
      if (sortable(later) < sortable(earlier)) {
        context.accept('TPL251', `The ${laterName} date ${later.date} comes before the ${earlierName} date ${earlier.date}.`, later.span, {
          related: [{ ...earlier.span, message: `the ${earlierName} date` }],
        });
      }
    }
  }
}

function checkDesign(trial: S.Trial, arms: readonly S.Arm[], context: CheckContext): void {
  if (arms.length === 0) return;
  const count = arms.length;
  const at = trial.fieldSpans.design ?? trial.span;
  const { allocation, model } = trial.design;
  if (allocation === 'randomized' && count < 2) context.accept('TPL253', `A randomized trial needs two or more arms; this one has ${count}.`, at);
  if (allocation === 'na' && count > 1)
    context.accept('TPL253', `Allocation 'na' is for a single arm; this trial has ${count} arms (randomized or non_randomized?).`, at);
  if (model === 'single_group' && count > 1) context.accept('TPL253', `A single-group model has one arm; this trial has ${count}.`, at);
  if ((model === 'parallel' || model === 'crossover' || model === 'factorial') && count < 2) {
    context.accept('TPL253', `A ${model} model compares two or more arms; this trial has ${count}.`, at);
  }
}

/** The registry's form of a duration: a whole number, a space, a unit (ClinicalTrials.gov API, DesignModule.targetDuration). */
const REGISTRY_DURATION = /^\d+ (Year|Years|Month|Months|Week|Weeks|Day|Days|Hour|Hours|Minute|Minutes)$/;

function checkTargetDuration(trial: S.Trial, context: CheckContext): void {
  const written = trial.targetDuration;
  const at = trial.fieldSpans.target_duration;
  if (written === undefined || !at || REGISTRY_DURATION.test(written)) return;
  const match = /^\s*(\d+)\s*(year|month|week|day|hour|minute)(s?)\s*$/i.exec(written);
  const fixed = match && `${match[1]} ${match[2][0].toUpperCase()}${match[2].slice(1).toLowerCase()}${Number(match[1]) === 1 ? '' : 's'}`;
  const statement = textAt(context.text, at);
  const quoted = JSON.stringify(written);
  context.accept('TPL258', `The target duration ${quoted} is not in the registry's form: a whole number and a unit, as "3 Years".`, at, {
    fixes: fixed && statement.includes(quoted) ? [preferred(replaceFix(`Change to "${fixed}"`, at, statement.replace(quoted, JSON.stringify(fixed))))] : [],
  });
}

/** The NCT number a new trial block holds until the registry assigns one, as the trial snippet writes it. */
const PLACEHOLDER_NCT_ID = 'NCT00000000';

/** The elements of the document in source order: where a trial block is missing from. */
function firstElementOffset(protocol: S.Protocol): number | undefined {
  const offsets = [
    ...protocol.drugs,
    ...protocol.interventions,
    ...protocol.arms,
    ...(protocol.eligibility ? [protocol.eligibility] : []),
    ...protocol.outcomes,
  ].map((element) => element.span.offset);
  return offsets.length ? Math.min(...offsets) : undefined;
}

/**
 * A document without a trial block is not a protocol, however clean its arms: the registry, the
 * summary and every export start from the trial. Reported at the first statement's keyword (at
 * the start of an empty document), with a fix that inserts an empty trial block above it; the
 * registry's required fields (TPL254) then say what to fill in.
 */
function checkTrialBlock(protocol: S.Protocol, context: CheckContext): void {
  if (protocol.trial) return;
  const first = firstElementOffset(protocol);
  const text = context.text;
  const at = first === undefined ? { offset: 0, length: 0 } : { offset: first, length: /^[A-Za-z_]\w*/.exec(text.slice(first, first + 40))?.[0].length ?? 0 };
  // Above the first statement (after the comments that open the file), or at the end of a file of comments.
  const lineStart = first === undefined ? text.length : Math.max(text.lastIndexOf('\n', first - 1), text.lastIndexOf('\r', first - 1)) + 1;
  const skeleton = printItems([{ tokens: [word('trial'), word(PLACEHOLDER_NCT_ID)], block: [] }]);
  const newText = first === undefined ? (text.length > 0 && !/[\r\n]$/.test(text) ? '\n' : '') + skeleton : `${skeleton}\n`;
  context.accept('TPL256', 'There is no trial block: a protocol begins with `trial NCT… { … }`, which holds its NCT number, titles, status and design.', at, {
    // Not a preferred fix: "fix all" and `trial check --fix` must not write a placeholder number into a file unasked.
    fixes: [{ title: `Insert a trial block (${PLACEHOLDER_NCT_ID} holds the place of the NCT number)`, edits: [{ offset: lineStart, length: 0, newText }] }],
  });
}

export const registryChecks: Check = {
  protocol(protocol, context) {
    checkTrialBlock(protocol, context);
    for (const outcome of protocol.outcomes) {
      if (outcome.timeFrame === undefined) context.accept('TPL255', `The outcome '${outcome.measure}' has no time frame.`, outcome.span);
    }
    const trial = protocol.trial;
    if (!trial) return;
    const at = trial.nctIdSpan ?? trial.span;
    if (trial.type === undefined || trial.type === 'interventional') {
      const missing = REQUIRED_INTERVENTIONAL.filter((field) => !given(trial, field.model)).map((field) => field.name);
      if (protocol.arms.length === 0) missing.push('an arm');
      if (!protocol.eligibility) missing.push('eligibility');
      if (missing.length) context.accept('TPL254', `The registry requires: ${missing.join(', ')}.`, at);
    }
    if (protocol.outcomes.length === 0) {
      context.accept('TPL255', 'The trial has no outcome measures; the registry requires at least one primary outcome.', at);
    } else if (!protocol.outcomes.some((outcome) => outcome.kind === 'primary')) {
      context.accept('TPL255', "No outcome is marked 'primary'; the registry requires at least one primary outcome.", at, {
        related: protocol.outcomes.map((outcome) => ({ ...outcome.span, message: `outcome '${outcome.measure}' has no kind` })),
      });
    }
    checkDesign(trial, protocol.arms, context);
    if (trial.type === undefined || trial.type === 'interventional') {
      for (const arm of protocol.arms) {
        if (arm.type === undefined && !arm.typeSpan)
          context.accept('TPL257', `The arm '${arm.label}' has no type; the registry requires one of an interventional study's arms.`, arm.idSpan);
      }
    }
  },

  trial(trial, context) {
    if (trial.nctId !== undefined && trial.nctIdSpan && !/^NCT\d{8}$/.test(trial.nctId)) {
      const upper = trial.nctId.toUpperCase();
      context.accept('TPL250', `'${trial.nctId}' is not an NCT number: NCT and 8 digits, e.g. NCT04669496.`, trial.nctIdSpan, {
        fixes: /^NCT\d{8}$/.test(upper) ? [preferred(replaceFix(`Change to ${upper}`, trial.nctIdSpan, upper))] : [],
      });
    }
    checkDateOrder(trial, context);
    checkTargetDuration(trial, context);
    if (trial.enrollment && trial.enrollment.count === 0 && trial.status !== 'withdrawn') {
      context.accept('TPL252', 'An enrollment of 0 is only possible for a withdrawn study.', trial.enrollment.span);
    }
  },
};
