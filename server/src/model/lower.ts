/**
 * Lowering: syntax tree -> resolved Protocol. Values are validated against the zod schemas as
 * they are read, so each problem is reported at the exact word that caused it and the value is
 * left out; the result then always satisfies the Protocol schema. Units are resolved through
 * UCUM and every dose and threshold gets its normalised value. Never throws.
 */

import type { z } from 'zod';
import type { Code, Finding, Fix } from '../language/codes';
import * as E from '../language/enums';
import type { EnumDef } from '../language/enums';
import { FIELD_SPECS, fieldValues, setValueAt, type FieldContext, type FieldSpec } from '../language/fields';
import { COURSE_UNITS, frequencyMeaning, INFUSION_UNITS, WINDOW_RELATIONS, WINDOW_UNITS } from '../language/vocabulary';
import { acceptedUnits, findAnalyte } from '../knowledge/analytes';
import { isUsableNumber } from '../syntax/scanner';
import type * as T from '../syntax/tree';
import { closestMatches, quotedList } from '../util/text';
import * as S from './schema';
import { convert, friendlyUnit, lostSuperscriptUnit, normalizeForAnalyte, resolveUnit, suggestUnits } from './units';
import type { Mutable } from '../util/types';

export interface LowerResult {
  readonly protocol: S.Protocol;
  readonly findings: readonly Finding[];
  /** Each top-level item of the tree lowered on its own, in the tree's order. */
  readonly items: readonly LoweredItem[];
}

/**
 * One top-level item lowered on its own: its model value, if it has one, the findings of its
 * lowering, and for an arm the interventions it names (resolved against the whole document).
 * Lowering an item reads nothing outside it, so an item whose text an edit did not change keeps
 * its LoweredItem (analysis/analysis.ts).
 */
export interface LoweredItem {
  readonly item: T.TopItem;
  readonly value?: S.Trial | S.Eligibility | S.DrugDecl | S.Intervention | S.Arm | S.Outcome;
  readonly findings: readonly Finding[];
  readonly uses: readonly T.Name[];
}

/**
 * The last day a schedule may name, and so the widest range it may spell out: ten years. Larger
 * numbers are typos, would cost memory to expand, and past 2^53 cannot even be counted.
 */
const MAX_DAY = 3660;

/** The longest course in months: ten years. */
const MAX_MONTHS = 120;

const DOSE_TARGETS: readonly { unit: string; basis: 'flat' | 'bsa' | 'weight' }[] = [
  { unit: 'mg', basis: 'flat' },
  { unit: 'mg/m2', basis: 'bsa' },
  { unit: 'mg/kg', basis: 'weight' },
  { unit: '[IU]', basis: 'flat' },
  { unit: '[IU]/m2', basis: 'bsa' },
  { unit: '[IU]/kg', basis: 'weight' },
];

/**
 * Lowers a parsed document: each item on its own (or as `reuse` gives it, for an item lowered
 * before), then what spans items: the one trial and eligibility block, and the arms' `uses`.
 */
