/**
 * Protocol -> CDISC USDM v4.0.0 (`trial export --usdm`): a `Wrapper` holding one `Study` with one
 * `StudyVersion` and one study design, valid against CDISC's API schema (`Wrapper-Input`) and the
 * UML's cardinalities. docs/usdm.md gives the mapping field by field.
 *
 * USDM asks for more than a protocol of the language states. Where it requires a value the
 * protocol does not give (a rationale, an observational time perspective, whether a condition is
 * rare), the export writes "not stated" and says so in a `notStated` extension attribute on the
 * object. Codes come only from usdm-terms.ts; a term with no CDISC code is written in the
 * language's own code system with a `noCdiscCode` extension attribute on the code. Facts USDM has
 * no attribute for (dates, status, sites, the regimen as written, computable thresholds) go to
 * extension attributes, so nothing is lost. Where a CORE conformance rule cannot be met from what
 * the protocol says (no primary outcome, no sponsor), a `conformance` extension attribute on the
 * study names the rule and the reason.
 *
 * Ids are `Class_N`, numbered per class in the order the export builds them, so the same protocol
 * always gives the same document; the study's id is a UUID (the API requires one) derived from its
 * NCT number, sponsor's id or title.
 */

import { createHash } from 'node:crypto';
import { findDrug } from '../knowledge';
import { partText } from '../model/print';
import type * as S from '../model/schema';
import { dosesOf } from '../model/walk';
import { criterionText, doseText, regimenText } from './ctgov';
import { compactDays } from './markdown';
import { escapeHtml } from './page';
import { doseImplication } from './summary';
import { countText, scheduleOf } from '../model/schedule';
import { STOP_REASON } from '../language/enums';
import { administrationsOf, type ArmAdministration } from './usdm-schedule';
import {
  CDISC_CODE_SYSTEM,
  CDISC_CODE_SYSTEM_VERSION,
  CODELIST_NAMES,
  LANGUAGE_CODE_SYSTEM,
  LANGUAGE_VERSION,
  UCUM_CODE_SYSTEM,
  UCUM_CODE_SYSTEM_VERSION,
  cdiscTerm,
  type CdiscTerm,
  type Codelist,
} from './usdm-terms';

/** A USDM object as the export writes it: its id, its attributes, its class. */
export interface UsdmNode {
  readonly id: string;
  readonly instanceType: string;
  readonly [attribute: string]: unknown;
}

/** The document: USDM's `Wrapper`. */
export interface UsdmWrapper {
  readonly study: UsdmNode;
  readonly usdmVersion: '4.0.0';
  readonly systemName: string;
  readonly systemVersion: string;
}

/** The prefix of every extension attribute's `url`; docs/usdm.md lists the names after it. */
export const EXTENSION_URL = 'urn:trial-protocol-language:usdm:';

/** What the export writes where USDM requires text the protocol does not state. */
export const NOT_STATED = 'Not stated in the protocol';

// ---- building objects -----------------------------------------------------------------------

/** Numbers ids per class, so they are unique in the document and stable for one protocol. */
interface Ids {
  next(instanceType: string): string;
}

function createIds(): Ids {
  const counts = new Map<string, number>();
  return {
    next(instanceType) {
      const n = (counts.get(instanceType) ?? 0) + 1;
      counts.set(instanceType, n);
      return `${instanceType}_${n}`;
    },
  };
}

/** The lists the API schema requires even when empty; every other empty list is left out. */
const REQUIRED_LISTS = new Set(['studyIdentifiers', 'titles', 'arms', 'studyCells', 'epochs', 'eligibilityCriteria', 'elementIds', 'conditionAssignments']);

/** The attributes without the undefined ones and the empty optional lists. */
function present(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes).filter(([key, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0 && !REQUIRED_LISTS.has(key))),
  );
}

/** An object of a class with the given attributes. */
function node(ids: Ids, instanceType: string, attributes: Record<string, unknown>): UsdmNode {
  return { id: ids.next(instanceType), ...present(attributes), instanceType } as UsdmNode;
}

type ExtensionValue =
  | { readonly string: string }
  | { readonly integer: number }
  | { readonly boolean: boolean }
  | { readonly id: string }
  | { readonly quantity: UsdmNode }
  | { readonly children: readonly UsdmNode[] };

/** An extension attribute `EXTENSION_URL + name` holding one value, or other extension attributes. */
function ext(ids: Ids, name: string, value: ExtensionValue): UsdmNode {
  return node(ids, 'ExtensionAttribute', {
    url: EXTENSION_URL + name,
    valueString: 'string' in value ? value.string : undefined,
    valueInteger: 'integer' in value ? value.integer : undefined,
    valueBoolean: 'boolean' in value ? value.boolean : undefined,
    valueId: 'id' in value ? value.id : undefined,
    valueQuantity: 'quantity' in value ? value.quantity : undefined,
    extensionAttributes: 'children' in value ? value.children : undefined,
  });
}

/** The extension attributes for the given named strings that are present. */
function extStrings(ids: Ids, entries: Record<string, string | undefined>): UsdmNode[] {
  return Object.entries(entries).flatMap(([name, text]) => (text === undefined ? [] : [ext(ids, name, { string: text })]));
}

/** The extension attribute saying which required attribute the protocol does not state. */
function notStated(ids: Ids, attribute: string, what: string): UsdmNode {
  return ext(ids, 'notStated', { string: `${attribute}: the protocol does not state ${what}; USDM requires a value` });
}

function cdiscCode(ids: Ids, term: CdiscTerm): UsdmNode {
  return node(ids, 'Code', { code: term.code, codeSystem: CDISC_CODE_SYSTEM, codeSystemVersion: CDISC_CODE_SYSTEM_VERSION, decode: term.decode });
}

/** A word of the language as a code: CDISC's where usdm-terms.ts has one, else the language's own, saying it has no CDISC code. */
function coded(ids: Ids, list: Codelist, word: string, decode: string): UsdmNode {
  const term = cdiscTerm(list, word);
  if (term) return cdiscCode(ids, term);
  return node(ids, 'Code', {
    code: word,
    codeSystem: LANGUAGE_CODE_SYSTEM,
    codeSystemVersion: LANGUAGE_VERSION,
    decode,
    extensionAttributes: [ext(ids, 'noCdiscCode', { string: `The USDM CT files and CDISC's example give no code for '${word}' in ${CODELIST_NAMES[list]}` })],
  });
}

/** A required code the protocol gives no word for. */
function unstatedCode(ids: Ids, list: Codelist, what: string): UsdmNode {
  return node(ids, 'Code', {
    code: 'not_stated',
    codeSystem: LANGUAGE_CODE_SYSTEM,
    codeSystemVersion: LANGUAGE_VERSION,
    decode: NOT_STATED,
    extensionAttributes: [notStated(ids, CODELIST_NAMES[list], what)],
  });
}

function aliasCode(ids: Ids, standardCode: UsdmNode, aliases: UsdmNode[] = []): UsdmNode {
  return node(ids, 'AliasCode', { standardCode, standardCodeAliases: aliases });
}

/** A unit: CDISC's code with the UCUM code as its alias where the sources code it, else the UCUM code. */
function unitCode(ids: Ids, ucum: string | undefined, written: string): UsdmNode {
  const term = ucum === undefined ? undefined : cdiscTerm('Quantity.unit', ucum);
  if (ucum === undefined) return aliasCode(ids, coded(ids, 'Quantity.unit', written, written));
  // The decode is the UCUM code too, so that one code has one decode (rule DDF00035) however the unit was written.
  const ucumCode = (extensionAttributes: UsdmNode[]) =>
    node(ids, 'Code', { code: ucum, codeSystem: UCUM_CODE_SYSTEM, codeSystemVersion: UCUM_CODE_SYSTEM_VERSION, decode: ucum, extensionAttributes });
  if (term) return aliasCode(ids, cdiscCode(ids, term), [ucumCode([])]);
  return aliasCode(
    ids,
    ucumCode([
      ext(ids, 'noCdiscCode', { string: `The USDM CT files and CDISC's example give no code for the unit '${ucum}' in ${CODELIST_NAMES['Quantity.unit']}` }),
    ]),
  );
}

