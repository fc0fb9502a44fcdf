/**
 * The resolved protocol as `.trial` text: each model element as the statements that write it,
 * through the one printer (syntax/print.ts). Registry fields are printed by the field table, so a
 * field added there prints without code here. Parsing and lowering the output gives back the same
 * protocol (test/unit/print.test.ts checks it on every sample, fixture and property document).
 * Elements may carry comments for the lines above them (the import's explanations).
 */

import { FIELD_SPECS, valueAt, type FieldContext, type FieldSpec } from '../language/fields';
import { WINDOW_RELATION_WORDS } from '../language/vocabulary';
import { joinTokens, list, num, printItems, raw, str, unit, word, type PrintItem, type PrintStatement, type PrintToken } from '../syntax/print';
import type * as S from './schema';

/**
 * Comment lines to print above a model element, if any; with a keyword, above that field of the
 * element's block (printed where the field would stand even when it is left out).
 */
export type CommentsOf = (element: object, keyword?: string) => readonly string[] | undefined;

const noComments: CommentsOf = () => undefined;

function statement(tokens: readonly PrintToken[], extra: Omit<PrintStatement, 'tokens'> = {}): PrintStatement {
  return { tokens, ...extra };
}

/** `1, 8, 15-21` as day items are written. */
function dayTokens(dose: Pick<PrintableDose, 'dayItems' | 'days'>): PrintToken[] {
  const items = dose.dayItems?.length ? dose.dayItems : (dose.days ?? []).map((day) => ({ from: day, to: day }));
  return list(items.map((item) => raw(item.from === item.to ? String(item.from) : `${item.from}-${item.to}`)));
}

/** The statements of a block's fields that the table reads by rule, in table order (except those named in `skip`). */
function fieldStatements(context: FieldContext, element: object, comments: CommentsOf = noComments, skip: readonly string[] = []): PrintStatement[] {
  const statements: PrintStatement[] = [];
  for (const spec of Object.values(FIELD_SPECS[context])) {
    if (spec.value === 'custom' || skip.includes(spec.keyword)) continue;
    statements.push(...withFieldComments(valueStatements(spec, valueAt(element, spec.model)), comments(element, spec.keyword)));
  }
  return statements;
}

/** Puts a field's comments above its first statement, or on lines of their own when it has none. */
function withFieldComments(statements: PrintStatement[], comments: readonly string[] | undefined): PrintStatement[] {
  if (!comments?.length) return statements;
  if (statements.length === 0) return [{ tokens: [], comments }];
  return [{ ...statements[0], comments: [...comments, ...(statements[0].comments ?? [])] }, ...statements.slice(1)];
}

/** A field's value as statements: one, none when absent, one per item for repeatable lists. */
function valueStatements(spec: FieldSpec, value: unknown): PrintStatement[] {
  if (value === undefined) return [];
  const keyword = word(spec.keyword);
  switch (spec.value) {
    case 'text':
      return [statement([keyword, str(String(value))])];
    case 'texts': {
      const items = value as string[];
      if (items.length === 0) return [];
      return spec.repeatable ? items.map((item) => statement([keyword, str(item)])) : [statement([keyword, ...list(items.map(str))])];
    }
    case 'enum':
      return [statement([keyword, word(String(value))])];
    case 'enumList': {
      const items = value as string[];
      return items.length ? [statement([keyword, ...list(items.map(word))])] : [];
    }
    case 'date': {
      const date = value as S.DateValue;
      return [statement([keyword, raw(date.date), ...(date.qualifier ? [word(date.qualifier)] : [])])];
    }
    case 'plainDate':
      return [statement([keyword, raw((value as S.DateValue).date)])];
    default:
      return [];
  }
}

function organizationTokens(keyword: string, organization: { name: string; class?: string }): PrintToken[] {
  return [word(keyword), str(organization.name), ...(organization.class ? [word(organization.class)] : [])];
}

/** The trial block. */
export function trialStatement(trial: S.Trial, comments: CommentsOf = noComments): PrintStatement {
  const block: PrintStatement[] = [];
  for (const spec of Object.values(FIELD_SPECS.trial)) {
    const start = block.length;
    if (spec.value !== 'custom') block.push(...valueStatements(spec, valueAt(trial, spec.model)));
    else customTrialField(spec.keyword, trial, block, comments);
    block.push(...withFieldComments(block.splice(start), comments(trial, spec.keyword)));
  }
  return statement([word('trial'), ...(trial.nctId ? [word(trial.nctId)] : [])], { block, comments: comments(trial) });
}