export function lower(tree: T.DocumentNode, reuse?: (item: T.TopItem) => LoweredItem | undefined): LowerResult {
  // The findings, reported keys and `uses` of the item being lowered.
  let findings: Finding[] = [];
  let reported = new Set<string>();
  let uses: T.Name[] = [];

  function report(code: Code, message: string, node: { offset: number; length: number }, fixes?: readonly Fix[]): void {
    const key = `${node.offset}:${code}`;
    if (reported.has(key)) return;
    reported.add(key);
    findings.push({ code, message, offset: node.offset, length: node.length, ...(fixes?.length ? { fixes } : {}) });
  }

  const span = (node: T.NodeBase): S.Span => ({ offset: node.offset, length: node.length });

  /** Validates a word against an enumeration; reports the word and returns undefined if it is not a value of it. */
  function enumValue<W extends string>(values: EnumDef<W>, node: T.Name | undefined, what = values.name, text = node?.text): W | undefined {
    if (!node) return undefined;
    const entry = values.entry(text);
    if (entry) return entry.word;
    const close = closestMatches(node.text, values.words, 1);
    const hint = close.length ? `; did you mean '${close[0]}'?` : '.';
    report('TPL101', `'${node.text}' is not a valid ${what} (expected ${quotedList(values.words)})${hint}`, node);
    return undefined;
  }

  function dateValue(node: T.FieldArg | undefined, qualifierNode?: T.FieldArg): S.DateValue | undefined {
    if (!node || node.kind !== 'DateLit') return undefined;
    const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(node.text);
    const year = Number(match?.[1]);
    const month = Number(match?.[2]);
    const day = match?.[3] === undefined ? 1 : Number(match[3]);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth) {
      report('TPL102', `'${node.text}' is not a date in the calendar.`, node);
      return undefined;
    }
    const qualifier = qualifierNode?.kind === 'Name' ? enumValue(E.QUALIFIER, qualifierNode) : undefined;
    return { date: node.text, qualifier, span: span(node) };
  }

  const isStr = (arg: T.FieldArg | undefined): arg is T.Str => arg?.kind === 'Str';
  const isName = (arg: T.FieldArg | undefined): arg is T.Name => arg?.kind === 'Name';
  const strings = (field: T.Field) => field.args.filter(isStr).map((arg) => arg.value);

  /**
   * Calls `handle` for each field of a block, reporting a second occurrence of a field that may
   * appear once.
   */
  function eachField(block: T.Block<T.Field> | undefined, context: FieldContext, handle: (field: T.Field, spec: FieldSpec) => void): void {
    if (!block) return;
    const seen = new Set<string>();
    for (const field of block.items) {
      const spec = FIELD_SPECS[context][field.name.text];
      if (!spec) continue; // the parser reported it
      if (!spec.repeatable) {
        if (seen.has(field.name.text)) {
          report('TPL103', `'${field.name.text}' is already given in this block; it may appear once.`, field.name);
          continue;
        }
        seen.add(field.name.text);
      }
      handle(field, spec);
    }
  }

  /**
   * Reads the fields of a block into `target` by the field table: each field's value by its
   * kind into its model property. Fields the table marks `custom` go to `custom[keyword]`.
   */
  function lowerFields(
    block: T.Block<T.Field> | undefined,
    context: FieldContext,
    target: object,
    custom: Readonly<Record<string, (field: T.Field) => void>> = {},
    seen?: (field: T.Field) => void,
  ): void {
    eachField(block, context, (field, spec) => {
      seen?.(field);
      if (spec.value === 'custom') custom[spec.keyword]?.(field);
      else readValue(field, spec, target as Record<string, unknown>);
    });
  }

  function readValue(field: T.Field, spec: FieldSpec, target: Record<string, unknown>): void {
    const [first, second] = field.args;
    const values = fieldValues(spec);
    switch (spec.value) {
      case 'text':
        if (isStr(first)) setValueAt(target, spec.model, first.value);
        return;
      case 'texts':
        if (spec.repeatable) (target[spec.model] as string[]).push(...strings(field));
        else setValueAt(target, spec.model, strings(field));
        return;
      case 'enum':
        if (isName(first) && values) setValueAt(target, spec.model, enumValue(values, first));
        return;
      case 'enumList': {
        const words: string[] = [];
        for (const arg of field.args) {
          const word = isName(arg) && values ? enumValue(values, arg) : undefined;
          if (word) words.push(word);
        }
        setValueAt(target, spec.model, words);
        return;
      }
      case 'date':
        setValueAt(target, spec.model, dateValue(first, second));
        return;
      case 'plainDate':
        setValueAt(target, spec.model, dateValue(first));
        return;
    }
  }

  // ---- trial ----------------------------------------------------------------------------

  function organization(field: T.Field): S.Trial['collaborators'][number] | undefined {
    const [first, second] = field.args;
    if (!isStr(first)) return undefined;
    return { name: first.value, class: isName(second) ? enumValue(E.AGENCY_CLASS, second) : undefined, span: span(field) };
  }

  function lowerTrial(node: T.TrialNode): S.Trial {
    const trial: Mutable<S.Trial> = {
      nctId: node.id?.text,
      nctIdSpan: node.id && span(node.id),
      span: span(node),
      fieldSpans: {},
      secondaryIds: [],
      conditions: [],
      keywords: [],
      countries: [],
      meshConditions: [],
      meshInterventions: [],
      design: {},
      collaborators: [],
      investigators: [],
      contacts: [],
      sites: [],
      references: [],
      links: [],
      ipdDocuments: [],
    };
    const contact = (field: T.Field): S.Trial['contacts'][number] => {
      const first = field.args[0];
      const read: Mutable<S.Trial['contacts'][number]> = { ...(isStr(first) ? { name: first.value } : {}), span: span(field) };
      lowerFields(field.block, 'contact', read);
      return read;
    };
    const custom: Record<string, (field: T.Field) => void> = {
      phase: (field) => (trial.phase = phaseValue(field.args[0])),
      enrollment(field) {
        const [first, second] = field.args;
        if (first?.kind !== 'Num') return;
        if (!Number.isSafeInteger(first.value)) {
          report('TPL101', `Enrollment counts participants: '${first.text}' is not a whole number.`, first);
          return;
        }
        const qualifier = isName(second) ? enumValue(E.QUALIFIER, second, 'enrollment qualifier') : undefined;
        trial.enrollment = { count: first.value, qualifier, span: span(field) };
      },
      design(field) {
        const design: Mutable<S.Trial['design']> = {};
        lowerFields(field.block, 'design', design);
        trial.design = design;
      },
      sponsor: (field) => (trial.sponsor = organization(field)),
      organization: (field) => (trial.organization = organization(field)),
      secondary_id(field) {
        const [first, second] = field.args;
        if (!isStr(first)) return;
        const secondary: Mutable<S.Trial['secondaryIds'][number]> = { id: first.value, span: span(field) };
        if (isName(second)) secondary.type = enumValue(E.SECONDARY_ID_TYPE, second);
        lowerFields(field.block, 'secondary_id', secondary);
        trial.secondaryIds.push(secondary);
      },
      contact: (field) => trial.contacts.push(contact(field)),
      see_also(field) {
        const [url, label] = field.args;
        if (isStr(url)) trial.links.push({ url: url.value, ...(isStr(label) ? { label: label.value } : {}), span: span(field) });
      },
      available_ipd(field) {
        const first = field.args[0];
        if (!isStr(first)) return;
        const document: Mutable<S.Trial['ipdDocuments'][number]> = { type: first.value, span: span(field) };
        lowerFields(field.block, 'ipd_document', document);
        trial.ipdDocuments.push(document);
      },
      collaborator(field) {
        const collaborator = organization(field);
        if (collaborator) trial.collaborators.push(collaborator);
      },
      responsible_party(field) {
        const first = field.args[0];
        let party: Mutable<NonNullable<S.Trial['responsibleParty']>> | undefined;
        if (isStr(first)) party = { name: first.value };
        else if (isName(first)) {
          const role = enumValue(E.RESPONSIBLE_ROLE, first);
          if (role) party = { role };
        }
        if (!party) return;
        lowerFields(field.block, 'party', party);
        trial.responsibleParty = party;
      },
      investigator(field) {
        const [first, second, affiliation] = field.args;
        if (!isStr(first) || !isName(second)) return;
        const role = enumValue(E.INVESTIGATOR_ROLE, second);
        if (role) trial.investigators.push({ name: first.value, role, affiliation: isStr(affiliation) ? affiliation.value : undefined, span: span(field) });
      },
      site(field) {
        const first = field.args[0];
        const site: Mutable<S.Trial['sites'][number]> = { ...(isStr(first) ? { facility: first.value } : {}), contacts: [], span: span(field) };
        lowerFields(field.block, 'site', site, { contact: (inner) => site.contacts.push(contact(inner)) });
        trial.sites.push(site);
      },
      reference(field) {
        const citation = field.args.find(isStr);
        const pmid = field.args.find((arg): arg is T.Num => arg.kind === 'Num');
        const first = field.args[0];
        const type = isName(first) ? enumValue(E.REFERENCE_TYPE, first) : undefined;
        if (pmid && !(Number.isSafeInteger(pmid.value) && pmid.value > 0)) report('TPL101', `A PMID is a positive whole number, not '${pmid.text}'.`, pmid);
        else if (citation && type) trial.references.push({ type, pmid: pmid?.value, citation: citation.value, span: span(field) });
      },
    };
    lowerFields(node.body, 'trial', trial, custom, (field) => (trial.fieldSpans[field.name.text] ??= span(field)));
    return trial;
  }

  function phaseValue(arg: T.FieldArg | undefined): S.Trial['phase'] {
    if (!arg) return undefined;
    if (arg.kind === 'Name') return enumValue(E.PHASE, arg);
    let text: string | undefined;
    if (arg.kind === 'Num') text = arg.text;
    else if (arg.kind === 'Fraction') text = arg.denominator ? `${arg.numerator.text}/${arg.denominator.text}` : undefined;
    if (text === undefined) return undefined;
    const entry = E.PHASE.entry(text);
    if (entry) return entry.word;
    report('TPL101', `'${text}' is not a valid phase; expected ${quotedList(E.PHASE.words)}.`, arg);
    return undefined;
  }

  // ---- drugs and interventions ----------------------------------------------------------

  function lowerDrug(node: T.DrugNode): S.DrugDecl | undefined {
    if (!node.id) return undefined;
    const drug: Mutable<S.DrugDecl> = { id: node.id.text, label: node.label?.value, aka: [], span: span(node), idSpan: span(node.id) };
    lowerFields(node.body, 'drug', drug);
    return drug;
  }

  function lowerIntervention(node: T.InterventionNode): S.Intervention | undefined {
    if (!node.id || !node.type || !node.name) return undefined;
    const type = enumValue(E.INTERVENTION_TYPE, node.type);
    if (!type) return undefined;
    const intervention: Mutable<S.Intervention> = { id: node.id.text, type, name: node.name.value, otherNames: [], span: span(node), idSpan: span(node.id) };
    lowerFields(node.body, 'intervention', intervention);
    return intervention;
  }

  // ---- arms and doses -------------------------------------------------------------------

  function positiveInteger(node: T.Num | undefined, what: string): number | undefined {
    if (!node || !isUsableNumber(node.value)) return undefined; // the parser reported it
    if (Number.isSafeInteger(node.value) && node.value > 0) return node.value;
    report('TPL108', `${what} must be a whole number of at least 1, not '${node.text}'.`, node);
    return undefined;
  }

  /** A dose amount normalised to mg, mg/m2, mg/kg (or IU per the same), or undefined (reported). */
  function normalizedDose(value: number, ucum: string): z.infer<typeof S.NormalizedDose> | undefined {
    for (const target of DOSE_TARGETS) {
      const converted = convert(value, ucum, target.unit);
      if (converted !== undefined) return { value: converted, unit: target.unit.replace('[IU]', 'IU'), basis: target.basis };
    }
    return undefined;
  }

  function lowerAmount(node: T.Amount | undefined): S.Amount | undefined {
    if (!node) return undefined;
    if (node.form === 'unstated') return { form: 'unstated' };
    if (node.form === 'matching') return node.matching ? { form: 'matching', drug: node.matching.text, drugSpan: span(node.matching) } : undefined;
    if (!node.value || !isUsableNumber(node.value.value)) return undefined; // the parser reported it
    const valueMax = node.valueMax && isUsableNumber(node.valueMax.value) ? node.valueMax.value : undefined;
    if (node.valueMax && valueMax !== undefined && valueMax <= node.value.value) {
      report('TPL108', `The range ${node.value.text}-${node.valueMax.text} does not go up; write the lower dose first.`, {
        offset: node.value.offset,
        length: node.valueMax.offset + node.valueMax.length - node.value.offset,
      });
      return undefined;
    }
    const range = valueMax === undefined ? {} : { valueMax };
    if (node.form === 'auc')
      return { form: 'auc', value: node.value.value, ...range, unit: 'mg/mL.min', normalized: { value: node.value.value, unit: 'mg/mL.min', basis: 'auc' } };
    if (!node.unit) return undefined;
    const resolution = resolveUnit(node.unit.text);
    if (!resolution.ucum) {
      reportUnknownUnit(node.unit, node.value, resolution.suggestions);
      return { form: 'quantity', value: node.value.value, ...range, unit: node.unit.text };
    }
    const normalized = normalizedDose(node.value.value, resolution.ucum);
    if (normalized) {
      const normalizedMax = valueMax === undefined ? undefined : normalizedDose(valueMax, resolution.ucum);
      return {
        form: 'quantity',
        value: node.value.value,
        ...range,
        unit: node.unit.text,
        ucum: resolution.ucum,
        normalized,
        ...(normalizedMax ? { normalizedMax } : {}),
      };
    }
    report(
      'TPL105',
      `'${node.unit.text}' is not a dose unit: write a mass (mg, g), a mass per body surface (mg/m2), per body weight (mg/kg), or IU.`,
      node.unit,
    );
    return { form: 'quantity', value: node.value.value, ...range, unit: node.unit.text, ucum: resolution.ucum };
  }

  function reportUnknownUnit(unit: T.UnitLit, value: T.Num, ucumSuggestions: readonly string[]): void {
    // A unit glued to its number (`1.5*109/L`) gets a space back when it is replaced.
    const glued = unit.offset === value.offset + value.length;
    const spaced = (replacement: string) => (glued ? ` ${replacement}` : replacement);
    const intended = lostSuperscriptUnit(unit.text);
    if (intended) {
      report('TPL241', `'${unit.text}' is likely ${intended} with its superscript lost.`, unit, [
        { title: `Change to ${intended}`, edits: [{ offset: unit.offset, length: unit.length, newText: spaced(intended) }], preferred: true },
      ]);
      return;
    }
    const suggestions = suggestUnits(unit.text, ucumSuggestions);
    const hint = suggestions.length ? `; did you mean ${quotedList(suggestions)}?` : '.';
    report(
      'TPL104',
      `'${unit.text}' is not a known unit${hint}`,
      unit,
      suggestions.map((suggestion) => ({
        title: `Change to ${suggestion}`,
        edits: [{ offset: unit.offset, length: unit.length, newText: spaced(suggestion) }],
      })),
    );
  }

  /** A course length (`for 9 weeks`, `up to 2 years`): its value, unit and, where fixed, length in days. */
  function courseLength(value: T.Num | undefined, unit: T.Name | undefined, node: T.NodeBase): S.Duration | undefined {
    if (!value || !unit || !isUsableNumber(value.value)) return undefined; // the parser reported it
    const known = COURSE_UNITS[unit.text];
    if (!known) return undefined;
    const countsSomething = known.unit === 'cycles' || known.unit === 'doses';
    if (!(value.value > 0) || (countsSomething && !Number.isSafeInteger(value.value))) {
      report('TPL108', `A course ${countsSomething ? `counts whole ${known.unit}` : 'lasts a positive time'}, not '${value.text}'.`, value);
      return undefined;
    }
    const days = known.days === undefined ? undefined : value.value * known.days;
    if (days !== undefined && days > MAX_DAY) {
      report('TPL108', `${value.text} ${unit.text} is beyond ${MAX_DAY} days (ten years).`, value);
      return undefined;
    }
    if (known.months !== undefined && value.value * known.months > MAX_MONTHS) {
      report('TPL108', `${value.text} ${unit.text} is beyond ten years.`, value);
      return undefined;
    }
    return { value: value.value, unit: known.unit, ...(days === undefined ? {} : { days }), span: span(node) };
  }

  /** Reads the clauses of how a course ends into `target`; a clause given twice is reported. */
  function lowerCourseEnd(
    clauses: readonly (T.CourseClause | T.DoseModifier)[],
    target: Mutable<Pick<S.Cycle, 'count' | 'duration' | 'durationSpan' | 'upTo' | 'until'>>,
    countWhat: string,
  ): void {
    for (const clause of clauses) {
      switch (clause.kind) {
        case 'Count':
          target.count = positiveInteger(clause.value, countWhat);
          break;
        case 'Duration':
          target.duration = courseLength(clause.value, clause.unit, clause);
          target.durationSpan = span(clause);
          break;
        case 'UpTo':
          target.upTo = courseLength(clause.value, clause.unit, clause);
          break;
        case 'Until': {
          const reasons: z.infer<typeof S.StopReason>[] = [];
          for (const reason of clause.reasons) {
            const word = enumValue(E.STOP_REASON, reason);
            if (word && !reasons.includes(word)) reasons.push(word);
          }
          if (reasons.length) target.until = reasons;
          break;
        }
      }
    }
  }

  /** Modifiers that may appear once each on a dose line, by kind; notes repeat. */
  function lowerDose(node: T.DoseNode): S.Dose | undefined {
    const amount = lowerAmount(node.amount);
    if (!amount) return undefined;
    const dose: Mutable<S.Dose> = {
      drug: node.drug.text,
      drugSpan: span(node.drug),
      span: span(node),
      amount,
      valueSpan: node.amount?.value && span(node.amount.value),
      unitSpan: node.amount?.unit && span(node.amount.unit),
      notes: [],
    };
    const seen = new Set<string>();
    const ends: T.DoseModifier[] = [];
    for (const modifier of node.modifiers) {
      if (modifier.kind === 'Str') {
        dose.notes.push(modifier.value);
        continue;
      }
      const key = modifier.kind;
      if (seen.has(key)) {
        report('TPL103', `This dose line already has ${modifierDescription(key)}.`, modifier);
        continue;
      }
      seen.add(key);
      switch (modifier.kind) {
        case 'Route':
          dose.route = enumValue(E.ROUTE, modifier.name, E.ROUTE.name, modifier.name.text.toUpperCase());
          break;
        case 'Frequency':
          dose.frequency = frequencyValue(modifier.name.text);
          dose.frequencySpan = span(modifier);
          break;
        case 'Days': {
          const items = dayItems(modifier.items, 'A day');
          if (items.length) {
            dose.dayItems = items;
            dose.days = expandDays(items);
          }
          break;
        }
        case 'Cycles': {
          dose.cyclesSpan = span(modifier);
          if (modifier.from) {
            const from = positiveInteger(modifier.items[0]?.from, 'A cycle number');
            if (from !== undefined) dose.cycles = { from };
          } else {
            const items = dayItems(modifier.items, 'A cycle number');
            if (items.length) dose.cycles = { items };
          }
          break;
        }
        case 'Count':
        case 'Duration':
        case 'UpTo':
        case 'Until':
          ends.push(modifier);
          break;
        case 'Mode':
          dose.mode = enumValue(E.ADMINISTRATION_MODE, modifier.name);
          break;
        case 'Over': {
          if (!modifier.value || !modifier.unit || !isUsableNumber(modifier.value.value)) break; // the parser reported it
          if (!(modifier.value.value > 0)) {
            report('TPL108', `An infusion lasts a positive time, not '${modifier.value.text}'.`, modifier.value);
            break;
          }
          dose.infusionMinutes = modifier.value.value * INFUSION_UNITS[modifier.unit.text];
          dose.infusionSpan = span(modifier);
          break;
        }
        case 'Max':
        case 'Loading': {
          const limit = lowerAmount(modifier.amount);
          if (!limit) break;
          if (limit.form !== 'quantity') {
            report(
              'TPL101',
              `'${modifier.keyword.text}' takes a dose with its unit (${modifier.kind === 'Max' ? 'max 2 mg' : 'loading 8 mg/kg'}).`,
              modifier.amount ?? modifier,
            );
            break;
          }
          if (modifier.kind === 'Max') {
            dose.max = limit;
            dose.maxSpan = span(modifier);
          } else {
            dose.loading = limit;
            dose.loadingSpan = span(modifier);
          }
          break;
        }
        case 'Condition':
          dose.condition = lowerCondition(modifier);
          break;
      }
    }
    if (ends.length) {
      lowerCourseEnd(ends, dose, 'The number of administrations');
      const first = ends[0];
      const last = ends[ends.length - 1];
      dose.endSpan = { offset: first.offset, length: last.offset + last.length - first.offset };
    }
    return dose;
  }

  function frequencyValue(text: string): S.Dose['frequency'] {
    const meaning = frequencyMeaning(text);
    const frequency: Mutable<NonNullable<S.Dose['frequency']>> = { text };
    if (meaning?.perDay !== undefined) frequency.perDay = meaning.perDay;
    if (meaning?.intervalDays !== undefined) frequency.intervalDays = meaning.intervalDays;
    return frequency;
  }

  /** The valid items of a list of days or cycles; reversed, zero or overlong ranges are reported and left out. */
  function dayItems(items: readonly T.DayRange[], what: 'A day' | 'A cycle number'): z.infer<typeof S.DayItem>[] {
    const valid: z.infer<typeof S.DayItem>[] = [];
    for (const item of items) {
      const from = positiveInteger(item.from, what);
      const to = item.to ? positiveInteger(item.to, what) : from;
      if (from === undefined || to === undefined) continue;
      if (to < from) {
        report('TPL108', `The range ${from}-${to} ends before it starts; write ${to}-${from}.`, item);
        continue;
      }
      if (to > MAX_DAY) {
        report(
          'TPL108',
          what === 'A day'
            ? `Day ${to} is beyond ${MAX_DAY} days (ten years); for a continuous course write 'daily for N weeks'.`
            : `Cycle ${to} is beyond ${MAX_DAY} (ten years of daily cycles).`,
          item,
        );
        continue;
      }
      valid.push({ from, to, span: span(item) });
    }
    return valid;
  }

  function expandDays(items: readonly { from: number; to: number }[]): number[] {
    const days = new Set<number>();
    for (const { from, to } of items) for (let day = from; day <= to; day++) days.add(day);
    return [...days].sort((a, b) => a - b);
  }

  function lowerCycle(node: T.CycleNode): S.Cycle | undefined {
    // The doses are lowered even under a damaged header, so their own mistakes are reported.
    const doses: S.Dose[] = [];
    const choices: Mutable<S.Cycle>['choices'] = [];
    for (const item of node.body?.items ?? []) {
      if (item.kind === 'Dose') {
        const dose = lowerDose(item);
        if (dose) doses.push(dose);
        continue;
      }
      const options: S.Cycle['choices'][number]['options'] = [];
      for (const option of item.body?.items ?? []) {
        if (!option.label) continue; // the parser reported it
        const indices: number[] = [];
        for (const inner of option.body?.items ?? []) {
          if (inner.kind !== 'Dose') continue; // the parser reported anything else
          const dose = lowerDose(inner);
          if (!dose) continue;
          indices.push(doses.length);
          doses.push(dose);
        }
        options.push({ label: option.label.value, doses: indices, span: span(option) });
      }
      choices.push({ label: item.label?.value, options, span: span(item) });
    }
    const length = positiveInteger(node.cycleLength, 'A cycle length');
    if (length === undefined || !node.cycleLengthUnit) return undefined;
    const weeks = node.cycleLengthUnit.text.startsWith('week');
    const lengthDays = weeks ? length * 7 : length;
    if (lengthDays > MAX_DAY) {
      report('TPL108', `A cycle of ${lengthDays} days is beyond ${MAX_DAY} days (ten years).`, node.cycleLength!);
      return undefined;
    }
    const cycle: Mutable<S.Cycle> = {
      kind: 'cycle',
      lengthDays,
      lengthText: `${length} ${weeks ? 'weeks' : 'days'}`,
      doses,
      choices,
      span: span(node),
      headerSpan: headerSpan(node),
    };
    lowerCourseEnd(node.clauses, cycle, 'A cycle count');
    return cycle;
  }

  /** From `cycle` to the last word of the header (`cycle 21 days x 3`, `cycle 21 days until progression`). */
  function headerSpan(node: T.CycleNode): S.Span {
    const last = node.clauses[node.clauses.length - 1] ?? node.cycleLengthUnit ?? node.cycleLength ?? node.keyword;
    return { offset: node.offset, length: last.offset + last.length - node.offset };
  }

  function lowerStep(node: T.RegimenItem): S.Step | undefined {
    switch (node.kind) {
      case 'Cycle':
        return lowerCycle(node);
      case 'Surgery':
        return { kind: 'surgery', note: node.note?.value, span: span(node) };
      case 'Dose': {
        const dose = lowerDose(node);
        return dose && { kind: 'dose', dose };
      }
      case 'Choice': {
        const options: Extract<S.Step, { kind: 'choice' }>['options'] = [];
        for (const option of node.body?.items ?? []) {
          if (!option.label) continue; // the parser reported it
          options.push({ label: option.label.value, steps: lowerSteps(option.body?.items ?? []), span: span(option) });
        }
        return { kind: 'choice', label: node.label?.value, options, span: span(node) };
      }
    }
  }

  function lowerSteps(items: readonly T.RegimenItem[]): S.Step[] {
    const steps: S.Step[] = [];
    for (const item of items) {
      const step = lowerStep(item);
      if (step) steps.push(step);
    }
    return steps;
  }

  function lowerArm(node: T.ArmNode): S.Arm | undefined {
    if (!node.id || !node.label) return undefined;
    const arm: Mutable<S.Arm> = {
      id: node.id.text,
      label: node.label.value,
      type: enumValue(E.ARM_TYPE, node.armType),
      typeSpan: node.armType && span(node.armType),
      interventions: [],
      phases: [],
      span: span(node),
      idSpan: span(node.id),
    };
    let loose: Mutable<S.TreatmentPhase> | undefined;
    const seenFields = new Set<string>();
    for (const item of node.body?.items ?? []) {
      if (item.kind === 'Field') {
        if (seenFields.has(item.name.text) && item.name.text === 'description') {
          report('TPL103', `'description' is already given in this arm; it may appear once.`, item.name);
          continue;
        }
        seenFields.add(item.name.text);
        if (item.name.text === 'description' && isStr(item.args[0])) arm.description = item.args[0].value;
        if (item.name.text === 'uses') for (const arg of item.args) if (isName(arg)) uses.push(arg);
        continue;
      }
      if (item.kind === 'Phase') {
        loose = undefined;
        const phase: Mutable<S.TreatmentPhase> = { name: enumValue(E.PHASE_NAME, item.name), steps: lowerSteps(item.body?.items ?? []), span: span(item) };
        if (item.optional) phase.optional = true;
        if (item.label) phase.label = item.label.value;
        arm.phases.push(phase);
        continue;
      }
      const step = lowerStep(item);
      if (!step) continue;
      if (!loose) {
        loose = { steps: [], span: span(item) };
        arm.phases.push(loose);
      }
      loose.steps.push(step);
      loose.span = { offset: loose.span.offset, length: item.offset + item.length - loose.span.offset };
    }
    return arm;
  }

  function modifierDescription(kind: string): string {
    switch (kind) {
      case 'Route':
        return 'a route';
      case 'Frequency':
        return 'a frequency';
      case 'Days':
        return 'its days';
      case 'Duration':
        return "a course length ('for')";
      case 'UpTo':
        return "a cap ('up to')";
      case 'Until':
        return "an end ('until')";
      case 'Cycles':
        return 'its cycles';
      case 'Over':
        return "an infusion time ('over')";
      case 'Mode':
        return 'a way of giving (bolus, infusion, continuous)';
      case 'Max':
        return "a cap on each dose ('max')";
      case 'Loading':
        return "a loading dose ('loading')";
      case 'Condition':
        return "a condition ('if')";
      default:
        return "a count ('x')";
    }
  }

  // ---- eligibility ----------------------------------------------------------------------

  /** A limit's value with its unit, or its multiple of the ULN or LLN, normalised to the analyte's canonical unit where one is known. */
  function lowerLimit(
    analyteName: string,
    value: T.Num,
    multipleOf: T.Name | undefined,
    unit: T.UnitLit | undefined,
  ): Pick<Extract<S.Criterion, { kind: 'threshold' }>, 'value' | 'valueText' | 'valueSpan' | 'multipleOf' | 'unit' | 'unitSpan' | 'ucum' | 'normalized'> {
    const base = { value: value.value, valueText: value.text, valueSpan: span(value) };
    if (multipleOf) {
      return { ...base, multipleOf: multipleOf.text === 'LLN' ? 'LLN' : 'ULN', normalized: { value: value.value, unit: `x ${multipleOf.text}` } };
    }
    const analyte = findAnalyte(analyteName);
    if (!unit) {
      // A dimensionless analyte (INR) needs no unit; for others the value stays unnormalised.
      return analyte?.canonicalUnit === '1' ? { ...base, normalized: { value: value.value, unit: '1' } } : base;
    }
    const resolution = resolveUnit(unit.text);
    if (!resolution.ucum) {
      reportUnknownUnit(unit, value, resolution.suggestions);
      return { ...base, unit: unit.text, unitSpan: span(unit) };
    }
    const written = { unit: unit.text, unitSpan: span(unit), ucum: resolution.ucum };
    if (!analyte?.canonicalUnit) return { ...base, ...written, normalized: { value: value.value, unit: resolution.ucum } };
    const normalized = normalizeForAnalyte(value.value, resolution.ucum, analyte);
    if (!normalized) {
      report('TPL109', `${analyte.name} is not written in '${unit.text}'; write ${quotedList(acceptedUnits(analyte).map(friendlyUnit))}.`, unit);
      return { ...base, ...written };
    }
    return { ...base, ...written, normalized };
  }

  function lowerCondition(node: T.ConditionNode): S.Condition | undefined {
    if (node.text) return { kind: 'text', text: node.text.value, span: span(node) };
    if (!node.analyte || !node.op || !node.value || !isUsableNumber(node.value.value)) return undefined; // the parser reported it
    const { unitSpan: _unitSpan, valueSpan: _valueSpan, ...limit } = lowerLimit(node.analyte.text, node.value, node.multipleOf, node.unit);
    return { kind: 'limit', analyte: node.analyte.text, analyteSpan: span(node.analyte), comparator: node.op.text, ...limit, span: span(node) };
  }

  function lowerWindow(node: T.WindowNode | undefined): S.TimeWindow | undefined {
    if (!node?.value || !node.unit || !isUsableNumber(node.value.value)) return undefined; // the parser reported it
    if (!(node.value.value > 0)) {
      report('TPL108', `A time window lasts a positive time, not '${node.value.text}'.`, node.value);
      return undefined;
    }
    const relation = WINDOW_RELATIONS[node.relation[0].text].relation;
    let anchor: S.TimeWindow['anchor'] = { kind: 'moment', moment: 'enrollment' };
    if (node.anchor?.kind === 'Str') anchor = { kind: 'event', text: node.anchor.value };
    else if (node.anchor) {
      const moment = enumValue(E.WINDOW_ANCHOR, node.anchor);
      if (!moment) return undefined;
      anchor = { kind: 'moment', moment };
    }
    return {
      relation,
      value: node.value.value,
      unit: WINDOW_UNITS[node.unit.text].unit,
      direction: node.direction?.text === 'after' ? 'after' : 'before',
      anchor,
      span: span(node),
    };
  }

  function lowerCriterion(node: T.Criterion): S.Criterion | undefined {
    const note = node.note?.value;
    switch (node.kind) {
      case 'Text': {
        const window = lowerWindow(node.window);
        return { kind: 'text', text: node.text.value, ...(window ? { window } : {}), span: span(node) };
      }
      case 'Prior': {
        const window = lowerWindow(node.window);
        return {
          kind: 'prior',
          items: node.items.map((item) =>
            item.kind === 'Name' ? { name: item.text, isDrug: true, span: span(item) } : { name: item.value, isDrug: false, span: span(item) },
          ),
          ...(window ? { window } : {}),
          note,
          span: span(node),
        };
      }
      case 'Score':
        if ([node.from, node.to].some((end) => end?.kind === 'Num' && !isUsableNumber(end.value))) return undefined; // the parser reported it
        return {
          kind: 'score',
          analyte: node.analyte.text,
          analyteSpan: span(node.analyte),
          from: node.from.kind === 'Num' ? node.from.value : node.from.text,
          to: node.to === undefined ? undefined : node.to.kind === 'Num' ? node.to.value : node.to.text,
          valueSpan: { offset: node.from.offset, length: (node.to ?? node.from).offset + (node.to ?? node.from).length - node.from.offset },
          note,
          span: span(node),
        };
      case 'Group': {
        const mode = node.mode.text === 'all' ? 'all' : 'any';
        const criteria: S.Criterion[] = [];
        for (const child of node.body?.items ?? []) {
          const lowered = lowerCriterion(child);
          if (lowered) criteria.push(lowered);
        }
        return { kind: 'group', mode, label: node.label?.value, criteria, note, span: span(node) };
      }
      case 'Threshold':
        return lowerThreshold(node, note);
    }
  }

  function lowerThreshold(node: T.ThresholdCriterion, note: string | undefined): S.Criterion | undefined {
    if (!node.value || !isUsableNumber(node.value.value)) return undefined; // the parser reported it
    const criterion: Mutable<Extract<S.Criterion, { kind: 'threshold' }>> = {
      kind: 'threshold',
      analyte: node.analyte.text,
      analyteSpan: span(node.analyte),
      comparator: node.op.text,
      ...lowerLimit(node.analyte.text, node.value, node.multipleOf, node.unit),
      note,
      span: span(node),
    };
    if (node.condition) criterion.condition = lowerCondition(node.condition);
    const alternatives: S.AlternativeLimit[] = [];
    for (const alternative of node.alternatives) {
      if (!alternative.op || !alternative.value || !isUsableNumber(alternative.value.value) || !alternative.condition) continue; // the parser reported it
      const condition = lowerCondition(alternative.condition);
      if (!condition) continue;
      alternatives.push({
        comparator: alternative.op.text,
        ...lowerLimit(node.analyte.text, alternative.value, alternative.multipleOf, alternative.unit),
        condition,
        span: span(alternative),
      });
    }
    if (alternatives.length) criterion.alternatives = alternatives;
    const window = lowerWindow(node.window);
    if (window) criterion.window = window;
    return criterion;
  }

  function lowerEligibility(node: T.EligibilityNode): S.Eligibility {
    const eligibility: Mutable<S.Eligibility> = { inclusion: [], exclusion: [], span: span(node) };
    const seen = new Set<string>();
    for (const item of node.body?.items ?? []) {
      if (item.kind === 'CriterionStatement') {
        const criterion = item.criterion && lowerCriterion(item.criterion);
        if (criterion) (item.polarity.text === 'exclude' ? eligibility.exclusion : eligibility.inclusion).push(criterion);
        continue;
      }
      const keyword = item.kind === 'Age' ? item.keyword : item.name;
      if (seen.has(keyword.text)) {
        report('TPL103', `'${keyword.text}' is already given in this block; it may appear once.`, keyword);
        continue;
      }
      seen.add(keyword.text);
      if (item.kind === 'Age') {
        const unit = item.unit ? enumValue(E.AGE_UNIT, item.unit) : undefined;
        const minUnit = item.minUnit ? enumValue(E.AGE_UNIT, item.minUnit) : unit;
        if (!unit || !minUnit) continue;
        if ([item.min, item.max].some((limit) => limit && !isUsableNumber(limit.value))) continue; // the parser reported it
        eligibility.ageSpan = span(item);
        if (item.min) eligibility.minimumAge = { value: item.min.value, unit: minUnit, span: span(item.min) };
        if (item.max) eligibility.maximumAge = { value: item.max.value, unit, span: span(item.max) };
        continue;
      }
      const spec = FIELD_SPECS.eligibility[item.name.text];
      if (spec) readValue(item, spec, eligibility);
    }
    return eligibility;
  }

  function lowerOutcome(node: T.OutcomeNode): S.Outcome | undefined {
    if (!node.measure) return undefined;
    const outcome: Mutable<S.Outcome> = { kind: enumValue(E.OUTCOME_KIND, node.outcomeKind), measure: node.measure.value, span: span(node) };
    lowerFields(node.body, 'outcome', outcome);
    return outcome;
  }

  // ---- document -------------------------------------------------------------------------

  function lowerItem(item: T.TopItem): LoweredItem {
    findings = [];
    reported = new Set();
    uses = [];
    let value: LoweredItem['value'];
    switch (item.kind) {
      case 'Trial':
        value = lowerTrial(item);
        break;
      case 'Eligibility':
        value = lowerEligibility(item);
        break;
      case 'Drug':
        value = lowerDrug(item);
        break;
      case 'Intervention':
        value = lowerIntervention(item);
        break;
      case 'Arm':
        value = lowerArm(item);
        break;
      case 'Outcome':
        value = lowerOutcome(item);
        break;
    }
    return value ? { item, value, findings, uses } : { item, findings, uses };
  }

  // A loop, not a closure: `reuse` (the analysis before) stays out of the context the inner functions share.
  const items: LoweredItem[] = [];
  for (const item of tree.items) items.push(reuse?.(item) ?? lowerItem(item));
  const all: Finding[] = [];
  const protocol: Mutable<S.Protocol> = { drugs: [], interventions: [], arms: [], outcomes: [] };
  const armUses: { arm: Mutable<S.Arm>; names: readonly T.Name[] }[] = [];
  for (const lowered of items) {
    const { item, value } = lowered;
    // A second trial or eligibility block is reported and left out, the findings of its lowering too.
    const second =
      item.kind === 'Trial' && protocol.trial
        ? 'A file describes one trial: this second trial block is ignored.'
        : item.kind === 'Eligibility' && protocol.eligibility
          ? 'A file has one eligibility block: this second one is ignored.'
          : undefined;
    if (second) {
      all.push({ code: 'TPL107', message: second, offset: item.keyword.offset, length: item.keyword.length });
      continue;
    }
    for (const finding of lowered.findings) all.push(finding);
    if (!value) continue;
    switch (item.kind) {
      case 'Trial':
        protocol.trial = value as S.Trial;
        break;
      case 'Eligibility':
        protocol.eligibility = value as S.Eligibility;
        break;
      case 'Drug':
        protocol.drugs.push(value as S.DrugDecl);
        break;
      case 'Intervention':
        protocol.interventions.push(value as S.Intervention);
        break;
      case 'Arm': {
        // An arm lowered before is used again: its interventions are resolved afresh.
        const arm = value as Mutable<S.Arm>;
        arm.interventions = [];
        protocol.arms.push(arm);
        if (lowered.uses.length) armUses.push({ arm, names: lowered.uses });
        break;
      }
      case 'Outcome':
        protocol.outcomes.push(value as S.Outcome);
        break;
    }
  }

  const interventionIds = new Set(protocol.interventions.map((intervention) => intervention.id));
  for (const { arm, names } of armUses) {
    for (const name of names) {
      if (interventionIds.has(name.text)) {
        arm.interventions.push(name.text);
        continue;
      }
      const close = closestMatches(name.text, interventionIds, 1);
      all.push({
        code: 'TPL106',
        message: `No intervention '${name.text}' is declared${close.length ? `; did you mean '${close[0]}'?` : '.'}`,
        offset: name.offset,
        length: name.length,
      });
    }
  }

  return { protocol, findings: all, items };
}