function quantity(ids: Ids, value: number, unit?: { ucum?: string; written: string }, extensionAttributes: UsdmNode[] = []): UsdmNode {
  return node(ids, 'Quantity', { value, unit: unit && unitCode(ids, unit.ucum, unit.written), extensionAttributes });
}

function comment(ids: Ids, text: string): UsdmNode {
  return node(ids, 'CommentAnnotation', { text });
}

/** `neoadjuvant` -> `Neoadjuvant`. */
function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Gives each name once: a repeated one gets ` 2`, ` 3`… (USDM wants the names of siblings unique, rule DDF00010). */
function createNames(): (name: string) => string {
  const used = new Set<string>();
  // The next number to try for each name, so a thousand lines of one name cost a thousand steps, not half a million.
  const nextNumber = new Map<string, number>();
  return (name) => {
    let unique = name;
    let n = nextNumber.get(name) ?? 2;
    while (used.has(unique)) unique = `${name} ${n++}`;
    nextNumber.set(name, n);
    used.add(unique);
    return unique;
  };
}

/** A name-based (version 5) UUID, so one protocol always gets the same study id. */
function uuidFor(name: string): string {
  // The URL namespace of RFC 9562.
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- words of the model and their decodes ---------------------------------------------------

const PHASE_DECODES: Readonly<Record<NonNullable<S.Trial['phase']>, string>> = {
  early_1: 'Early Phase 1',
  '1': 'Phase 1',
  '1/2': 'Phase 1/Phase 2',
  '2': 'Phase 2',
  '2/3': 'Phase 2/Phase 3',
  '3': 'Phase 3',
  '4': 'Phase 4',
  na: 'Not Applicable',
};

const ROUTE_DECODES: Readonly<Record<NonNullable<S.Dose['route']>, string>> = {
  IV: 'Intravenous',
  PO: 'Oral',
  SC: 'Subcutaneous',
  IM: 'Intramuscular',
  IT: 'Intrathecal',
  IP: 'Intraperitoneal',
  TOP: 'Topical',
  INH: 'Inhalation',
  SL: 'Sublingual',
  PR: 'Rectal',
};

const FREQUENCY_DECODES: Readonly<Record<string, string>> = {
  once: 'Once',
  daily: 'Daily',
  bid: 'Twice daily',
  tid: 'Three times daily',
  qid: 'Four times daily',
  weekly: 'Weekly',
};

function frequencyDecode(text: string): string {
  const match = /^q(\d+)([dw])$/.exec(text);
  if (match) return `Every ${match[1]} ${match[2] === 'w' ? 'weeks' : 'days'}`;
  return FREQUENCY_DECODES[text] ?? text;
}

const AGENCY_DECODES: Readonly<Record<NonNullable<S.Trial['sponsor']>['class'] & string, string>> = {
  nih: 'NIH',
  fed: 'U.S. federal agency',
  other_gov: 'Other government agency',
  indiv: 'Individual',
  industry: 'Industry',
  network: 'Network',
  ambig: 'Ambiguous',
  other: 'Other',
  unknown: 'Unknown',
};

const INVESTIGATOR_DECODES: Readonly<Record<S.Trial['investigators'][number]['role'], string>> = {
  principal_investigator: 'Principal Investigator',
  study_chair: 'Study Chair',
  study_director: 'Study Director',
  sub_investigator: 'Sub-Investigator',
};

const MASKED_DECODES: Readonly<Record<string, string>> = {
  participant: 'Participant',
  care_provider: 'Care Provider',
  investigator: 'Investigator',
  outcomes_assessor: 'Outcomes Assessor',
};

const MODEL_DECODES: Readonly<Record<string, string>> = {
  single_group: 'Single Group',
  parallel: 'Parallel',
  crossover: 'Crossover',
  factorial: 'Factorial',
  sequential: 'Sequential',
};

const MASKING_DECODES: Readonly<Record<string, string>> = {
  none: 'None (Open Label)',
  single: 'Single',
  double: 'Double',
  triple: 'Triple',
  quadruple: 'Quadruple',
};

const ARM_TYPE_DECODES: Readonly<Record<NonNullable<S.Arm['type']>, string>> = {
  experimental: 'Experimental',
  active_comparator: 'Active Comparator',
  placebo_comparator: 'Placebo Comparator',
  sham_comparator: 'Sham Comparator',
  no_intervention: 'No Intervention',
  other: 'Other',
};

type AgeLimit = NonNullable<S.Eligibility['minimumAge']>;

const AGE_UNITS: Readonly<Record<AgeLimit['unit'], { ucum: string; written: string }>> = {
  years: { ucum: 'a', written: 'years' },
  months: { ucum: 'mo', written: 'months' },
  weeks: { ucum: 'wk', written: 'weeks' },
  days: { ucum: 'd', written: 'days' },
};

/** A word as a decode: `supportive_care` -> `Supportive Care`, `ect` stays as the language explains it. */
function wordDecode(word: string): string {
  if (word === 'ect') return 'Educational/Counseling/Training';
  return word.split('_').map(capitalized).join(' ');
}

// ---- arms and epochs ------------------------------------------------------------------------

/** A stretch of an arm that falls in one epoch: a named phase, or a run of unnamed steps (treatment, or surgery). */
interface Segment {
  /** The epoch it belongs to, by kind: `neoadjuvant`, `surgery`, `treatment`…, `#2` on a repeat. */
  readonly key: string;
  readonly phaseName?: S.TreatmentPhase['name'];
  readonly steps: S.Step[];
}

function segmentsOf(arm: S.Arm): Segment[] {
  const segments: { kind: string; phaseName?: S.TreatmentPhase['name']; steps: S.Step[] }[] = [];
  for (const phase of arm.phases) {
    if (phase.name) {
      segments.push({ kind: phase.name, phaseName: phase.name, steps: phase.steps });
      continue;
    }
    for (const step of phase.steps) {
      const kind = step.kind === 'surgery' ? 'surgery' : 'treatment';
      const last = segments[segments.length - 1];
      if (last && last.kind === kind && !last.phaseName) last.steps.push(step);
      else segments.push({ kind, steps: [step] });
    }
  }
  // A phase-less arm still runs through one treatment epoch.
  if (segments.length === 0) segments.push({ kind: 'treatment', steps: [] });
  const seen = new Map<string, number>();
  return segments.map((segment) => {
    const n = (seen.get(segment.kind) ?? 0) + 1;
    seen.set(segment.kind, n);
    return { key: n === 1 ? segment.kind : `${segment.kind}#${n}`, phaseName: segment.phaseName, steps: segment.steps };
  });
}

/**
 * Merges an arm's epoch keys into the design's order, keeping the order of both (a shortest
 * common supersequence through their longest common subsequence); returns the merged order and,
 * for each of the arm's keys, the entry it took or added.
 */
function mergeEpochs<T extends { key: string }>(order: readonly T[], keys: readonly string[], make: (key: string) => T): { merged: T[]; matched: T[] } {
  const n = order.length;
  const m = keys.length;
  const common: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i][j] = order[i].key === keys[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const merged: T[] = [];
  const matched: T[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && order[i].key === keys[j]) {
      merged.push(order[i]);
      matched.push(order[i]);
      i++;
      j++;
    } else if (j === m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
      merged.push(order[i++]);
    } else {
      const added = make(keys[j++]);
      merged.push(added);
      matched.push(added);
    }
  }
  return { merged, matched };
}

// ---- the export -----------------------------------------------------------------------------