function customTrialField(keyword: string, trial: S.Trial, block: PrintStatement[], comments: CommentsOf): void {
  {
    switch (keyword) {
      case 'phase':
        if (trial.phase) block.push(statement([word('phase'), raw(trial.phase)]));
        break;
      case 'enrollment':
        if (trial.enrollment)
          block.push(statement([word('enrollment'), num(trial.enrollment.count), ...(trial.enrollment.qualifier ? [word(trial.enrollment.qualifier)] : [])]));
        break;
      case 'design': {
        const design = fieldStatements('design', trial.design, comments);
        // One line while it holds words only; a description goes on a line of its own.
        const inline = design.every((field) => field.tokens.every((token) => token.kind !== 'string'));
        if (design.length) block.push(statement([word('design')], { block: design, inline }));
        break;
      }
      case 'sponsor':
        if (trial.sponsor) block.push(statement(organizationTokens('sponsor', trial.sponsor), { comments: comments(trial.sponsor) }));
        break;
      case 'organization':
        if (trial.organization) block.push(statement(organizationTokens('organization', trial.organization)));
        break;
      case 'secondary_id':
        for (const secondary of trial.secondaryIds) {
          const fields = fieldStatements('secondary_id', secondary, comments);
          block.push(
            statement(
              [word('secondary_id'), str(secondary.id), ...(secondary.type ? [word(secondary.type)] : [])],
              fields.length ? { block: fields, inline: true } : {},
            ),
          );
        }
        break;
      case 'contact':
        for (const contact of trial.contacts) block.push(contactStatement(contact, comments));
        break;
      case 'see_also':
        for (const link of trial.links) block.push(statement([word('see_also'), str(link.url), ...(link.label === undefined ? [] : [str(link.label)])]));
        break;
      case 'available_ipd':
        for (const document of trial.ipdDocuments) {
          const fields = fieldStatements('ipd_document', document, comments);
          block.push(statement([word('available_ipd'), str(document.type)], fields.length ? { block: fields } : {}));
        }
        break;
      case 'collaborator':
        for (const collaborator of trial.collaborators) block.push(statement(organizationTokens('collaborator', collaborator)));
        break;
      case 'responsible_party': {
        const party = trial.responsibleParty;
        if (!party) break;
        const fields = fieldStatements('party', party, comments);
        block.push(
          statement([word('responsible_party'), 'role' in party ? word(party.role) : str(party.name)], {
            comments: comments(party),
            ...(fields.length ? { block: fields } : {}),
          }),
        );
        break;
      }
      case 'investigator':
        for (const investigator of trial.investigators) {
          const at = investigator.affiliation === undefined ? [] : [word('at'), str(investigator.affiliation)];
          block.push(statement([word('investigator'), str(investigator.name), word(investigator.role), ...at]));
        }
        break;
      case 'site':
        for (const site of trial.sites) {
          const fields = [...fieldStatements('site', site, comments), ...site.contacts.map((contact) => contactStatement(contact, comments))];
          const head = [word('site'), ...(site.facility === undefined ? [] : [str(site.facility)])];
          // A site without a facility needs its block, even empty, to be a statement of its own.
          block.push(statement(head, fields.length || site.facility === undefined ? { block: fields, inline: site.contacts.length === 0 } : {}));
        }
        break;
      case 'reference':
        for (const reference of trial.references) {
          const pmid = reference.pmid === undefined ? [] : [word('pmid'), num(reference.pmid)];
          block.push(statement([word('reference'), word(reference.type), ...pmid, str(reference.citation)]));
        }
        break;
    }
  }
}

/** A central or site contact: `contact "Jane Doe" { role contact  email "jane@example.org" }`. */
function contactStatement(contact: S.Trial['contacts'][number], comments: CommentsOf): PrintStatement {
  const fields = fieldStatements('contact', contact, comments);
  const head = [word('contact'), ...(contact.name === undefined ? [] : [str(contact.name)])];
  return statement(head, fields.length || contact.name === undefined ? { block: fields, inline: true } : {});
}

