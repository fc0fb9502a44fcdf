/**
 * The resolved protocol as `.trial` text: each model element as the statements that write it,
 * through the one printer (syntax/print.ts). Registry fields are printed by the field table, so a
 * field added there prints without code here. Parsing and lowering the output gives back the same
 * protocol (test/unit/print.test.ts checks it on every sample, fixture and property document).
 * Elements may carry comments for the lines above them (the import's explanations).
 */

import { FIELD_SPECS, valueAt, type FieldContext, type FieldSpec } from '../language/fields';
import { list, num, printItems, raw, str, word, type PrintItem, type PrintStatement, type PrintToken } from '../syntax/print';
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
function dayTokens(dose: S.Dose): PrintToken[] {
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

/** The amount of a dose line: `85 mg/m2`, `AUC 5`, `dose unstated`. */
function amountTokens(amount: S.Amount): PrintToken[] {
  switch (amount.form) {
    case 'quantity':
      return [num(amount.value), raw(amount.unit)];
    case 'auc':
      return [word('AUC'), num(amount.value)];
    case 'unstated':
      return [word('dose'), word('unstated')];
  }
}

/** A dose line. */
export function doseStatement(dose: S.Dose, comments: CommentsOf = noComments): PrintStatement {
  const tokens: PrintToken[] = [word(dose.drug), ...amountTokens(dose.amount)];
  if (dose.route) tokens.push(word(dose.route));
  if (dose.frequency) tokens.push(word(dose.frequency.text));
  const days = dose.dayItems?.length || dose.days?.length ? dayTokens(dose) : [];
  if (days.length) tokens.push(word(days.length === 1 && !String((days[0] as { text: string }).text).includes('-') ? 'day' : 'days'), ...days);
  if (dose.duration) tokens.push(word('for'), num(dose.duration.value), word(dose.duration.unit));
  if (dose.count !== undefined) tokens.push(word('x'), num(dose.count));
  for (const note of dose.notes) tokens.push(str(note));
  return statement(tokens, { comments: comments(dose) });
}

function stepStatement(step: S.Step, comments: CommentsOf): PrintStatement {
  switch (step.kind) {
    case 'cycle': {
      const [length, unit] = step.lengthText.split(' ');
      const count = step.count === undefined ? [] : [word('x'), num(step.count)];
      return statement([word('cycle'), raw(length), word(unit), ...count], {
        block: step.doses.map((dose) => doseStatement(dose, comments)),
        comments: comments(step),
      });
    }
    case 'surgery':
      return statement([word('surgery'), ...(step.note === undefined ? [] : [str(step.note)])], { comments: comments(step) });
    case 'dose':
      return doseStatement(step.dose, comments);
  }
}

export function armStatement(arm: S.Arm, comments: CommentsOf = noComments): PrintStatement {
  const block: PrintStatement[] = fieldStatements('arm', arm, comments);
  if (arm.interventions.length) block.push(statement([word('uses'), ...list(arm.interventions.map(word))]));
  for (const phase of arm.phases) {
    const steps = phase.steps.map((step) => stepStatement(step, comments));
    if (phase.name) block.push(statement([word(phase.name)], { block: steps, comments: comments(phase) }));
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
      return statement([...lead, str(criterion.text), ...note], extra);
    case 'threshold': {
      const value = criterion.multipleOf
        ? [num(criterion.valueText), word('x'), word(criterion.multipleOf)]
        : [num(criterion.valueText), ...(criterion.unit ? [raw(criterion.unit)] : [])];
      return statement([...lead, word(criterion.analyte), raw(criterion.comparator), ...value, ...note], extra);
    }
    case 'score': {
      const range = criterion.to === undefined ? String(criterion.from) : `${criterion.from}-${criterion.to}`;
      return statement([...lead, word(criterion.analyte), raw(range), ...note], extra);
    }
    case 'prior':
      return statement([...lead, word('prior'), ...list(criterion.items.map((item) => (item.isDrug ? word(item.name) : str(item.name)))), ...note], extra);
    case 'group':
      return statement([...lead, word(criterion.mode), ...(criterion.label === undefined ? [] : [str(criterion.label)])], {
        ...extra,
        block: criterion.criteria.map((child) => criterionStatement(child, comments)),
        tail: note,
      });
  }
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