/** The USDM v4.0.0 document of a protocol. */
export function exportUsdm(protocol: S.Protocol): UsdmWrapper {
  const ids = createIds();
  const trial = protocol.trial;
  const conformance: UsdmNode[] = [];
  const unmet = (rule: string, reason: string) => conformance.push(ext(ids, 'conformance', { string: `${rule}: ${reason}` }));

  const studyName = trial?.nctId ?? trial?.orgStudyId ?? trial?.acronym ?? trial?.title ?? 'Untitled protocol';
  const versionId = ids.next('StudyVersion');
  const designType = trial?.type === 'observational' ? 'ObservationalStudyDesign' : 'InterventionalStudyDesign';
  const designId = ids.next(designType);

  // -- organizations, identifiers and roles
  const organizations: UsdmNode[] = [];
  const organizationNamed = new Map<string, UsdmNode>();
  const registry = trial?.nctId
    ? node(ids, 'Organization', {
        name: 'ClinicalTrials.gov',
        // As CDISC's example identifies the registry.
        identifier: 'CT-GOV',
        identifierScheme: 'USGOV',
        type: coded(ids, 'Organization.type', 'registry', 'Clinical Study Registry'),
      })
    : undefined;
  if (registry) organizations.push(registry);
  const organization = (entry: { name: string; class?: S.Trial['collaborators'][number]['class'] }, role: 'sponsor' | 'collaborator') => {
    const known = organizationNamed.get(entry.name);
    if (known) return known;
    const created = node(ids, 'Organization', {
      name: entry.name,
      identifier: entry.name,
      identifierScheme: 'Organization name',
      type: entry.class
        ? coded(ids, 'Organization.type', entry.class, AGENCY_DECODES[entry.class])
        : unstatedCode(ids, 'Organization.type', "the organization's class"),
      extensionAttributes: [
        ext(ids, 'role', { string: role }),
        notStated(ids, 'identifier', 'an identifier of the organization (DUNS or another scheme): its name stands for it'),
      ],
    });
    organizations.push(created);
    organizationNamed.set(entry.name, created);
    return created;
  };
  const sponsor = trial?.sponsor && organization(trial.sponsor, 'sponsor');
  for (const collaborator of trial?.collaborators ?? []) organization(collaborator, 'collaborator');

  const identifiers: UsdmNode[] = [];
  if (registry && trial?.nctId) identifiers.push(node(ids, 'StudyIdentifier', { text: trial.nctId, scopeId: registry.id }));
  if (trial?.orgStudyId !== undefined && sponsor) identifiers.push(node(ids, 'StudyIdentifier', { text: trial.orgStudyId, scopeId: sponsor.id }));
  if (identifiers.length === 0) unmet('UML StudyVersion.studyIdentifiers 1..*', 'the protocol gives no NCT number and no sponsor to scope its own id');
  if (!sponsor) {
    unmet('DDF00201', 'the protocol names no sponsor, so there is no sponsor study role');
    unmet('DDF00172', "the protocol names no sponsor to scope the sponsor's study identifier");
  } else if (trial?.orgStudyId === undefined) {
    unmet('DDF00172', "the protocol gives no org_study_id, the sponsor's own identifier of the study");
  }

  const roles: UsdmNode[] = [];
  if (sponsor)
    roles.push(
      node(ids, 'StudyRole', {
        name: 'Sponsor',
        code: coded(ids, 'StudyRole.code', 'sponsor', 'Sponsor'),
        organizationIds: [sponsor.id],
        appliesToIds: [versionId],
      }),
    );
  const personName = createNames();
  for (const role of ['principal_investigator', 'study_chair', 'study_director'] as const) {
    const people = trial?.investigators.filter((investigator) => investigator.role === role) ?? [];
    if (!people.length) continue;
    roles.push(
      node(ids, 'StudyRole', {
        name: INVESTIGATOR_DECODES[role],
        code: coded(ids, 'StudyRole.code', role, INVESTIGATOR_DECODES[role]),
        appliesToIds: [versionId],
        assignedPersons: people.map((person) => {
          const affiliation = person.affiliation === undefined ? undefined : organizationNamed.get(person.affiliation);
          return node(ids, 'AssignedPerson', {
            name: personName(person.name),
            personName: node(ids, 'PersonName', { text: person.name }),
            jobTitle: INVESTIGATOR_DECODES[role],
            organizationId: affiliation?.id,
            extensionAttributes: affiliation ? [] : extStrings(ids, { affiliation: person.affiliation }),
          });
        }),
      }),
    );
  }
  for (const role of trial?.design.whoMasked ?? []) {
    roles.push(
      node(ids, 'StudyRole', {
        name: `${MASKED_DECODES[role]} (masked)`,
        code: coded(ids, 'StudyRole.code', role, MASKED_DECODES[role]),
        appliesToIds: [designId],
        masking: node(ids, 'Masking', { text: `The ${MASKED_DECODES[role].toLowerCase()} is masked`, isMasked: true }),
      }),
    );
  }

  // -- titles
  const titles: UsdmNode[] = [];
  const title = (text: string | undefined, type: 'brief' | 'official' | 'acronym', decode: string) => {
    if (text !== undefined) titles.push(node(ids, 'StudyTitle', { text, type: coded(ids, 'StudyTitle.type', type, decode) }));
  };
  title(trial?.title, 'brief', 'Brief Study Title');
  title(trial?.officialTitle, 'official', 'Official Study Title');
  title(trial?.acronym, 'acronym', 'Study Acronym');
  if (trial?.officialTitle === undefined) unmet('DDF00115', 'the protocol gives no official title');
  if (titles.length === 0) {
    titles.push(
      node(ids, 'StudyTitle', {
        text: studyName,
        type: coded(ids, 'StudyTitle.type', 'brief', 'Brief Study Title'),
        extensionAttributes: [notStated(ids, 'titles', 'a title; the study name stands for it')],
      }),
    );
  }

  // -- study interventions: one per drug the arms dose, merged with the registry intervention of the same identifier
  const drugsById = new Map(protocol.drugs.map((drug) => [drug.id, drug]));
  const interventionsById = new Map(protocol.interventions.map((intervention) => [intervention.id, intervention]));
  const doses = [...dosesOf(protocol)];
  const interventionIds: string[] = [];
  const addId = (id: string) => {
    if (!interventionIds.includes(id)) interventionIds.push(id);
  };
  for (const drug of protocol.drugs) addId(drug.id);
  for (const { dose } of doses) addId(dose.drug);
  for (const intervention of protocol.interventions) addId(intervention.id);

  /** The arm types that give an intervention: by dose line for drugs, by `uses` for registry interventions. */
  const armTypesOf = (id: string) => {
    const arms = protocol.arms.filter((arm) => arm.interventions.includes(id) || doses.some((at) => at.arm === arm && at.dose.drug === id));
    return [...new Set(arms.map((arm) => arm.type))];
  };

  const products = new Map<string, UsdmNode>();
  const productFor = (drugId: string) => {
    let product = products.get(drugId);
    if (!product) {
      const declared = drugsById.get(drugId);
      product = node(ids, 'AdministrableProduct', {
        name: drugId,
        label: declared?.label,
        administrableDoseForm: aliasCode(ids, unstatedCode(ids, 'AdministrableProduct.administrableDoseForm', 'the dose form')),
        productDesignation: unstatedCode(ids, 'AdministrableProduct.productDesignation', 'whether the product is investigational (IMP) or not (NIMP)'),
        extensionAttributes: extStrings(ids, { pharmacologicClass: declared?.class ?? findDrug(drugId)?.class }),
      });
      products.set(drugId, product);
    }
    return product;
  };

  const administrationOf = new Map<S.Dose, UsdmNode>();
  const studyInterventions = interventionIds.map((id) => {
    const drug = drugsById.get(id);
    const registered = interventionsById.get(id);
    const lines = doses.filter((at) => at.dose.drug === id);
    const isDrug = drug !== undefined || lines.length > 0;
    const armTypes = armTypesOf(id);
    const role = armTypes.length === 1 && (armTypes[0] === 'experimental' || armTypes[0] === 'active_comparator') ? armTypes[0] : undefined;
    const administrationName = createNames();
    const administrations = lines.map((at) => {
      const administration = administrationNode(ids, protocol, at, administrationName, productFor, drugsById.get(at.dose.drug), unmet);
      administrationOf.set(at.dose, administration);
      return administration;
    });
    const type = registered?.type ?? 'drug';
    return node(ids, 'StudyIntervention', {
      name: id,
      label: drug?.label ?? registered?.name,
      description: registered?.description,
      role: role
        ? coded(ids, 'StudyIntervention.role', role, role === 'experimental' ? 'Experimental Intervention' : 'Active Comparator')
        : unstatedCode(
            ids,
            'StudyIntervention.role',
            armTypes.length > 1
              ? `the intervention's role (arms of several types give it: ${armTypes.map((t) => t ?? 'untyped').join(', ')})`
              : "the intervention's role",
          ),
      type: coded(ids, 'StudyIntervention.type', type, wordDecode(type)),
      administrations,
      notes: drug?.note === undefined ? [] : [comment(ids, drug.note)],
      extensionAttributes: [
        ...extStrings(ids, {
          otherNames: [...(drug?.aka ?? []), ...(registered?.otherNames ?? [])].join('; ') || undefined,
          drugClass: drug?.class,
          declaredRoute: drug?.route,
          registryIntervention: registered && `${wordDecode(registered.type)}: ${registered.name}`,
        }),
        ...(isDrug ? [] : [ext(ids, 'registryOnly', { string: 'a registry intervention: the arms give no dose line of it' })]),
      ],
    });
  });
  const studyInterventionOf = new Map(interventionIds.map((id, index) => [id, studyInterventions[index]]));

  // -- epochs, arms, elements and cells
  const armSegments = protocol.arms.map((arm) => ({ arm, segments: segmentsOf(arm) }));
  interface EpochEntry {
    readonly key: string;
  }
  let order: EpochEntry[] = [{ key: 'screening' }];
  const epochOfSegment = new Map<Segment, EpochEntry>();
  for (const { segments } of armSegments) {
    const { merged, matched } = mergeEpochs(
      order,
      segments.map((segment) => segment.key),
      (key) => ({ key }),
    );
    order = merged;
    segments.forEach((segment, index) => epochOfSegment.set(segment, matched[index]));
  }
  const epochName = createNames();
  const epochIds = order.map(() => ids.next('StudyEpoch'));
  const epochs = order.map((entry, index) => {
    const kind = entry.key.replace(/#\d+$/, '');
    return {
      entry,
      node: withId(epochIds[index], {
        name: epochName(capitalized(kind)),
        description: kind === 'screening' ? 'Participants are screened against the eligibility criteria' : undefined,
        type: coded(ids, 'StudyEpoch.type', kind === 'screening' ? 'screening' : 'treatment', kind === 'screening' ? 'Screening Epoch' : 'Treatment Epoch'),
        previousId: epochIds[index - 1],
        nextId: epochIds[index + 1],
        instanceType: 'StudyEpoch',
      }),
    };
  });
  const epochNodeOf = new Map(epochs.map((epoch) => [epoch.entry, epoch.node]));

  const arms: UsdmNode[] = [];
  const elements: UsdmNode[] = [];
  const cells: UsdmNode[] = [];
  const elementName = createNames();
  const screeningElement = node(ids, 'StudyElement', { name: elementName('Screening'), description: 'Screening against the eligibility criteria' });
  elements.push(screeningElement);
  let idleElement: UsdmNode | undefined;
  const armName = createNames();
  const armList = armSegments.length
    ? armSegments
    : // USDM needs an arm; a protocol without one has all its participants in one group.
      [{ arm: undefined, segments: [] as Segment[] }];
  for (const { arm, segments } of armList) {
    const armNode = node(ids, 'StudyArm', {
      name: armName(arm?.id ?? 'all_participants'),
      label: arm?.label ?? 'All participants',
      description: arm?.description,
      type: arm?.type ? coded(ids, 'StudyArm.type', arm.type, ARM_TYPE_DECODES[arm.type]) : unstatedCode(ids, 'StudyArm.type', "the arm's type"),
      dataOriginType: coded(ids, 'StudyArm.dataOriginType', 'within_study', 'Data Generated Within Study'),
      dataOriginDescription: 'Data collected from the participants of this study',
      extensionAttributes: arm
        ? [
            ...extStrings(ids, { regimen: regimenText(arm) }),
            ...arm.interventions.flatMap((id) => {
              const intervention = studyInterventionOf.get(id);
              return intervention ? [ext(ids, 'uses', { id: intervention.id })] : [];
            }),
          ]
        : [ext(ids, 'implicitArm', { string: 'the protocol defines no arm; USDM requires one, so this arm stands for every participant' })],
    });
    arms.push(armNode);
    const dosesByArm = arm ? doses.filter((at) => at.arm === arm) : [];
    for (const epoch of epochs) {
      let element: UsdmNode;
      if (epoch.entry.key === 'screening') element = screeningElement;
      else {
        const segment = segments.find((candidate) => epochOfSegment.get(candidate) === epoch.entry);
        if (segment && arm) {
          const drugs = [
            ...new Set(segment.steps.flatMap((step) => (step.kind === 'cycle' ? step.doses.map((d) => d.drug) : step.kind === 'dose' ? [step.dose.drug] : []))),
          ];
          // An arm that doses nothing is given its registry interventions in its treatment epoch.
          const given = dosesByArm.length === 0 ? arm.interventions : drugs;
          element = node(ids, 'StudyElement', {
            name: elementName(`${arm.label}, ${(epoch.node.name as string).toLowerCase()}`),
            description: regimenText({ ...arm, phases: [{ name: segment.phaseName, steps: segment.steps, span: arm.span }] }),
            studyInterventionIds: given.flatMap((id) => studyInterventionOf.get(id)?.id ?? []),
          });
          elements.push(element);
        } else if (!arm) {
          element = node(ids, 'StudyElement', { name: elementName('Participation'), description: 'The study as every participant takes part in it' });
          elements.push(element);
        } else {
          if (!idleElement) {
            idleElement = node(ids, 'StudyElement', { name: elementName('No intervention in this epoch'), description: 'The arm gives nothing in this epoch' });
            elements.push(idleElement);
          }
          element = idleElement;
        }
      }
      cells.push(node(ids, 'StudyCell', { armId: armNode.id, epochId: epoch.node.id, elementIds: [element.id] }));
    }
  }

  // -- schedules
  const activities: UsdmNode[] = [];
  const activityName = createNames();
  const timelines: UsdmNode[] = [];
  const armEntries: { arm: UsdmNode; label: string; timeline: UsdmNode; epochId: string }[] = [];
  armSegments.forEach(({ arm, segments }, index) => {
    const epochIdOf = (segment: Segment) => epochNodeOf.get(epochOfSegment.get(segment)!)!.id;
    const timeline = armTimeline(ids, protocol, arm, segments, epochIdOf, administrationOf, activities, activityName);
    timelines.push(timeline);
    armEntries.push({ arm: arms[index], label: arm.label, timeline, epochId: epochIdOf(segments[0]) });
  });
  timelines.unshift(mainTimeline(ids, armEntries, epochs[0].node.id));

  // -- population and eligibility
  const eligibility = protocol.eligibility;
  const items: UsdmNode[] = [];
  const criteria: UsdmNode[] = [];
  const ordered = [
    ...(eligibility?.inclusion ?? []).map((criterion, index) => ({ criterion, index, polarity: 'include' as const })),
    ...(eligibility?.exclusion ?? []).map((criterion, index) => ({ criterion, index, polarity: 'exclude' as const })),
  ];
  const criterionIds = ordered.map(() => ids.next('EligibilityCriterion'));
  ordered.forEach(({ criterion, index, polarity }, position) => {
    const label = `${polarity === 'include' ? 'Inclusion' : 'Exclusion'} ${index + 1}`;
    const item = node(ids, 'EligibilityCriterionItem', {
      name: label,
      text: criterionHtml(criterion),
      extensionAttributes: [criterionExtension(ids, criterion)],
    });
    items.push(item);
    criteria.push(
      withId(criterionIds[position], {
        name: label,
        identifier: `${polarity === 'include' ? 'I' : 'E'}${index + 1}`,
        category: coded(ids, 'EligibilityCriterion.category', polarity, polarity === 'include' ? 'Inclusion Criteria' : 'Exclusion Criteria'),
        criterionItemId: item.id,
        previousId: criterionIds[position - 1],
        nextId: criterionIds[position + 1],
        instanceType: 'EligibilityCriterion',
      }),
    );
  });
  if (criteria.length === 0) unmet('UML StudyDesign.eligibilityCriteria 1..*', 'the protocol states no eligibility criterion');
  const population = populationNode(ids, protocol, criteria);

  // -- objectives and endpoints
  const objectives: UsdmNode[] = [];
  const endpointName = createNames();
  for (const [kind, decode] of [
    ['primary', 'Primary'],
    ['secondary', 'Secondary'],
    ['other', 'Exploratory'],
  ] as const) {
    const outcomes = protocol.outcomes.filter((outcome) => outcome.kind === kind);
    if (!outcomes.length) continue;
    objectives.push(
      node(ids, 'Objective', {
        name: `${decode} objective`,
        text: NOT_STATED,
        level: coded(ids, 'Objective.level', kind, `${decode} Objective`),
        endpoints: outcomes.map((outcome) =>
          node(ids, 'Endpoint', {
            name: endpointName(outcome.measure),
            text: `<p>${escapeHtml(outcome.measure)}</p>`,
            description: outcome.description,
            purpose: NOT_STATED,
            level: coded(ids, 'Endpoint.level', kind, `${decode} Endpoint`),
            extensionAttributes: [
              ...extStrings(ids, {
                timeFrame: outcome.timeFrame,
                outcomeKind: kind === 'other' ? 'other (the registry\u2019s other pre-specified outcome)' : undefined,
              }),
              notStated(ids, 'purpose', "the endpoint's purpose"),
            ],
          }),
        ),
        extensionAttributes: [notStated(ids, 'text', 'objectives as such: this objective groups the outcomes of its level')],
      }),
    );
  }
  if (!protocol.outcomes.some((outcome) => outcome.kind === 'primary')) {
    unmet('DDF00084', 'the protocol states no primary outcome, so there is no primary objective');
    unmet('DDF00041', 'the protocol states no primary outcome, so there is no primary endpoint');
  }

  // -- the design
  const design = trial?.design;
  const interventional = designType === 'InterventionalStudyDesign';
  const designNode = withId(designId, {
    name: 'Study design',
    description: trial?.description,
    rationale: NOT_STATED,
    studyType: trial?.type ? coded(ids, 'StudyDesign.studyType', trial.type, wordDecode(trial.type)) : undefined,
    studyPhase: trial?.phase ? aliasCode(ids, coded(ids, 'StudyDesign.studyPhase', trial.phase, PHASE_DECODES[trial.phase])) : undefined,
    characteristics: design?.allocation === 'randomized' ? [coded(ids, 'StudyDesign.characteristics', 'randomized', 'Randomized')] : [],
    encounters: [],
    activities,
    arms,
    studyCells: cells,
    epochs: epochs.map((epoch) => epoch.node),
    elements,
    indications: (trial?.conditions ?? [])
      .filter((condition, index, all) => all.indexOf(condition) === index)
      .map((condition) =>
        node(ids, 'Indication', {
          name: condition,
          isRareDisease: false,
          extensionAttributes: [notStated(ids, 'isRareDisease', 'whether the condition is rare: false is written')],
        }),
      ),
    studyInterventionIds: studyInterventions.map((intervention) => intervention.id),
    objectives,
    population,
    scheduleTimelines: timelines,
    eligibilityCriteria: criteria,
    model: interventional
      ? design?.model
        ? coded(ids, 'InterventionalStudyDesign.model', design.model, MODEL_DECODES[design.model])
        : unstatedCode(ids, 'InterventionalStudyDesign.model', 'the intervention model')
      : unstatedCode(ids, 'ObservationalStudyDesign.model', 'the observational model (the language has no word for it)'),
    intentTypes: interventional && design?.purpose ? [coded(ids, 'InterventionalStudyDesign.intentTypes', design.purpose, wordDecode(design.purpose))] : [],
    blindingSchema:
      interventional && design?.masking
        ? aliasCode(ids, coded(ids, 'InterventionalStudyDesign.blindingSchema', design.masking, MASKING_DECODES[design.masking]))
        : undefined,
    timePerspective: interventional
      ? undefined
      : unstatedCode(ids, 'ObservationalStudyDesign.timePerspective', 'the time perspective (the language has no word for it)'),
    extensionAttributes: [
      ...extStrings(ids, {
        studyType:
          trial?.type === undefined ? 'not stated: written as an interventional design' : trial.type === 'expanded_access' ? 'expanded access' : undefined,
        allocation: design?.allocation,
        primaryPurpose: interventional ? undefined : design?.purpose,
      }),
      ...protocol.outcomes
        .filter((outcome) => outcome.kind === undefined)
        .map((outcome) =>
          ext(ids, 'outcomeWithoutKind', {
            children: extStrings(ids, { measure: outcome.measure, timeFrame: outcome.timeFrame, description: outcome.description }),
          }),
        ),
    ],
    instanceType: designType,
  });

  // -- the version and the study
  const version = withId(versionId, {
    versionIdentifier: trial?.lastUpdate?.date ?? '1',
    rationale: NOT_STATED,
    studyIdentifiers: identifiers,
    titles,
    studyDesigns: [designNode],
    eligibilityCriterionItems: items,
    roles,
    organizations,
    studyInterventions,
    administrableProducts: [...products.values()],
    extensionAttributes: [
      notStated(ids, 'rationale', "the version's rationale"),
      ...(trial?.lastUpdate ? [] : [notStated(ids, 'versionIdentifier', 'a version: 1 is written')]),
      ...registryExtensions(ids, trial, sponsor !== undefined),
    ],
    instanceType: 'StudyVersion',
  });

  const study: UsdmNode = {
    id: uuidFor(`trial:${trial?.nctId ?? trial?.orgStudyId ?? trial?.title ?? studyName}`),
    name: studyName,
    ...(trial?.acronym !== undefined ? { label: trial.acronym } : {}),
    ...(trial?.summary !== undefined ? { description: trial.summary } : {}),
    versions: [version],
    ...(conformance.length ? { extensionAttributes: conformance } : {}),
    instanceType: 'Study',
  };
  return { study, usdmVersion: '4.0.0', systemName: LANGUAGE_CODE_SYSTEM, systemVersion: LANGUAGE_VERSION };
}

// ---- administrations ------------------------------------------------------------------------

/** The frequency a line implies when it writes none: once per cycle, the days of each cycle, or once. */
function impliedFrequency(dose: S.Dose, cycle: S.Cycle | undefined): { text: string; decode: string } | undefined {
  if (cycle && dose.days?.length === 1) {
    const text = cycle.lengthDays % 7 === 0 ? `q${cycle.lengthDays / 7}w` : `q${cycle.lengthDays}d`;
    return { text, decode: frequencyDecode(text) };
  }
  if (cycle && dose.days?.length) {
    const days = compactDays(dose.days);
    return { text: `days ${days} of each ${cycle.lengthText} cycle`, decode: `On days ${days} of each ${cycle.lengthText} cycle` };
  }
  if (!cycle && (dose.count === 1 || dose.days?.length === 1)) return { text: 'once', decode: 'Once' };
  if (!cycle && dose.days?.length) return { text: `days ${compactDays(dose.days)}`, decode: `On days ${compactDays(dose.days)}` };
  return undefined;
}

/** The dose lines a step holds: a cycle's, a line's own, every option's of a choice. */
function stepDoses(step: S.Step): S.Dose[] {
  switch (step.kind) {
    case 'cycle':
      return step.doses;
    case 'dose':
      return [step.dose];
    case 'choice':
      return step.options.flatMap((option) => option.steps.flatMap(stepDoses));
    case 'surgery':
      return [];
  }
}

/** How long a line is given for, in days where the line says. */
function durationOf(
  protocol: S.Protocol,
  dose: S.Dose,
  cycle: S.Cycle | undefined,
): { text: string; days?: number; value?: { value: number; unit: string; ucum: string } } | undefined {
  if (cycle) {
    const cycles = scheduleOf(protocol).cycleOf(cycle)?.cycles ?? { kind: 'unknown' };
    if (cycles.kind === 'exact')
      return { text: `${cycles.value} cycles of ${cycle.lengthText}`, value: { value: cycles.value * cycle.lengthDays, unit: 'days', ucum: 'd' } };
    if (cycles.kind === 'unknown') return { text: `cycles of ${cycle.lengthText}, their number not stated` };
    const until = cycle.until?.length ? ` until ${cycle.until.map((reason) => STOP_REASON.label(reason)).join(' or ')}` : '';
    return { text: `${countText(cycles)} cycles of ${cycle.lengthText}${until}` };
  }
  if (dose.duration) {
    const ucum = { days: 'd', weeks: 'wk', months: 'mo', years: 'a', cycles: undefined, doses: undefined }[dose.duration.unit];
    return {
      text: `${dose.duration.value} ${dose.duration.unit}`,
      value: ucum ? { value: dose.duration.value, unit: dose.duration.unit, ucum } : undefined,
    };
  }
  const interval = dose.frequency?.intervalDays;
  if (dose.count && interval)
    return {
      text: `${dose.count} administrations, ${frequencyDecode(dose.frequency!.text).toLowerCase()}`,
      value: { value: dose.count * interval, unit: 'days', ucum: 'd' },
    };
  if (dose.count === 1 || dose.frequency?.text === 'once') return { text: 'a single administration' };
  if (dose.days?.length) return { text: `days ${compactDays(dose.days)}`, value: { value: dose.days[dose.days.length - 1], unit: 'days', ucum: 'd' } };
  return undefined;
}

function administrationNode(
  ids: Ids,
  protocol: S.Protocol,
  at: { dose: S.Dose; arm: S.Arm; phase: S.TreatmentPhase; cycle?: S.Cycle },
  name: (name: string) => string,
  productFor: (drug: string) => UsdmNode,
  declared: S.DrugDecl | undefined,
  unmet: (rule: string, reason: string) => void,
): UsdmNode {
  const { dose, arm, phase, cycle } = at;
  const written = doseText(dose);
  const stated = dose.amount.form === 'quantity' || dose.amount.form === 'auc';
  const extensions: UsdmNode[] = [ext(ids, 'doseLine', { string: written }), ext(ids, 'arm', { string: arm.id })];
  if (phase.name) extensions.push(ext(ids, 'phase', { string: phase.name }));
  if (cycle) extensions.push(ext(ids, 'cycle', { string: `${cycle.lengthText}${cycle.count ? ` x ${cycle.count}` : ''}` }));
  if (at.dose.amount.form === 'matching') extensions.push(ext(ids, 'placeboMatching', { string: at.dose.amount.drug }));

  // The dose, with its normalised value beside it.
  let doseQuantity: UsdmNode | undefined;
  if (dose.amount.form === 'quantity') {
    const normalized = dose.amount.normalized;
    doseQuantity = quantity(ids, dose.amount.value, { ucum: dose.amount.ucum, written: dose.amount.unit });
    if (normalized)
      extensions.push(ext(ids, 'normalizedDose', { quantity: quantity(ids, normalized.value, { ucum: normalized.unit, written: normalized.unit }) }));
  } else if (dose.amount.form === 'auc') {
    doseQuantity = quantity(ids, dose.amount.value, { ucum: 'mg/mL.min', written: 'mg/mL.min' }, [
      ext(ids, 'doseBasis', { string: 'target area under the curve' }),
    ]);
  } else if (dose.amount.form === 'unstated') {
    extensions.push(ext(ids, 'doseUnstated', { string: 'the source states no dose' }));
  }
  const implied = doseImplication(protocol, dose);
  if (implied.administrationsPerCycle !== undefined) extensions.push(ext(ids, 'administrationsPerCycle', { integer: implied.administrationsPerCycle }));
  if (implied.totalAdministrations !== undefined) extensions.push(ext(ids, 'totalAdministrations', { integer: implied.totalAdministrations }));
  if (implied.perCycle)
    extensions.push(
      ext(ids, 'dosePerCycle', { quantity: quantity(ids, implied.perCycle.value, { ucum: implied.perCycle.unit, written: implied.perCycle.unit }) }),
    );
  if (implied.cumulative)
    extensions.push(
      ext(ids, 'cumulativeDose', { quantity: quantity(ids, implied.cumulative.value, { ucum: implied.cumulative.unit, written: implied.cumulative.unit }) }),
    );

  // The route: as written, else the drug's declaration, else the label's when it has only one.
  const labelled = findDrug(dose.drug);
  const route = dose.route ?? declared?.route ?? (labelled?.routes.length === 1 ? labelled.routes[0] : undefined);
  const routeSource = dose.route ? undefined : declared?.route ? 'the drug declaration' : route ? `the label: ${labelled!.source}` : undefined;
  // USDM expects a route with a dose and a dose with a route (DDF00177): without a dose, the route is kept aside.
  if (route && !stated) extensions.push(ext(ids, 'route', { string: route }));
  if (routeSource && stated) extensions.push(ext(ids, 'routeSource', { string: routeSource }));
  if (stated && !route) unmet('DDF00177', `no route for ${written} (${arm.id}): not written, not declared, and not the label's only route`);

  // The frequency: as written, else what the days and the cycle imply.
  const implicit = dose.frequency ? undefined : impliedFrequency(dose, cycle);
  const frequency = dose.frequency ? { text: dose.frequency.text, decode: frequencyDecode(dose.frequency.text) } : implicit;
  if (implicit && stated)
    extensions.push(
      ext(ids, 'frequencyImplied', {
        string: `the line writes no frequency: ${cycle ? `its days of the ${cycle.lengthText} cycle give it` : 'its days give it'}`,
      }),
    );
  if (frequency && !stated) extensions.push(ext(ids, 'frequency', { string: frequency.text }));
  if (stated && !frequency) unmet('DDF00178', `no frequency for ${written} (${arm.id}): the line gives neither a frequency nor days`);

  const duration = durationOf(protocol, dose, cycle);
  return node(ids, 'Administration', {
    name: name(`${arm.id}: ${written}`),
    label: `${arm.label}${phase.name ? `, ${phase.name}` : ''}`,
    description: written,
    duration: node(ids, 'Duration', {
      text: duration?.text ?? NOT_STATED,
      quantity: duration?.value && quantity(ids, duration.value.value, { ucum: duration.value.ucum, written: duration.value.unit }),
      durationWillVary: false,
      extensionAttributes: duration ? [] : [notStated(ids, 'duration', 'how long the line is given for')],
    }),
    dose: stated ? doseQuantity : undefined,
    route: stated && route ? aliasCode(ids, coded(ids, 'Administration.route', route, ROUTE_DECODES[route])) : undefined,
    frequency: stated && frequency ? aliasCode(ids, coded(ids, 'Administration.frequency', frequency.text, frequency.decode)) : undefined,
    administrableProductId: stated ? productFor(dose.drug).id : undefined,
    notes: dose.notes.map((note) => comment(ids, note)),
    extensionAttributes: extensions,
  });
}

// ---- timelines ------------------------------------------------------------------------------

/**
 * An arm's timeline: one scheduled instance per day that has administrations (the dose lines given
 * that day as its activities) and one per surgery, chained in order, the last leaving the timeline.
 * Timings are ISO 8601 durations after the first dose, the anchor. The protocol does not say how
 * long after a surgery treatment resumes, so the days after a surgery count from the first dose
 * after it, which has no timing of its own.
 */
function armTimeline(
  ids: Ids,
  protocol: S.Protocol,
  arm: S.Arm,
  segments: Segment[],
  epochIdOf: (segment: Segment) => string,
  administrationOf: Map<S.Dose, UsdmNode>,
  activities: UsdmNode[],
  activityName: (name: string) => string,
): UsdmNode {
  // Which segment each line and surgery is in, and how many surgeries come before it.
  const segmentOfDose = new Map<S.Dose, Segment>();
  const surgeriesBefore = new Map<S.Dose | S.Step, number>();
  let surgeries = 0;
  for (const segment of segments) {
    for (const step of segment.steps) {
      if (step.kind === 'surgery') {
        surgeries += 1;
        surgeriesBefore.set(step, surgeries);
        continue;
      }
      for (const dose of stepDoses(step)) {
        segmentOfDose.set(dose, segment);
        surgeriesBefore.set(dose, surgeries);
      }
    }
  }

  const activityOf = new Map<S.Dose | S.Step, UsdmNode>();
  const activityFor = (key: S.Dose | S.Step, name: string, label: string, extensionAttributes: UsdmNode[]) => {
    let activity = activityOf.get(key);
    if (!activity) {
      activity = node(ids, 'Activity', { name: activityName(name), label, extensionAttributes });
      activityOf.set(key, activity);
      activities.push(activity);
    }
    return activity;
  };

  // The events in order: the days of each stretch between surgeries, then the surgery that ends it.
  interface Event {
    readonly name: string;
    readonly label: string;
    readonly epochId: string;
    readonly activityIds: string[];
    readonly stretch: number;
    readonly day?: number;
  }
  const administrations = administrationsOf(protocol, arm);
  const byStretchAndDay = new Map<string, ArmAdministration[]>();
  for (const administration of administrations) {
    const key = `${surgeriesBefore.get(administration.doseLine) ?? 0}:${administration.day}`;
    const list = byStretchAndDay.get(key) ?? [];
    list.push(administration);
    byStretchAndDay.set(key, list);
  }
  const events: Event[] = [];
  const dayKeys = [...byStretchAndDay.keys()].map((key) => key.split(':').map(Number)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const firstDayOf = new Map<number, number>();
  for (const [stretch, day] of dayKeys) if (!firstDayOf.has(stretch)) firstDayOf.set(stretch, day);
  const surgerySteps = segments.flatMap((segment) => segment.steps.filter((step) => step.kind === 'surgery').map((step) => ({ step, segment })));
  for (let stretch = 0; stretch <= surgerySteps.length; stretch++) {
    for (const [s, day] of dayKeys) {
      if (s !== stretch) continue;
      const list = byStretchAndDay.get(`${s}:${day}`)!;
      const segment = segmentOfDose.get(list[0].doseLine)!;
      const n = day - firstDayOf.get(s)! + 1;
      const cycles = new Set(list.map((a) => (a.cycle === undefined ? '' : `cycle ${a.cycle} day ${a.cycleDay}`)));
      const where = cycles.size === 1 && !cycles.has('') ? `, ${[...cycles][0]}` : '';
      const lines = [...new Set(list.map((a) => a.doseLine))];
      events.push({
        name: s === 0 ? `Day ${n}` : `Day ${n} of treatment after surgery${surgerySteps.length > 1 ? ` ${s}` : ''}`,
        label: `${capitalized(segment.phaseName ?? 'treatment')}${where}`,
        epochId: epochIdOf(segment),
        activityIds: lines.map((dose) => {
          const administration = administrationOf.get(dose);
          return activityFor(
            dose,
            `${arm.id}: ${doseText(dose)}`,
            `Give ${doseText(dose)}`,
            administration ? [ext(ids, 'administration', { id: administration.id })] : [],
          ).id;
        }),
        stretch: s,
        day,
      });
    }
    const surgery = surgerySteps[stretch];
    if (surgery?.step.kind === 'surgery') {
      const name = `Surgery${surgerySteps.length > 1 ? ` ${stretch + 1}` : ''}`;
      events.push({
        name,
        label: surgery.step.note ? `Surgery (${surgery.step.note})` : 'Surgery',
        epochId: epochIdOf(surgery.segment),
        activityIds: [activityFor(surgery.step, `${arm.id}: ${name.toLowerCase()}`, surgery.step.note ? `Surgery: ${surgery.step.note}` : 'Surgery', []).id],
        stretch: stretch + 1,
      });
    }
  }
  if (events.length === 0) {
    events.push({ name: 'Start', label: `Start of ${arm.label}`, epochId: epochIdOf(segments[0]), activityIds: [], stretch: 0 });
  }

  const exit = node(ids, 'ScheduleTimelineExit', {});
  const instanceIds = events.map(() => ids.next('ScheduledActivityInstance'));
  const instances = events.map((event, index) =>
    withId(instanceIds[index], {
      name: event.name,
      label: event.label,
      epochId: event.epochId,
      activityIds: event.activityIds,
      defaultConditionId: index < events.length - 1 ? instanceIds[index + 1] : undefined,
      timelineExitId: index === events.length - 1 ? exit.id : undefined,
      instanceType: 'ScheduledActivityInstance',
    }),
  );

  // Timings: the first dose (or the only event) is the anchor; each later day counts from the first dose of its stretch.
  const timings: UsdmNode[] = [];
  const anchorIndex = Math.max(
    0,
    events.findIndex((event) => event.day !== undefined),
  );
  timings.push(
    node(ids, 'Timing', {
      name: `${events[anchorIndex].name} (anchor)`,
      label: events[anchorIndex].day !== undefined ? 'First dose' : events[anchorIndex].label,
      type: coded(ids, 'Timing.type', 'fixed', 'Fixed Reference'),
      value: 'P0D',
      valueLabel: events[anchorIndex].day !== undefined ? 'The first dose' : 'The start of the arm',
      relativeToFrom: coded(ids, 'Timing.relativeToFrom', 'start_to_start', 'Start to Start'),
      relativeFromScheduledInstanceId: instanceIds[anchorIndex],
    }),
  );
  events.forEach((event, index) => {
    if (event.day === undefined || index === anchorIndex) return;
    const first = events.findIndex((other) => other.stretch === event.stretch && other.day !== undefined);
    if (first === index) return;
    const days = event.day - events[first].day!;
    timings.push(
      node(ids, 'Timing', {
        name: event.name,
        type: coded(ids, 'Timing.type', 'after', 'After'),
        value: `P${days}D`,
        valueLabel: `${days} ${days === 1 ? 'day' : 'days'} after the first dose${event.stretch > 0 ? ' after surgery' : ''}`,
        relativeToFrom: coded(ids, 'Timing.relativeToFrom', 'start_to_start', 'Start to Start'),
        relativeFromScheduledInstanceId: instanceIds[index],
        relativeToScheduledInstanceId: instanceIds[first],
      }),
    );
  });

  return node(ids, 'ScheduleTimeline', {
    name: `${arm.id} schedule`,
    label: arm.label,
    description: `The administrations of ${arm.label}, day by day`,
    mainTimeline: false,
    entryCondition: `Assigned to ${arm.label}`,
    entryId: instanceIds[0],
    exits: [exit],
    timings,
    instances,
    extensionAttributes: [
      ...extStrings(ids, { regimen: regimenText(arm) }),
      ...(administrations.length === 0
        ? [ext(ids, 'noAdministrations', { string: 'no dose line of the arm says enough to place an administration on a day' })]
        : []),
    ],
  });
}

/** An object whose id was taken before it was built (to be referred to by its neighbours); `attributes` ends with its instanceType. */
function withId(id: string, attributes: Record<string, unknown>): UsdmNode {
  return { id, ...present(attributes) } as UsdmNode;
}

/**
 * The main timeline: screening, then, with more than one arm, the assignment to an arm (a
 * decision whose default is leaving the study unassigned), then the arm's own timeline.
 */
function mainTimeline(ids: Ids, arms: { arm: UsdmNode; label: string; timeline: UsdmNode; epochId: string }[], screeningEpochId: string): UsdmNode {
  const exit = node(ids, 'ScheduleTimelineExit', {});
  const screeningId = ids.next('ScheduledActivityInstance');
  const armInstances = arms.map(({ label, timeline, epochId }) =>
    withId(ids.next('ScheduledActivityInstance'), {
      name: label,
      label: `${label}: its schedule`,
      epochId,
      timelineId: timeline.id,
      timelineExitId: exit.id,
      instanceType: 'ScheduledActivityInstance',
    }),
  );
  const instances: UsdmNode[] = [];
  if (arms.length > 1) {
    const unassigned = withId(ids.next('ScheduledActivityInstance'), {
      name: 'Not assigned',
      label: 'Leaves the study without an arm',
      epochId: screeningEpochId,
      timelineExitId: exit.id,
      instanceType: 'ScheduledActivityInstance',
    });
    const decision = withId(ids.next('ScheduledDecisionInstance'), {
      name: 'Arm assignment',
      epochId: screeningEpochId,
      defaultConditionId: unassigned.id,
      conditionAssignments: arms.map(({ label }, index) =>
        node(ids, 'ConditionAssignment', { condition: `Assigned to ${label}`, conditionTargetId: armInstances[index].id }),
      ),
      instanceType: 'ScheduledDecisionInstance',
    });
    instances.push(
      withId(screeningId, { name: 'Screening', epochId: screeningEpochId, defaultConditionId: decision.id, instanceType: 'ScheduledActivityInstance' }),
      decision,
      ...armInstances,
      unassigned,
    );
  } else if (arms.length === 1) {
    instances.push(
      withId(screeningId, { name: 'Screening', epochId: screeningEpochId, defaultConditionId: armInstances[0].id, instanceType: 'ScheduledActivityInstance' }),
      ...armInstances,
    );
  } else {
    instances.push(withId(screeningId, { name: 'Screening', epochId: screeningEpochId, timelineExitId: exit.id, instanceType: 'ScheduledActivityInstance' }));
  }
  return node(ids, 'ScheduleTimeline', {
    name: 'Main timeline',
    mainTimeline: true,
    entryCondition: 'Potential participant identified',
    entryId: screeningId,
    exits: [exit],
    timings: [
      node(ids, 'Timing', {
        name: 'Screening (anchor)',
        type: coded(ids, 'Timing.type', 'fixed', 'Fixed Reference'),
        value: 'P0D',
        valueLabel: 'Screening',
        relativeToFrom: coded(ids, 'Timing.relativeToFrom', 'start_to_start', 'Start to Start'),
        relativeFromScheduledInstanceId: screeningId,
      }),
    ],
    instances,
  });
}

// ---- population and eligibility -------------------------------------------------------------

function populationNode(ids: Ids, protocol: S.Protocol, criteria: UsdmNode[]): UsdmNode {
  const eligibility = protocol.eligibility;
  const enrollment = protocol.trial?.enrollment;
  const min = eligibility?.minimumAge;
  const max = eligibility?.maximumAge;
  const age = (limit: AgeLimit) => quantity(ids, limit.value, AGE_UNITS[limit.unit]);
  const sexes = eligibility?.sex === 'all' ? (['female', 'male'] as const) : eligibility?.sex ? [eligibility.sex] : [];
  const extensions: UsdmNode[] = [];
  // USDM's planned age is a range with both ends; a single limit is kept aside.
  if ((min === undefined) !== (max === undefined)) {
    const limit = (min ?? max)!;
    extensions.push(ext(ids, min ? 'minimumAge' : 'maximumAge', { quantity: age(limit) }));
  }
  if (enrollment?.qualifier) extensions.push(ext(ids, 'enrollmentType', { string: enrollment.qualifier }));
  if (eligibility?.healthyVolunteers === undefined)
    extensions.push(notStated(ids, 'includesHealthySubjects', 'whether healthy volunteers are accepted: false is written'));
  return node(ids, 'StudyDesignPopulation', {
    name: 'Study population',
    includesHealthySubjects: eligibility?.healthyVolunteers === 'yes',
    plannedEnrollmentNumber: enrollment && quantity(ids, enrollment.count),
    plannedSex: sexes.map((sex) => coded(ids, 'StudyDesignPopulation.plannedSex', sex, capitalized(sex))),
    criterionIds: criteria.map((criterion) => criterion.id),
    plannedAge: min && max ? node(ids, 'Range', { minValue: age(min), maxValue: age(max), isApproximate: false }) : undefined,
    extensionAttributes: extensions,
  });
}

/** A criterion as the HTML USDM's syntax templates hold: a paragraph, and a group's members as a list. */
function criterionHtml(criterion: S.Criterion): string {
  if (criterion.kind !== 'group') return `<p>${escapeHtml(criterionText(criterion))}</p>`;
  const members = (list: readonly S.Criterion[]): string =>
    `<ul>${list.map((member) => `<li>${escapeHtml(criterionText(member))}${member.kind === 'group' ? members(member.criteria) : ''}</li>`).join('')}</ul>`;
  return `<p>${escapeHtml(criterionText(criterion))}</p>${members(criterion.criteria)}`;
}

/** A criterion's computable form (analyte, comparator, value, unit, normalised value…) as nested extension attributes. */
function criterionExtension(ids: Ids, criterion: S.Criterion): UsdmNode {
  const children: UsdmNode[] = [ext(ids, 'kind', { string: criterion.kind })];
  // What qualifies the limit, as the language writes it: the condition, each alternative, the time window.
  if (criterion.kind === 'threshold') {
    if (criterion.condition) children.push(ext(ids, 'condition', { string: partText.condition(criterion.condition) }));
    for (const alternative of criterion.alternatives ?? []) children.push(ext(ids, 'alternative', { string: partText.alternative(alternative) }));
  }
  if ((criterion.kind === 'threshold' || criterion.kind === 'text' || criterion.kind === 'prior') && criterion.window)
    children.push(ext(ids, 'window', { string: partText.window(criterion.window) }));
  switch (criterion.kind) {
    case 'text':
      break;
    case 'threshold':
      children.push(
        ...extStrings(ids, {
          analyte: criterion.analyte,
          comparator: criterion.comparator,
          valueAsWritten: criterion.valueText,
          multipleOf: criterion.multipleOf,
          unitAsWritten: criterion.unit,
        }),
        ext(ids, 'value', {
          quantity: quantity(ids, criterion.value, criterion.unit === undefined ? undefined : { ucum: criterion.ucum, written: criterion.unit }),
        }),
      );
      if (criterion.normalized)
        children.push(
          ext(ids, 'normalizedValue', {
            quantity: quantity(ids, criterion.normalized.value, { ucum: criterion.normalized.unit, written: criterion.normalized.unit }),
          }),
        );
      break;
    case 'score':
      children.push(
        ...extStrings(ids, { analyte: criterion.analyte, from: String(criterion.from), to: criterion.to === undefined ? undefined : String(criterion.to) }),
      );
      break;
    case 'prior':
      children.push(...criterion.items.map((item) => ext(ids, item.isDrug ? 'priorDrug' : 'priorTherapy', { string: item.name })));
      break;
    case 'group':
      children.push(
        ...extStrings(ids, { mode: criterion.mode, label: criterion.label }),
        ...criterion.criteria.map((member) => criterionExtension(ids, member)),
      );
      break;
  }
  if (criterion.note !== undefined) children.push(ext(ids, 'note', { string: criterion.note }));
  return ext(ids, 'criterion', { children });
}

// ---- registry facts USDM has no attribute for -----------------------------------------------

function registryExtensions(ids: Ids, trial: S.Trial | undefined, hasSponsor: boolean): UsdmNode[] {
  if (!trial) return [];
  const date = (value: S.DateValue | undefined) => value && `${value.date}${value.qualifier ? ` (${value.qualifier})` : ''}`;
  const out = extStrings(ids, {
    status: trial.status,
    startDate: date(trial.start),
    primaryCompletionDate: date(trial.primaryCompletion),
    completionDate: date(trial.completion),
    firstSubmitted: date(trial.firstSubmitted),
    firstPosted: date(trial.firstPosted),
    lastUpdate: date(trial.lastUpdate),
    lastVerified: date(trial.lastVerified),
    orgStudyId: hasSponsor ? undefined : trial.orgStudyId,
    responsibleParty: trial.responsibleParty && ('role' in trial.responsibleParty ? trial.responsibleParty.role : trial.responsibleParty.name),
    ipdSharing: trial.ipdSharing,
    fdaRegulatedDrug: trial.fdaRegulatedDrug,
    fdaRegulatedDevice: trial.fdaRegulatedDevice,
    results: trial.results,
  });
  const list = (name: string, values: readonly string[]) => values.map((value) => ext(ids, name, { string: value }));
  out.push(
    ...list(
      'secondaryId',
      trial.secondaryIds.map((secondary) => secondary.id),
    ),
    ...list('keyword', trial.keywords),
    ...list('meshCondition', trial.meshConditions),
    ...list('meshIntervention', trial.meshInterventions),
    ...list('country', trial.countries),
  );
  for (const site of trial.sites) {
    out.push(
      ext(ids, 'site', {
        children: extStrings(ids, { facility: site.facility, city: site.city, state: site.state, zip: site.zip, country: site.country, status: site.status }),
      }),
    );
  }
  for (const reference of trial.references) {
    out.push(
      ext(ids, 'reference', {
        children: extStrings(ids, {
          type: reference.type,
          pmid: reference.pmid === undefined ? undefined : String(reference.pmid),
          citation: reference.citation,
        }),
      }),
    );
  }
  return out;
}