export function drugStatement(drug: S.DrugDecl, comments: CommentsOf = noComments): PrintStatement {
  const fields = fieldStatements('drug', drug, comments);
  const head = [word('drug'), word(drug.id), ...(drug.label === undefined ? [] : [str(drug.label)])];
  return statement(head, { comments: comments(drug), ...(fields.length ? { block: fields, inline: true } : {}) });
}

export function interventionStatement(intervention: S.Intervention, comments: CommentsOf = noComments): PrintStatement {
  const fields = fieldStatements('intervention', intervention, comments);
  const head = [word('intervention'), word(intervention.id), word(intervention.type), str(intervention.name)];
  return statement(head, { comments: comments(intervention), ...(fields.length ? { block: fields } : {}) });
}

/** A number or a range of numbers: `5`, `5-6`. */
function numberOrRange(value: number, max: number | undefined): PrintToken[] {
  return max === undefined ? [num(value)] : [raw(`${numberText(value)}-${numberText(max)}`)];
}

function numberText(value: number): string {
  const token = num(value);
  return token.kind === 'raw' ? token.text : String(value);
}

/** The amount of a dose line: `85 mg/m2`, `1000-1250 mg/m2`, `AUC 5-6`, `dose unstated`, `matching pembrolizumab`. */
function amountTokens(amount: PrintableDose['amount']): PrintToken[] {
  switch (amount.form) {
    case 'quantity':
      return [...numberOrRange(amount.value, amount.valueMax), unit(amount.unit)];
    case 'auc':
      return [word('AUC'), ...numberOrRange(amount.value, amount.valueMax)];
    case 'unstated':
      return [word('dose'), word('unstated')];
    case 'matching':
      return [word('matching'), word(amount.drug)];
  }
}

/** A course length as written: `9 weeks`, `35 cycles`. */
function lengthTokens(length: S.Duration): PrintToken[] {
  return [num(length.value), word(length.unit)];
}

/** How a course ends: `x 8`, `for 9 weeks`, `until progression or toxicity`, `up to 35 cycles`, joined by commas. */
function endTokens(ends: Pick<S.Cycle, 'count' | 'duration' | 'upTo' | 'until'>): PrintToken[] {
  const clauses: PrintToken[][] = [];
  if (ends.count !== undefined) clauses.push([word('x'), num(ends.count)]);
  if (ends.duration) clauses.push([word('for'), ...lengthTokens(ends.duration)]);
  if (ends.until?.length) clauses.push([word('until'), ...ends.until.flatMap((reason, i) => (i === 0 ? [word(reason)] : [word('or'), word(reason)]))]);
  if (ends.upTo) clauses.push([word('up'), word('to'), ...lengthTokens(ends.upTo)]);
  return clauses.flatMap((clause, i) => (i === 0 ? clause : [raw(','), ...clause]));
}

/** A condition: `if weight < 60 kg`, `if creatinine > 1.5 x ULN`, `if "liver metastases"`. */
function conditionTokens(condition: S.WithoutSpans<S.Condition>): PrintToken[] {
  if (condition.kind === 'text') return [word('if'), str(condition.text)];
  return [word('if'), word(condition.analyte), raw(condition.comparator), ...limitTokens(condition)];
}

/** A limit's value: `1.5 x ULN`, `60 mL/min`, `1000` (no unit stated). */
/** What a limit's number is with: its unit, or the multiple of ULN or LLN. */
interface LimitParts {
  readonly valueText: string;
  readonly multipleOf?: string;
  readonly unit?: string;
}

function limitTokens(limit: LimitParts): PrintToken[] {
  if (limit.multipleOf) return [num(limit.valueText), word('x'), word(limit.multipleOf)];
  return [num(limit.valueText), ...(limit.unit ? [unit(limit.unit)] : [])];
}

/** A dose line. */
export function doseStatement(dose: S.Dose, comments: CommentsOf = noComments): PrintStatement {
  return statement([word(dose.drug), ...amountTokens(dose.amount), ...doseModifierTokens(dose)], { comments: comments(dose) });
}

/** A dose line as text, in three parts: the drug, the amount, and the rest (route, schedule, course, notes). */
export function doseLineParts(dose: PrintableDose): { drug: string; amount: string; rest: string } {
  return { drug: dose.drug, amount: joinTokens(amountTokens(dose.amount)), rest: joinTokens(doseModifierTokens(dose)) };
}

