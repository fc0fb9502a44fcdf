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

import { AGE_UNIT, AGENCY_CLASS, ARM_TYPE, INTERVENTION_TYPE, INVESTIGATOR_ROLE, PHASE, QUALIFIER, REFERENCE_TYPE, RESPONSIBLE_ROLE } from '../language/enums';
import { FIELD_SPECS, fieldValues, setValueAt, valueAt, type FieldContext, type FieldSpec } from '../language/fields';
import { findAnalyte } from '../knowledge/analytes';
import type * as S from '../model/schema';
import * as C from './ctgov-schema';
import { renderMarkdown } from './markdown';
import { doseLineParts } from '../model/print';
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

/** One criterion as a line of the registry's text: `platelets ≥ 90 x10^9/L`, `Prior PD1 antibody, lenvatinib`. */
export function criterionText(criterion: S.Criterion): string {
  const note = criterion.note ? ` (${oneLine(criterion.note)})` : '';
  switch (criterion.kind) {
    case 'text':
      return oneLine(criterion.text) + note;
    case 'threshold': {
      const value = criterion.multipleOf
        ? `${criterion.valueText} x ${criterion.multipleOf}`
        : criterion.unit
          ? `${criterion.valueText} ${criterion.unit}`
          : criterion.valueText;
      return `${analyteWords(criterion.analyte)} ${COMPARATOR_SIGNS[criterion.comparator] ?? criterion.comparator} ${value}${note}`;
    }
    case 'score': {
      const name = findAnalyte(criterion.analyte)?.name ?? analyteWords(criterion.analyte);
      return `${name} ${criterion.from}${criterion.to === undefined ? '' : `-${criterion.to}`}${note}`;
    }
    case 'prior':
      return `Prior ${criterion.items.map((item) => item.name).join(', ')}${note}`;
    case 'group':
      return criterion.label
        ? `${oneLine(criterion.label)} (${criterion.mode} of):${note}`
        : `${criterion.mode === 'any' ? 'Any' : 'All'} of the following:${note}`;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function criterionLines(criterion: S.Criterion, indent: string): string[] {
  const lines = [`${indent}* ${criterionText(criterion)}`];
  if (criterion.kind === 'group') for (const child of criterion.criteria) lines.push(...criterionLines(child, `${indent}  `));
  return lines;
}

/** The registry's eligibility text: `Inclusion Criteria:`, a blank line, a list; then the same for exclusion. */
export function eligibilityText(eligibility: S.Eligibility): string | undefined {
  const sections: string[] = [];
  if (eligibility.inclusion.length) sections.push(['Inclusion Criteria:', '', ...eligibility.inclusion.flatMap((c) => criterionLines(c, ''))].join('\n'));
  if (eligibility.exclusion.length) sections.push(['Exclusion Criteria:', '', ...eligibility.exclusion.flatMap((c) => criterionLines(c, ''))].join('\n'));
  return sections.length ? sections.join('\n\n') : undefined;
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
      const ends = [
        step.count !== undefined ? `x ${step.count}` : '',
        step.until?.length ? `until ${step.until.join(' or ')}` : '',
        step.upTo ? `up to ${step.upTo.value} ${step.upTo.unit}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `cycle of ${step.lengthText}${ends ? ` ${ends}` : ''} (${step.doses.map(doseText).join('; ')})`;
    }
    case 'dose':
      return doseText(step.dose);
    case 'surgery':
      return `surgery${step.note ? ` (${step.note})` : ''}`;
    case 'choice':
      return `one of${step.label ? ` (${step.label})` : ''}: ${step.options.map((option) => `${option.label}: ${option.steps.map(stepText).join('; ')}`).join(' | ')}`;
  }
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
      return phase.name ? `${phase.name[0].toUpperCase()}${phase.name.slice(1)}: ${steps}` : `${steps[0].toUpperCase()}${steps.slice(1)}`;
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
      trial.secondaryIds.map((id) => ({ id })),
    );
    if (trial.phase) setValueAt(section, 'designModule.phases', PHASE.entry(trial.phase)?.registry);
    if (trial.enrollment)
      setValueAt(section, 'designModule.enrollmentInfo', { count: trial.enrollment.count, type: QUALIFIER.toRegistry(trial.enrollment.qualifier) });
    const party = trial.responsibleParty;
    if (party)
      setValueAt(
        section,
        'sponsorCollaboratorsModule.responsibleParty',
        'role' in party ? { type: RESPONSIBLE_ROLE.toRegistry(party.role) } : { oldOrganization: party.name },
      );
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
    setValueAt(
      section,
      'contactsLocationsModule.locations',
      trial.sites.map((site) => {
        const location: Record<string, unknown> = { facility: site.facility };
        writeFields('site', site, location);
        return location;
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
      group.interventionNames = arm.interventions.flatMap((id) => {
        const intervention = interventionsById.get(id);
        return intervention ? [interventionLabel(intervention)] : [];
      });
      return group;
    }),
  );
  setValueAt(
    section,
    'armsInterventionsModule.interventions',
    protocol.interventions.map((intervention) => {
      const entry: Record<string, unknown> = { type: INTERVENTION_TYPE.toRegistry(intervention.type), name: intervention.name };
      writeFields('intervention', intervention, entry);
      entry.armGroupLabels = protocol.arms.filter((arm) => arm.interventions.includes(intervention.id)).map((arm) => arm.label);
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
