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

import type { z } from 'zod';
import { findAnalyte } from '../knowledge/analytes';
import type * as S from '../model/schema';
import * as C from './ctgov-schema';
import { compactDays, renderMarkdown } from './markdown';
import { summarize, writtenAmount } from './summary';

/** The registry's label of each intervention type, as in `Drug: Neoadjuvant treatment`. */
export const INTERVENTION_TYPE_LABELS: Readonly<Record<S.Intervention['type'], string>> = {
  drug: 'Drug',
  biological: 'Biological',
  procedure: 'Procedure',
  radiation: 'Radiation',
  device: 'Device',
  behavioral: 'Behavioral',
  dietary_supplement: 'Dietary Supplement',
  genetic: 'Genetic',
  combination_product: 'Combination Product',
  diagnostic_test: 'Diagnostic Test',
  other: 'Other',
};

/** The registry's phases of each phase word: a phase 2/3 study is in two phases. */
export const PHASES: Readonly<Record<z.infer<typeof S.Phase>, z.infer<typeof C.CtPhase>[]>> = {
  early_1: ['EARLY_PHASE1'],
  '1': ['PHASE1'],
  '1/2': ['PHASE1', 'PHASE2'],
  '2': ['PHASE2'],
  '2/3': ['PHASE2', 'PHASE3'],
  '3': ['PHASE3'],
  '4': ['PHASE4'],
  na: ['NA'],
};

/** The registry's spelling of an age unit, singular for one. */
const AGE_UNITS: Readonly<Record<z.infer<typeof S.AgeUnit>, string>> = { years: 'Year', months: 'Month', weeks: 'Week', days: 'Day' };

const COMPARATOR_SIGNS: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤' };

/** A model enum word as the registry's enum value (`active_not_recruiting` -> `ACTIVE_NOT_RECRUITING`), if it has one. */
function registryValue<T extends string>(schema: z.ZodType<T>, word: string | undefined): T | undefined {
  if (word === undefined) return undefined;
  const parsed = schema.safeParse(word.toUpperCase());
  return parsed.success ? parsed.data : undefined;
}

/** The object without its undefined entries and empty lists; undefined when nothing is left. */
function present<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined && !(Array.isArray(inner) && inner.length === 0));
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

function dateStruct(value: S.DateValue | undefined): z.infer<typeof C.CtDateStruct> | undefined {
  if (!value) return undefined;
  const type = registryValue(C.CtDateType, value.qualifier);
  return type ? { date: value.date, type } : { date: value.date };
}

function organization(value: { name: string; class?: string }): z.infer<typeof C.CtOrganization> {
  const agencyClass = registryValue(C.CtAgencyClass, value.class);
  return agencyClass ? { name: value.name, class: agencyClass } : { name: value.name };
}

function age(limit: S.Eligibility['minimumAge']): string | undefined {
  if (!limit) return undefined;
  return `${limit.value} ${AGE_UNITS[limit.unit]}${limit.value === 1 ? '' : 's'}`;
}