/**
 * Checks a lowered protocol against the whole schema, mapping each zod issue to the span of the
 * element it names. Lowering validates every value where it reads it, so this finds nothing; it
 * runs in the tests (on every property-test document), not on every keystroke, where it would
 * cost more than the lowering itself.
 */
export function schemaFindings(protocol: S.Protocol): Finding[] {
  const result = S.Protocol.safeParse(protocol);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const where = spanAtPath(protocol, issue.path);
    return {
      code: 'TPL101' as const,
      message: `Internal model check: ${issue.message} at ${issue.path.join('.')}.`,
      offset: where.offset,
      length: where.length,
    };
  });
}

/** The span of the deepest element on `path` that has one: how zod issues map back to the source. */
export function spanAtPath(root: unknown, path: readonly PropertyKey[]): S.Span {
  let best: S.Span = { offset: 0, length: 0 };
  let current: unknown = root;
  for (const key of [undefined, ...path]) {
    if (key !== undefined) current = typeof current === 'object' && current !== null ? (current as Record<PropertyKey, unknown>)[key] : undefined;
    const candidate = typeof current === 'object' && current !== null ? (current as { span?: unknown }).span : undefined;
    if (typeof candidate === 'object' && candidate !== null && 'offset' in candidate) best = candidate as S.Span;
  }
  return best;
}