/** What printing a dose reads: a dose of the model, with or without its source offsets. */
type PrintableDose = S.WithoutSpans<S.Dose>;

function doseModifierTokens(dose: PrintableDose): PrintToken[] {
  const tokens: PrintToken[] = [];
  if (dose.route) tokens.push(word(dose.route));
  if (dose.mode) tokens.push(word(dose.mode));
  tokens.push(...infusionTokens(dose.infusionMinutes));
  if (dose.frequency) tokens.push(word(dose.frequency.text));
  const days = dose.dayItems?.length || dose.days?.length ? dayTokens(dose) : [];
  if (days.length) tokens.push(word(days.length === 1 && !String((days[0] as { text: string }).text).includes('-') ? 'day' : 'days'), ...days);
  tokens.push(...cycleSelectionTokens(dose.cycles));
  tokens.push(...endTokens(dose));
  if (dose.max) tokens.push(word('max'), ...amountTokens(dose.max));
  if (dose.loading) tokens.push(word('loading'), ...amountTokens(dose.loading));
  if (dose.condition) tokens.push(...conditionTokens(dose.condition));
  for (const note of dose.notes) tokens.push(str(note));
  return tokens;
}

/** How long each infusion runs: `over 46 hours`, `over 30 min`. */
function infusionTokens(minutes: number | undefined): PrintToken[] {
  if (minutes === undefined) return [];
  const hours = minutes % 60 === 0 && minutes >= 60;
  return [word('over'), num(hours ? minutes / 60 : minutes), word(hours ? 'hours' : 'min')];
}

/** The cycles of its block a dose is given in: `cycles 1-4`, `cycle 2`, `from cycle 9`. */
function cycleSelectionTokens(cycles: PrintableDose['cycles']): PrintToken[] {
  if (!cycles) return [];
  if ('from' in cycles) return [word('from'), word('cycle'), num(cycles.from)];
  const items = cycles.items;
  const single = items.length === 1 && items[0].from === items[0].to;
  return [word(single ? 'cycle' : 'cycles'), ...list(items.map((item) => raw(item.from === item.to ? String(item.from) : `${item.from}-${item.to}`)))];
}

/**
 * Parts of a dose line or cycle header as the language writes them, for views that show one
 * part at a time (the amendment diff): `up to 35 cycles`, `AUC 5`, `cycles 1-4`, `over 46 hours`,
 * `if weight < 60 kg`. Empty when the part is absent.
 */
export const partText = {
  ends: (ends: Pick<S.Cycle, 'count' | 'duration' | 'upTo' | 'until'>): string => joinTokens(endTokens(ends)),
  amount: (amount: PrintableDose['amount']): string => joinTokens(amountTokens(amount)),
  cycles: (cycles: PrintableDose['cycles']): string => joinTokens(cycleSelectionTokens(cycles)),
  infusion: (minutes: number | undefined): string => joinTokens(infusionTokens(minutes)),
  /** A limit as written: `>= 60 mL/min`, `<= 3 x ULN`. */
  limit: (limit: LimitParts & { comparator: string }): string => joinTokens([raw(limit.comparator), ...limitTokens(limit)]),
  condition: (condition: S.WithoutSpans<S.Condition> | undefined): string => (condition ? joinTokens(conditionTokens(condition)) : ''),
  alternative: (alternative: S.WithoutSpans<S.AlternativeLimit>): string => joinTokens(alternativeTokens(alternative).slice(1)),
  window: (window: S.WithoutSpans<S.TimeWindow> | undefined): string => joinTokens(windowTokens(window)),
  /** What qualifies a criterion's limit: its condition, its alternatives and its window (`if … or <= 5 x ULN if … within …`). */
  clauses: (criterion: S.WithoutSpans<S.Criterion>): string => joinTokens(clauseTokens(criterion)),
};

/** `or <= 5 x ULN if "liver metastases"`. */
function alternativeTokens(alternative: S.WithoutSpans<S.AlternativeLimit>): PrintToken[] {
  return [word('or'), raw(alternative.comparator), ...limitTokens(alternative), ...conditionTokens(alternative.condition)];
}

