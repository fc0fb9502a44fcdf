/**
 * The trial's registry facts as rows of label and text, in the field table's order: what both
 * the HTML preview and the Markdown summary show in their facts table, so the two cannot drift.
 * Fields the table gives no label (the title, the summary and description, collaborators,
 * investigators, sites, references) have sections of their own in each renderer.
 */

import { AGENCY_CLASS, PHASE, RESPONSIBLE_ROLE, SECONDARY_ID_TYPE } from '../language/enums';
import { FIELD_SPECS, fieldValues, valueAt, type FieldSpec } from '../language/fields';
import type * as S from '../model/schema';
import type { WithoutSpans } from './summary';

/** One fact: a label and its text. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

type Trial = WithoutSpans<S.Trial> | S.Trial;

/** `2019-05-10 (actual)`. */
export function dateText(value: { date: string; qualifier?: string } | undefined): string | undefined {
  if (!value) return undefined;
  return value.qualifier ? `${value.date} (${value.qualifier})` : value.date;
}

/** An organisation with its agency class: `Merck Sharp & Dohme LLC (Industry)`. */
export function organizationText(organization: { name: string; class?: string }): string {
  return organization.class ? `${organization.name} (${AGENCY_CLASS.label(organization.class)})` : organization.name;
}

/** A field's value as text, by its kind; undefined when it has none. */
function valueText(spec: FieldSpec, object: object): string | undefined {
  const value = valueAt(object, spec.model);
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return undefined;
  const values = fieldValues(spec);
  switch (spec.value) {
    case 'text':
      return String(value);
    case 'texts':
      return (value as string[]).join('; ');
    case 'enum':
      return values?.label(String(value)) ?? String(value);
    case 'enumList':
      return (value as string[]).map((word) => values?.label(word) ?? word).join(', ');
    case 'date':
    case 'plainDate':
      return dateText(value as S.DateValue);
    case 'custom':
      return customText(spec.keyword, value);
  }
}

function customText(keyword: string, value: unknown): string | undefined {
  switch (keyword) {
    case 'phase':
      return PHASE.label(value as string);
    case 'enrollment': {
      const enrollment = value as NonNullable<S.Trial['enrollment']>;
      return `${enrollment.count}${enrollment.qualifier ? ` (${enrollment.qualifier})` : ''}`;
    }
    case 'design': {
      // One line: `allocation randomized, model parallel, masking none (open label), purpose treatment`.
      const parts = Object.values(FIELD_SPECS.design).flatMap((spec) => {
        const text = valueText(spec, value as object);
        return text === undefined ? [] : [`${spec.label ?? spec.keyword} ${text.toLowerCase()}`];
      });
      return parts.length ? parts.join(', ') : undefined;
    }
    case 'sponsor':
    case 'organization':
      return organizationText(value as NonNullable<S.Trial['sponsor']>);
    case 'secondary_id':
      return (value as S.Trial['secondaryIds'])
        .map((secondary) => (secondary.type ? `${secondary.id} (${SECONDARY_ID_TYPE.label(secondary.type)})` : secondary.id))
        .join('; ');
    case 'responsible_party': {
      const party = value as NonNullable<S.Trial['responsibleParty']>;
      const who = [party.investigator, party.title, party.affiliation].filter(Boolean).join(', ');
      const what = 'role' in party ? RESPONSIBLE_ROLE.label(party.role) : party.name;
      return who ? `${what}: ${who}` : what;
    }
    default:
      return undefined;
  }
}

/** The labelled facts of a trial that it states, in the field table's order. */
export function trialFacts(trial: Trial): Fact[] {
  const facts: Fact[] = [];
  for (const spec of Object.values(FIELD_SPECS.trial)) {
    if (!spec.label) continue;
    const value = valueText(spec, trial);
    if (value !== undefined && value !== '') facts.push({ label: spec.label, value });
  }
  return facts;
}

/** The labelled eligibility facts: age, sex, healthy volunteers. */
export function eligibilityFacts(eligibility: WithoutSpans<S.Eligibility> | S.Eligibility): Fact[] {
  const min = eligibility.minimumAge && `${eligibility.minimumAge.value} ${eligibility.minimumAge.unit}`;
  const max = eligibility.maximumAge && `${eligibility.maximumAge.value} ${eligibility.maximumAge.unit}`;
  const age = min && max ? `${min} to ${max}` : min ? `at least ${min}` : max ? `at most ${max}` : undefined;
  const facts: Fact[] = age ? [{ label: 'Age', value: age }] : [];
  for (const spec of Object.values(FIELD_SPECS.eligibility)) {
    const value = spec.label && valueText(spec, eligibility);
    if (spec.label && value) facts.push({ label: spec.label, value });
  }
  return facts;
}