function yesNo(value: 'yes' | 'no' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'yes';
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

/** A dose line as the language writes it: `capecitabine 1250 mg/m2 bid days 1-14`. */
export function doseText(dose: S.Dose): string {
  const parts = [dose.drug, writtenAmount(dose.amount)];
  if (dose.route) parts.push(dose.route);
  if (dose.frequency) parts.push(dose.frequency.text);
  if (dose.days?.length) parts.push(`${dose.days.length === 1 ? 'day' : 'days'} ${compactDays(dose.days)}`);
  if (dose.duration) parts.push(`for ${dose.duration.value} ${dose.duration.unit}`);
  if (dose.count) parts.push(`x ${dose.count}`);
  for (const note of dose.notes) parts.push(`(${note})`);
  return parts.join(' ');
}

function stepText(step: S.Step): string {
  switch (step.kind) {
    case 'cycle':
      return `cycle of ${step.lengthText}${step.count ? ` x ${step.count}` : ''} (${step.doses.map(doseText).join('; ')})`;
    case 'dose':
      return doseText(step.dose);
    case 'surgery':
      return `surgery${step.note ? ` (${step.note})` : ''}`;
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

/** The protocolSection of the registry record the protocol describes. */
export function toCtgov(protocol: S.Protocol): C.ProtocolSection {
  const trial = protocol.trial;
  const eligibility = protocol.eligibility;
  const interventionsById = new Map(protocol.interventions.map((intervention) => [intervention.id, intervention]));

  const outcomes = (kind: S.Outcome['kind']) =>
    protocol.outcomes
      .filter((outcome) => (outcome.kind ?? 'other') === kind)
      .map((outcome) => present({ measure: outcome.measure, description: outcome.description, timeFrame: outcome.timeFrame })!);

  const section: C.ProtocolSection = {
    identificationModule: trial
      ? present({
          nctId: trial.nctId,
          orgStudyIdInfo: trial.orgStudyId === undefined ? undefined : { id: trial.orgStudyId },
          secondaryIdInfos: trial.secondaryIds.map((id) => ({ id })),
          briefTitle: trial.title,
          officialTitle: trial.officialTitle,
          acronym: trial.acronym,
        })
      : undefined,
    statusModule: trial
      ? present({
          statusVerifiedDate: trial.lastVerified?.date,
          overallStatus: registryValue(C.CtStatus, trial.status),
          startDateStruct: dateStruct(trial.start),
          primaryCompletionDateStruct: dateStruct(trial.primaryCompletion),
          completionDateStruct: dateStruct(trial.completion),
          studyFirstSubmitDate: trial.firstSubmitted?.date,
          studyFirstPostDateStruct: dateStruct(trial.firstPosted),
          lastUpdatePostDateStruct: dateStruct(trial.lastUpdate),
        })
      : undefined,
    sponsorCollaboratorsModule: trial
      ? present({
          responsibleParty: trial.responsibleParty
            ? 'role' in trial.responsibleParty
              ? { type: registryValue(C.CtResponsiblePartyType, trial.responsibleParty.role) }
              : { oldOrganization: trial.responsibleParty.name }
            : undefined,
          leadSponsor: trial.sponsor && organization(trial.sponsor),
          collaborators: trial.collaborators.map(organization),
        })
      : undefined,
    oversightModule: trial ? present({ isFdaRegulatedDrug: yesNo(trial.fdaRegulatedDrug), isFdaRegulatedDevice: yesNo(trial.fdaRegulatedDevice) }) : undefined,
    descriptionModule: trial ? present({ briefSummary: trial.summary, detailedDescription: trial.description }) : undefined,
    conditionsModule: trial ? present({ conditions: trial.conditions, keywords: trial.keywords }) : undefined,
    designModule: trial
      ? present({
          studyType: registryValue(C.CtStudyType, trial.type),
          phases: trial.phase && PHASES[trial.phase],
          designInfo: present({
            allocation: registryValue(C.CtAllocation, trial.design.allocation),
            interventionModel: registryValue(C.CtInterventionModel, trial.design.model),
            primaryPurpose: registryValue(C.CtPrimaryPurpose, trial.design.purpose),
            maskingInfo: present({
              masking: registryValue(C.CtMasking, trial.design.masking),
              whoMasked: trial.design.whoMasked?.flatMap((role) => registryValue(C.CtWhoMasked, role) ?? []),
            }),
          }),
          enrollmentInfo: trial.enrollment && present({ count: trial.enrollment.count, type: registryValue(C.CtEnrollmentType, trial.enrollment.qualifier) }),
        })
      : undefined,
    armsInterventionsModule: present({
      armGroups: protocol.arms.map((arm) =>
        present({
          label: arm.label,
          type: registryValue(C.CtArmGroupType, arm.type),
          description: arm.description ?? regimenText(arm),
          interventionNames: arm.interventions.flatMap((id) => {
            const intervention = interventionsById.get(id);
            return intervention ? [`${INTERVENTION_TYPE_LABELS[intervention.type]}: ${intervention.name}`] : [];
          }),
        })!,
      ),
      interventions: protocol.interventions.map((intervention) =>
        present({
          type: registryValue(C.CtInterventionType, intervention.type)!,
          name: intervention.name,
          description: intervention.description,
          armGroupLabels: protocol.arms.filter((arm) => arm.interventions.includes(intervention.id)).map((arm) => arm.label),
          otherNames: intervention.otherNames,
        })!,
      ),
    }),
    outcomesModule: present({ primaryOutcomes: outcomes('primary'), secondaryOutcomes: outcomes('secondary'), otherOutcomes: outcomes('other') }),
    eligibilityModule: eligibility
      ? present({
          eligibilityCriteria: eligibilityText(eligibility),
          healthyVolunteers: yesNo(eligibility.healthyVolunteers),
          sex: registryValue(C.CtSex, eligibility.sex),
          minimumAge: age(eligibility.minimumAge),
          maximumAge: age(eligibility.maximumAge),
        })
      : undefined,
    contactsLocationsModule: trial
      ? present({
          overallOfficials: trial.investigators.map((investigator) =>
            present({ name: investigator.name, affiliation: investigator.affiliation, role: registryValue(C.CtOfficialRole, investigator.role) })!,
          ),
          locations: trial.sites.map((site) =>
            present({
              facility: site.facility,
              status: registryValue(C.CtRecruitmentStatus, site.status),
              city: site.city,
              state: site.state,
              zip: site.zip,
              country: site.country,
            })!,
          ),
        })
      : undefined,
    referencesModule: trial
      ? present({
          references: trial.references.map((reference) =>
            present({
              pmid: reference.pmid === undefined ? undefined : String(reference.pmid),
              type: registryValue(C.CtReferenceType, reference.type),
              citation: reference.citation,
            })!,
          ),
        })
      : undefined,
    ipdSharingStatementModule: trial ? present({ ipdSharing: registryValue(C.CtIpdSharing, trial.ipdSharing) }) : undefined,
  };
  return present(section) ?? {};
}

/** The Markdown export: the readable summary, as `trial summary` prints it. */
export function toMarkdownExport(protocol: S.Protocol): string {
  return renderMarkdown(summarize(protocol));
}