/** The condition, alternatives and window of a criterion, in the order the language writes them. */
function clauseTokens(criterion: S.WithoutSpans<S.Criterion>): PrintToken[] {
  if (criterion.kind === 'threshold')
    return [
      ...(criterion.condition ? conditionTokens(criterion.condition) : []),
      ...(criterion.alternatives ?? []).flatMap(alternativeTokens),
      ...windowTokens(criterion.window),
    ];
  if (criterion.kind === 'text' || criterion.kind === 'prior') return windowTokens(criterion.window);
  return [];
}

/** A choice and its options, each option holding statements. */
function choiceStatement(
  label: string | undefined,
  options: readonly { label: string; block: PrintStatement[] }[],
  comments: readonly string[] | undefined,
): PrintStatement {
  return statement([word('choice'), ...(label === undefined ? [] : [str(label)])], {
    block: options.map((option) => statement([word('option'), str(option.label)], { block: option.block })),
    comments,
  });
}

/** The statements of a cycle's body: its doses, with the doses of each choice inside it. */
function cycleBody(cycle: S.Cycle, comments: CommentsOf): PrintStatement[] {
  const inChoice = new Map<number, S.Cycle['choices'][number]>();
  for (const choice of cycle.choices) for (const option of choice.options) for (const index of option.doses) inChoice.set(index, choice);
  const body: PrintStatement[] = [];
  const printed = new Set<S.Cycle['choices'][number]>();
  cycle.doses.forEach((dose, index) => {
    const choice = inChoice.get(index);
    if (!choice) {
      body.push(doseStatement(dose, comments));
      return;
    }
    if (printed.has(choice)) return;
    printed.add(choice);
    body.push(
      choiceStatement(
        choice.label,
        choice.options.map((option) => ({ label: option.label, block: option.doses.map((i) => doseStatement(cycle.doses[i], comments)) })),
        comments(choice),
      ),
    );
  });
  // Choices with no dose at all (every option empty) still print.
  for (const choice of cycle.choices)
    if (!printed.has(choice))
      body.push(
        choiceStatement(
          choice.label,
          choice.options.map((option) => ({ label: option.label, block: [] })),
          comments(choice),
        ),
      );
  return body;
}

function stepStatement(step: S.Step, comments: CommentsOf): PrintStatement {
  switch (step.kind) {
    case 'cycle': {
      const [length, lengthUnit] = step.lengthText.split(' ');
      return statement([word('cycle'), raw(length), word(lengthUnit), ...endTokens(step)], {
        block: cycleBody(step, comments),
        comments: comments(step),
      });
    }
    case 'surgery':
      return statement([word('surgery'), ...(step.note === undefined ? [] : [str(step.note)])], { comments: comments(step) });
    case 'dose':
      return doseStatement(step.dose, comments);
    case 'choice':
      return choiceStatement(
        step.label,
        step.options.map((option) => ({ label: option.label, block: option.steps.map((inner) => stepStatement(inner, comments)) })),
        comments(step),
      );
  }
}

export function armStatement(arm: S.Arm, comments: CommentsOf = noComments): PrintStatement {
  const block: PrintStatement[] = fieldStatements('arm', arm, comments);
  if (arm.interventions.length) block.push(statement([word('uses'), ...list(arm.interventions.map(word))]));
  for (const phase of arm.phases) {
    const steps = phase.steps.map((step) => stepStatement(step, comments));
    const head = [word(phase.name ?? 'treatment'), ...(phase.optional ? [word('optional')] : []), ...(phase.label === undefined ? [] : [str(phase.label)])];
    if (phase.name) block.push(statement(head, { block: steps, comments: comments(phase) }));
    else block.push(...steps);
  }
  const head = [word('arm'), word(arm.id), str(arm.label), ...(arm.type ? [word(arm.type)] : [])];
  return statement(head, { block, comments: comments(arm) });
}

