/**
 * Protocol -> ClinicalTrials.gov API v2 `protocolSection` (ctgov-schema.ts), for `trial export
 * --ctgov`. Enum words become the registry's enum values; the eligibility criteria become the
 * registry's text, `Inclusion Criteria:` and `Exclusion Criteria:` each with a Markdown list.
 *
 * What the record cannot hold is left out: doses and schedules (except as the description of an
 * arm that has none), drug declarations, identifiers of arms and interventions, MeSH terms and
 * countries (the registry derives both), and whether results are posted (`hasResults` sits
 * beside the protocolSection, not in it).
 *
 * Outcomes go to the list of their kind; an outcome without a kind goes to `otherOutcomes`,
 * because calling it primary or secondary would be a claim the source does not make. The
 * registry requires a primary outcome, which `trial check` reports (TPL255).
 */

import {
  AGE_UNIT,
  AGENCY_CLASS,
  ARM_TYPE,
  INTERVENTION_TYPE,
  INVESTIGATOR_ROLE,
  PHASE,
  QUALIFIER,
  REFERENCE_TYPE,
  RESPONSIBLE_ROLE,
  SECONDARY_ID_TYPE,
} from '../language/enums';
import { FIELD_SPECS, fieldValues, setValueAt, valueAt, type FieldContext, type FieldSpec } from '../language/fields';
import { findAnalyte } from '../knowledge/analytes';
import { criterionStatement } from '../model/print';
import type * as S from '../model/schema';
import { printStatement } from '../syntax/print';
import * as C from './ctgov-schema';
import { renderMarkdown } from './markdown';
import { clausesText, type ClauseWords } from './criterion-text';
import { doseLineParts, partText } from '../model/print';
import { cycleEntries } from '../model/walk';
import { leadMode, readEligibilityText, type Side } from './prose';
import { summarize } from './summary';

/** The registry's `Type: name` label of an intervention, as arms list theirs: `Drug: Neoadjuvant treatment`. */
export function interventionLabel(intervention: { type: string; name: string }): string {
  return `${INTERVENTION_TYPE.label(intervention.type)}: ${intervention.name}`;
}

const COMPARATOR_SIGNS: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤' };

/** A copy without undefined entries, empty lists and empty objects, at every depth; undefined when nothing is left. */
function pruned<T>(value: T): T | undefined {
  if (Array.isArray(value)) {
    const items = value.map(pruned).filter((item) => item !== undefined);
    return (items.length ? items : undefined) as T | undefined;
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).flatMap(([key, inner]) => {
    const kept = pruned(inner);
    return kept === undefined ? [] : [[key, kept] as const];
  });
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/** A field's value as the registry writes it, by the field table; undefined when the model has none. */
function registryValue(spec: FieldSpec, model: object): unknown {
  const value = valueAt(model, spec.model);
  if (value === undefined) return undefined;
  const values = fieldValues(spec);
  switch (spec.value) {
    case 'text':
    case 'texts':
      return value;
    case 'enum':
      return spec.registry?.form === 'boolean' ? value === 'yes' : values?.toRegistry(value as string);
    case 'enumList':
      return (value as string[]).map((word) => values?.toRegistry(word));
    case 'date':
    case 'plainDate': {
      const date = value as S.DateValue;
      if (spec.registry?.form !== 'struct') return date.date;
      return { date: date.date, type: QUALIFIER.toRegistry(date.qualifier) };
    }
    case 'custom':
      return undefined;
  }
}

/** Writes the fields of a block that the table maps to the registry into `target`, at their registry paths. */
function writeFields(context: FieldContext, model: object, target: Record<string, unknown>): void {
  for (const spec of Object.values(FIELD_SPECS[context])) {
    if (!spec.registry || spec.value === 'custom') continue;
    const value = registryValue(spec, model);
    if (value !== undefined) setValueAt(target, spec.registry.path, value);
  }
}

function contact(value: S.Trial['contacts'][number]): Record<string, unknown> {
  const written: Record<string, unknown> = { name: value.name };
  writeFields('contact', value, written);
  return written;
}

function organization(value: { name: string; class?: string }): { name: string; class?: string } {
  return { name: value.name, class: AGENCY_CLASS.toRegistry(value.class) };
}

/** `18 Years`: the registry's age, its unit singular for one. */
function age(limit: S.Eligibility['minimumAge']): string | undefined {
  if (!limit) return undefined;
  return `${limit.value} ${AGE_UNIT.toRegistry(limit.unit)}${limit.value === 1 ? '' : 's'}`;
}

// ---- eligibility text -----------------------------------------------------------------------

/**
 * An analyte identifier as words: `creatinine_clearance` -> `creatinine clearance`, `ca19_9` ->
 * `CA19-9`, `hbv_dna` -> `HBV DNA`. Short words and words with digits are abbreviations.
 */
function analyteWords(id: string): string {
  return id
    .replace(/(\d)_(?=\d)/g, '$1-')
    .split('_')
    .map((word) => (word.length <= 3 || /\d/.test(word) ? word.toUpperCase() : word))
    .join(' ');
}

/**
 * One criterion as a line of the registry's text: `platelets ≥ 90 x10^9/L`, `Prior PD1 antibody,
 * lenvatinib`. A group is its label with a colon, and says how its items combine ("…, any of the
 * following:") unless its label already says so, or the list it stands in (`mode`: all for
 * inclusion criteria, any for exclusion criteria, a group's own for its items) combines them so.
 */
/** A criterion's condition, alternatives and window in the registry's words: `if Creatinine > 1.5 x ULN`, `or ≤ 5 x ULN if liver metastases`. */
const REGISTRY_WORDS: ClauseWords = {
  analyte: (name) => analyteWords(name),
  comparator: (sign) => COMPARATOR_SIGNS[sign] ?? sign,
  quoted: (text) => oneLine(text),
  moment: (word) => word.replace(/_/g, ' '),
};

export function criterionText(criterion: S.Criterion, mode?: 'any' | 'all'): string {
  const note = criterion.note ? ` (${oneLine(criterion.note)})` : '';
  const clauses = clausesText(criterion, REGISTRY_WORDS);
  switch (criterion.kind) {
    case 'text':
      return oneLine(criterion.text) + clauses + note;
    case 'threshold': {
      const value = criterion.multipleOf
        ? `${criterion.valueText} x ${criterion.multipleOf}`
        : criterion.unit
          ? `${criterion.valueText} ${criterion.unit}`
          : criterion.valueText;
      return `${analyteWords(criterion.analyte)} ${COMPARATOR_SIGNS[criterion.comparator] ?? criterion.comparator} ${value}${clauses}${note}`;
    }
    case 'score': {
      const name = findAnalyte(criterion.analyte)?.name ?? analyteWords(criterion.analyte);
      return `${name} ${criterion.from}${criterion.to === undefined ? '' : `-${criterion.to}`}${note}`;
    }
    case 'prior':
      return `Prior ${criterion.items.map((item) => item.name).join(', ')}${clauses}${note}`;
    case 'group': {
      const label = criterion.label === undefined ? '' : oneLine(criterion.label).replace(/[\s:]+$/, '');
      if (!label) return `${criterion.mode === 'any' ? 'Any' : 'All'} of the following:${note}`;
      const understood = leadMode(label, mode ?? (criterion.mode === 'any' ? 'all' : 'any')) === criterion.mode;
      return understood ? `${label}:${note}` : `${label}, ${criterion.mode} of the following:${note}`;
    }
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** A criterion as the registry's Markdown list item, its group's items indented under it. */
function criterionLines(criterion: S.Criterion, indent: string, mode: 'any' | 'all'): string[] {
  const lines = [`${indent}* ${criterionText(criterion, mode)}`];
  if (criterion.kind === 'group') for (const child of criterion.criteria) lines.push(...criterionLines(child, `${indent}  `, criterion.mode));
  return lines;
}

const SIDES = [
  ['inclusion', 'Inclusion Criteria:', 'all'],
  ['exclusion', 'Exclusion Criteria:', 'any'],
] as const;

/** The criteria in the registry's usual layout: `Inclusion Criteria:`, a blank line, a bulleted list; then the same for exclusion. */
function registryLayout(eligibility: Pick<S.Eligibility, 'inclusion' | 'exclusion'>): string | undefined {
  const sections = SIDES.filter(([side]) => eligibility[side].length).map(([side, heading, mode]) =>
    [heading, '', ...eligibility[side].flatMap((criterion) => criterionLines(criterion, '', mode))].join('\n'),
  );
  return sections.length ? sections.join('\n\n') : undefined;
}

/** A criterion as the language prints it, without comments: two criteria are the same when this is. */
function criterionKey(criterion: S.Criterion): string {
  return printStatement(criterionStatement(criterion));
}

/**
 * The criteria text written back from the text they were imported from (`criteria_text`): the
 * record's own words for every criterion still as it was read from them, in place; a criterion
 * added or edited since in the registry's layout, after the unchanged criterion before it; a
 * criterion removed, without its words. Unchanged throughout, the text is the record's exactly.
 */
function writtenFromSource(eligibility: S.Eligibility, source: string): string {
  const reading = readEligibilityText(source);
  // Criteria read from one item share its words: the first segment holds them, the others are empty.
  interface Unit {
    readonly side: Side;
    readonly keys: string[];
    readonly text: string;
    /** Where its criteria start among the protocol's criteria of its side, when they are all still there in a row. */
    at?: number;
  }
  const units: Unit[] = [];
  const order: (Unit | string)[] = [];
  for (const segment of reading.segments) {
    if (!segment.criterion || !segment.side) order.push(segment.text);
    else if (segment.text === '' && units.length && units[units.length - 1].side === segment.side)
      units[units.length - 1].keys.push(criterionKey(segment.criterion));
    else {
      const unit: Unit = { side: segment.side, keys: [criterionKey(segment.criterion)], text: segment.text };
      units.push(unit);
      order.push(unit);
    }
  }
  const current = { inclusion: eligibility.inclusion.map(criterionKey), exclusion: eligibility.exclusion.map(criterionKey) };
  const claimed = { inclusion: current.inclusion.map(() => false), exclusion: current.exclusion.map(() => false) };
  for (const side of ['inclusion', 'exclusion'] as const) {
    let from = 0;
    for (const unit of units.filter((candidate) => candidate.side === side)) {
      for (let at = from; at + unit.keys.length <= current[side].length; at++) {
        if (unit.keys.every((key, i) => current[side][at + i] === key)) {
          unit.at = at;
          unit.keys.forEach((_, i) => (claimed[side][at + i] = true));
          from = at + unit.keys.length;
          break;
        }
      }
    }
  }
  if (units.every((unit) => unit.at !== undefined) && [...claimed.inclusion, ...claimed.exclusion].every(Boolean)) return source;

  // The criteria added or edited since, each placed after the last unchanged one before it on its side.
  const added = (side: Side, after: number | undefined, before: number) =>
    eligibility[side].flatMap((criterion, i) =>
      !claimed[side][i] && (after === undefined || i >= after) && i < before ? criterionLines(criterion, '', side === 'inclusion' ? 'all' : 'any') : [],
    );
  let out = '';
  const firstOfSide = new Map<Side, Unit>();
  for (const unit of units) if (!firstOfSide.has(unit.side)) firstOfSide.set(unit.side, unit);
  for (const piece of order) {
    if (typeof piece === 'string') {
      out += piece;
      continue;
    }
    const side = piece.side;
    const kept = units.filter((unit) => unit.side === side && unit.at !== undefined);
    if (firstOfSide.get(side) === piece) {
      const first = kept[0]?.at ?? eligibility[side].length;
      const lines = added(side, undefined, first);
      if (lines.length) out += `${lines.join('\n')}\n`;
    }
    if (piece.at === undefined) {
      // A removed criterion takes the line break before it along.
      if (out.endsWith('\n')) out = out.slice(0, -1);
      continue;
    }
    out += piece.text;
    const next = kept[kept.indexOf(piece) + 1]?.at ?? eligibility[side].length;
    const lines = added(side, piece.at + piece.keys.length, next);
    if (lines.length) out += `\n${lines.join('\n')}`;
  }
  for (const [side, heading, mode] of SIDES) {
    if (firstOfSide.has(side) || !eligibility[side].length) continue;
    out += `${out.endsWith('\n') ? '\n' : '\n\n'}${heading}\n\n${eligibility[side].flatMap((criterion) => criterionLines(criterion, '', mode)).join('\n')}`;
  }
  return out;
}

/**
 * The registry's eligibility text: the record's own words where the criteria were imported and
 * are unchanged (`criteria_text`), the registry's usual layout for criteria written in the
 * language.
 */
export function eligibilityText(eligibility: S.Eligibility): string | undefined {
  if (eligibility.criteriaText !== undefined) return writtenFromSource(eligibility, eligibility.criteriaText);
  return registryLayout(eligibility);
}

// ---- arms -----------------------------------------------------------------------------------

/** A dose line as the registry's description writes it, as the language writes it: `capecitabine 1250 mg/m2 bid days 1-14`. */
export function doseText(dose: S.Dose): string {
  const { drug, amount, rest } = doseLineParts(dose);
  return [drug, amount, rest].filter(Boolean).join(' ');
}

function stepText(step: S.Step): string {
  switch (step.kind) {
    case 'cycle': {
      const ends = partText.ends(step);
      // The doses of a choice are alternatives: written as one of its options, never as if each were given.
      const parts = cycleEntries(step).map((entry) =>
        entry.kind === 'dose'
          ? doseText(entry.dose)
          : choiceText(
              entry.label,
              entry.options.map((option) => ({ label: option.label, text: option.doses.map(doseText).join('; ') })),
            ),
      );
      return `cycle of ${step.lengthText}${ends ? ` ${ends}` : ''} (${parts.join('; ')})`;
    }
    case 'dose':
      return doseText(step.dose);
    case 'surgery':
      return `surgery${step.note ? ` (${step.note})` : ''}`;
    case 'choice':
      return choiceText(
        step.label,
        step.options.map((option) => ({ label: option.label, text: option.steps.map(stepText).join('; ') })),
      );
  }
}

/** Alternatives: `one of (Platinum): Cisplatin: cisplatin 75 mg/m2 IV day 1 | Carboplatin: carboplatin AUC 5 IV day 1`. */
function choiceText(label: string | undefined, options: readonly { label: string; text: string }[]): string {
  return `one of${label ? ` (${label})` : ''}: ${options.map((option) => `${option.label}: ${option.text}`).join(' | ')}`;
}

/**
 * The arm's dosing as text, one line per treatment phase: what the record's arm description
 * holds when the protocol gives the arm no description of its own.
 */
export function regimenText(arm: S.Arm): string | undefined {
  const lines = arm.phases
    .filter((phase) => phase.steps.length > 0)
    .map((phase) => {
      const steps = phase.steps.map(stepText).join('; ');
      // An optional phase is not given to everyone: the description says so, with the phase's label.
      const optional = phase.optional ? ` (optional${phase.label ? `: ${phase.label}` : ''})` : phase.label ? ` (${phase.label})` : '';
      const name = phase.name ? `${phase.name[0].toUpperCase()}${phase.name.slice(1)}` : phase.optional || phase.label ? 'Treatment' : undefined;
      return name ? `${name}${optional}: ${steps}` : `${steps[0].toUpperCase()}${steps.slice(1)}`;
    });
  return lines.length ? lines.join('\n') : undefined;
}

// ---- the record ------------------------------------------------------------------------------

/** The modules of a protocolSection in the registry's order, so the export reads like a record. */
const MODULE_ORDER = [
  'identificationModule',
  'statusModule',
  'sponsorCollaboratorsModule',
  'oversightModule',
  'descriptionModule',
  'conditionsModule',
  'designModule',
  'armsInterventionsModule',
  'outcomesModule',
  'eligibilityModule',
  'contactsLocationsModule',
  'referencesModule',
  'ipdSharingStatementModule',
] as const;

/** The protocolSection of the registry record the protocol describes. */
export function toCtgov(protocol: S.Protocol): C.ProtocolSection {
  const section: Record<string, unknown> = Object.fromEntries(MODULE_ORDER.map((name) => [name, {}]));
  const trial = protocol.trial;
  const eligibility = protocol.eligibility;
  const interventionsById = new Map(protocol.interventions.map((intervention) => [intervention.id, intervention]));

  if (trial) {
    setValueAt(section, 'identificationModule.nctId', trial.nctId);
    writeFields('trial', trial, section);
    writeFields('design', trial.design, section);
    setValueAt(
      section,
      'identificationModule.secondaryIdInfos',
      trial.secondaryIds.map((secondary) => {
        const info: Record<string, unknown> = { id: secondary.id, type: SECONDARY_ID_TYPE.toRegistry(secondary.type) };
        writeFields('secondary_id', secondary, info);
        return info;
      }),
    );
    if (trial.organization)
      setValueAt(section, 'identificationModule.organization', { fullName: trial.organization.name, class: AGENCY_CLASS.toRegistry(trial.organization.class) });
    if (trial.phase) setValueAt(section, 'designModule.phases', PHASE.entry(trial.phase)?.registry);
    if (trial.enrollment)
      setValueAt(section, 'designModule.enrollmentInfo', { count: trial.enrollment.count, type: QUALIFIER.toRegistry(trial.enrollment.qualifier) });
    const party = trial.responsibleParty;
    if (party) {
      const written: Record<string, unknown> =
        'role' in party ? { type: RESPONSIBLE_ROLE.toRegistry(party.role) } : { oldNameTitle: party.title, oldOrganization: party.name };
      writeFields('party', 'role' in party ? party : { ...party, title: undefined }, written);
      setValueAt(section, 'sponsorCollaboratorsModule.responsibleParty', written);
    }
    if (trial.sponsor) setValueAt(section, 'sponsorCollaboratorsModule.leadSponsor', organization(trial.sponsor));
    setValueAt(section, 'sponsorCollaboratorsModule.collaborators', trial.collaborators.map(organization));
    setValueAt(
      section,
      'contactsLocationsModule.overallOfficials',
      trial.investigators.map((investigator) => ({
        name: investigator.name,
        affiliation: investigator.affiliation,
        role: INVESTIGATOR_ROLE.toRegistry(investigator.role),
      })),
    );
    setValueAt(section, 'contactsLocationsModule.centralContacts', trial.contacts.map(contact));
    setValueAt(
      section,
      'contactsLocationsModule.locations',
      trial.sites.map((site) => {
        const location: Record<string, unknown> = { facility: site.facility };
        writeFields('site', site, location);
        location.contacts = site.contacts.map(contact);
        return location;
      }),
    );
    setValueAt(
      section,
      'referencesModule.seeAlsoLinks',
      trial.links.map((link) => ({ label: link.label, url: link.url })),
    );
    setValueAt(
      section,
      'referencesModule.availIpds',
      trial.ipdDocuments.map((document) => {
        const entry: Record<string, unknown> = { type: document.type };
        writeFields('ipd_document', document, entry);
        return entry;
      }),
    );
    setValueAt(
      section,
      'referencesModule.references',
      trial.references.map((reference) => ({
        pmid: reference.pmid === undefined ? undefined : String(reference.pmid),
        type: REFERENCE_TYPE.toRegistry(reference.type),
        citation: reference.citation,
      })),
    );
  }

  setValueAt(
    section,
    'armsInterventionsModule.armGroups',
    protocol.arms.map((arm) => {
      const group: Record<string, unknown> = { label: arm.label, type: ARM_TYPE.toRegistry(arm.type) };
      writeFields('arm', arm, group);
      group.description ??= regimenText(arm);
      // Two interventions may share a name; the arm lists the name once.
      group.interventionNames = [
        ...new Set(
          arm.interventions.flatMap((id) => {
            const intervention = interventionsById.get(id);
            return intervention ? [interventionLabel(intervention)] : [];
          }),
        ),
      ];
      return group;
    }),
  );
  setValueAt(
    section,
    'armsInterventionsModule.interventions',
    protocol.interventions.map((intervention) => {
      const entry: Record<string, unknown> = { type: INTERVENTION_TYPE.toRegistry(intervention.type), name: intervention.name };
      writeFields('intervention', intervention, entry);
      // In code-unit order, as the registry lists them (every list of the 120 records of ../shared/ctgov-corpus is so ordered).
      entry.armGroupLabels = protocol.arms
        .filter((arm) => arm.interventions.includes(intervention.id))
        .map((arm) => arm.label)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return entry;
    }),
  );

  // An outcome without a kind goes to otherOutcomes: calling it primary or secondary would be a claim the source does not make.
  for (const [kind, list] of [
    ['primary', 'primaryOutcomes'],
    ['secondary', 'secondaryOutcomes'],
    ['other', 'otherOutcomes'],
  ] as const) {
    setValueAt(
      section,
      `outcomesModule.${list}`,
      protocol.outcomes
        .filter((outcome) => (outcome.kind ?? 'other') === kind)
        .map((outcome) => {
          const entry: Record<string, unknown> = { measure: outcome.measure };
          writeFields('outcome', outcome, entry);
          return entry;
        }),
    );
  }

  if (eligibility) {
    setValueAt(section, 'eligibilityModule.eligibilityCriteria', eligibilityText(eligibility));
    writeFields('eligibility', eligibility, section);
    setValueAt(section, 'eligibilityModule.minimumAge', age(eligibility.minimumAge));
    setValueAt(section, 'eligibilityModule.maximumAge', age(eligibility.maximumAge));
  }
  return (pruned(section) ?? {}) as C.ProtocolSection;
}

/** The Markdown export: the readable summary, as `trial summary` prints it. */
export function toMarkdownExport(protocol: S.Protocol): string {
  return renderMarkdown(summarize(protocol));
}