/** The tokens of a criterion after `include`/`exclude` (or inside a group), and the block of a group. */
export function criterionStatement(criterion: S.Criterion, comments: CommentsOf = noComments, polarity?: 'include' | 'exclude'): PrintStatement {
  const lead = polarity ? [word(polarity)] : [];
  const note = criterion.note === undefined ? [] : [str(criterion.note)];
  const extra = { comments: comments(criterion) };
  switch (criterion.kind) {
    case 'text':
      return statement([...lead, str(criterion.text), ...clauseTokens(criterion), ...note], extra);
    case 'threshold':
      return statement([...lead, word(criterion.analyte), raw(criterion.comparator), ...limitTokens(criterion), ...clauseTokens(criterion), ...note], extra);
    case 'score': {
      const range = criterion.to === undefined ? String(criterion.from) : `${criterion.from}-${criterion.to}`;
      return statement([...lead, word(criterion.analyte), raw(range), ...note], extra);
    }
    case 'prior':
      return statement(
        [...lead, word('prior'), ...list(criterion.items.map((item) => (item.isDrug ? word(item.name) : str(item.name)))), ...clauseTokens(criterion), ...note],
        extra,
      );
    case 'group':
      return statement([...lead, word(criterion.mode), ...(criterion.label === undefined ? [] : [str(criterion.label)])], {
        ...extra,
        block: criterion.criteria.map((child) => criterionStatement(child, comments)),
        tail: note,
      });
  }
}

/** A time window: `within 28 days before randomization`, `more than 6 months after "surgery"`. */
function windowTokens(window: S.WithoutSpans<S.TimeWindow> | undefined): PrintToken[] {
  if (!window) return [];
  const relation = WINDOW_RELATION_WORDS[window.relation].split(' ').map(word);
  const anchor = window.anchor.kind === 'moment' ? word(window.anchor.moment) : str(window.anchor.text);
  return [...relation, num(window.value), word(window.unit), word(window.direction), anchor];
}

export function eligibilityStatement(eligibility: S.Eligibility, comments: CommentsOf = noComments): PrintStatement {
  const block: PrintStatement[] = [];
  const { minimumAge: min, maximumAge: max } = eligibility;
  const age: PrintStatement[] = [];
  if (min && max)
    age.push(statement([word('age'), num(min.value), ...(min.unit === max.unit ? [] : [word(min.unit)]), word('to'), num(max.value), word(max.unit)]));
  else if (min) age.push(statement([word('age'), raw('>='), num(min.value), word(min.unit)]));
  else if (max) age.push(statement([word('age'), raw('<='), num(max.value), word(max.unit)]));
  block.push(...withFieldComments(age, comments(eligibility, 'age')));
  block.push(...fieldStatements('eligibility', eligibility, comments, ['criteria_text']));
  for (const criterion of eligibility.inclusion) block.push(criterionStatement(criterion, comments, 'include'));
  for (const criterion of eligibility.exclusion) block.push(criterionStatement(criterion, comments, 'exclude'));
  // The registry's text, long, after the criteria it was read into.
  block.push(...withFieldComments(valueStatements(FIELD_SPECS.eligibility.criteria_text, eligibility.criteriaText), comments(eligibility, 'criteria_text')));
  return statement([word('eligibility')], { block, comments: comments(eligibility) });
}

export function outcomeStatement(outcome: S.Outcome, comments: CommentsOf = noComments): PrintStatement {
  const fields = fieldStatements('outcome', outcome, comments);
  const head = [word('outcome'), ...(outcome.kind ? [word(outcome.kind)] : []), str(outcome.measure)];
  return statement(head, { comments: comments(outcome), ...(fields.length ? { block: fields } : {}) });
}

/** The whole protocol as items: trial, drugs, interventions, arms, eligibility, outcomes, a blank line between items. */
export function protocolItems(protocol: S.Protocol, comments: CommentsOf = noComments): PrintItem[] {
  const statements: PrintStatement[] = [
    ...(protocol.trial ? [trialStatement(protocol.trial, comments)] : []),
    ...protocol.drugs.map((drug) => drugStatement(drug, comments)),
    ...protocol.interventions.map((intervention) => interventionStatement(intervention, comments)),
    ...protocol.arms.map((arm) => armStatement(arm, comments)),
    ...(protocol.eligibility ? [eligibilityStatement(protocol.eligibility, comments)] : []),
    ...protocol.outcomes.map((outcome) => outcomeStatement(outcome, comments)),
  ];
  return statements.flatMap((printed, i) => (i === 0 ? [printed] : [{ blank: true } as const, printed]));
}

/** The protocol as `.trial` text. */
export function printProtocol(protocol: S.Protocol, comments: CommentsOf = noComments): string {
  return printItems(protocolItems(protocol, comments));
}
