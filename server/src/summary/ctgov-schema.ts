/**
 * The ClinicalTrials.gov API v2 `protocolSection`, as far as `trial export --ctgov` writes it and
 * `trial import` reads it: every field of the modules below that a protocol's writer authors,
 * with the registry's own field names and enum values
 * (https://clinicaltrials.gov/data-api/about-api/study-data-structure; the enum values were
 * checked against the registry's API migration guide, which maps each legacy value to its v2
 * enum). Everything is optional, as in the API's JSON, except what names an element of a list
 * (an arm's label, an intervention's type and name, an outcome's measure, a reference's
 * citation, a link's address). Objects are not strict: a record from the registry holds fields
 * the registry derives (MeSH terms, geo points, standard age groups, submission dates), which
 * parsing strips and docs/ctgov.md lists. The schema is strict in its values, for what the export
 * writes; the import reads a record that breaks it by leaving the offending values out, one note
 * each (summary/import.ts).
 */

import { z } from 'zod';
import * as E from '../language/enums';

// ---- enums (values as the API writes them) ------------------------------------------------

/** The registry's values of an enumeration (language/enums.ts), plus values only the registry has. */
function registryEnum(values: E.EnumDef, ...only: readonly string[]) {
  const written = values.entries.flatMap((entry) => (typeof entry.registry === 'string' ? [entry.registry] : []));
  return z.enum([...written, ...only] as [string, ...string[]]);
}

export const CtStatus = registryEnum(E.STATUS, ...E.REGISTRY_ONLY_STATUSES);
/** A site's status (the API's RecruitmentStatus). */
export const CtRecruitmentStatus = registryEnum(E.STATUS, 'AVAILABLE');
export const CtDateType = registryEnum(E.QUALIFIER);
export const CtAgencyClass = registryEnum(E.AGENCY_CLASS);
export const CtResponsiblePartyType = registryEnum(E.RESPONSIBLE_ROLE);
export const CtStudyType = registryEnum(E.STUDY_TYPE);
export const CtPhase = z.enum(E.REGISTRY_PHASES);
export const CtAllocation = registryEnum(E.ALLOCATION);
/** The API's InterventionalAssignment. */
export const CtInterventionModel = registryEnum(E.INTERVENTION_MODEL);
export const CtPrimaryPurpose = registryEnum(E.PURPOSE);
export const CtMasking = registryEnum(E.MASKING);
export const CtWhoMasked = registryEnum(E.MASKED_ROLE);
export const CtEnrollmentType = registryEnum(E.QUALIFIER);
export const CtArmGroupType = registryEnum(E.ARM_TYPE);
export const CtInterventionType = registryEnum(E.INTERVENTION_TYPE);
export const CtSex = registryEnum(E.SEX);
export const CtOfficialRole = registryEnum(E.INVESTIGATOR_ROLE);
export const CtContactRole = registryEnum(E.CONTACT_ROLE);
export const CtSecondaryIdType = registryEnum(E.SECONDARY_ID_TYPE);
export const CtOrgStudyIdType = registryEnum(E.ORG_STUDY_ID_TYPE);
export const CtObservationalModel = registryEnum(E.OBSERVATIONAL_MODEL);
export const CtTimePerspective = registryEnum(E.TIME_PERSPECTIVE);
export const CtBioSpecRetention = registryEnum(E.BIOSPEC_RETENTION);
export const CtSamplingMethod = registryEnum(E.SAMPLING_METHOD);
export const CtIpdInfoType = registryEnum(E.IPD_INFO_TYPE);
export const CtExpandedAccessStatus = registryEnum(E.EXPANDED_ACCESS_STATUS);
export const CtReferenceType = registryEnum(E.REFERENCE_TYPE);
export const CtIpdSharing = registryEnum(E.IPD_SHARING);

// ---- modules --------------------------------------------------------------------------------

/** A date with its type: `{date: "2021-01-20", type: "ACTUAL"}`. Dates are ISO 8601 (`yyyy`, `yyyy-MM`, `yyyy-MM-dd`). */
export const CtDateStruct = z.object({ date: z.string(), type: CtDateType.optional() });

export const CtIdentificationModule = z.object({
  nctId: z.string().optional(),
  orgStudyIdInfo: z.object({ id: z.string().optional(), type: CtOrgStudyIdType.optional(), link: z.string().optional() }).optional(),
  secondaryIdInfos: z
    .array(z.object({ id: z.string(), type: CtSecondaryIdType.optional(), domain: z.string().optional(), link: z.string().optional() }))
    .optional(),
  briefTitle: z.string().optional(),
  officialTitle: z.string().optional(),
  acronym: z.string().optional(),
  /** The organization whose study id `orgStudyIdInfo` is. */
  organization: z.object({ fullName: z.string().optional(), class: CtAgencyClass.optional() }).optional(),
});

export const CtStatusModule = z.object({
  /** `yyyy-MM`: the month the record's status was last verified. */
  statusVerifiedDate: z.string().optional(),
  overallStatus: CtStatus.optional(),
  lastKnownStatus: CtStatus.optional(),
  delayedPosting: z.boolean().optional(),
  whyStopped: z.string().optional(),
  expandedAccessInfo: z
    .object({ hasExpandedAccess: z.boolean().optional(), nctId: z.string().optional(), statusForNctId: CtExpandedAccessStatus.optional() })
    .optional(),
  startDateStruct: CtDateStruct.optional(),
  primaryCompletionDateStruct: CtDateStruct.optional(),
  completionDateStruct: CtDateStruct.optional(),
  studyFirstSubmitDate: z.string().optional(),
  studyFirstPostDateStruct: CtDateStruct.optional(),
  lastUpdatePostDateStruct: CtDateStruct.optional(),
});

export const CtOrganization = z.object({ name: z.string(), class: CtAgencyClass.optional() });

export const CtSponsorCollaboratorsModule = z.object({
  responsibleParty: z
    .object({
      type: CtResponsiblePartyType.optional(),
      investigatorFullName: z.string().optional(),
      investigatorTitle: z.string().optional(),
      investigatorAffiliation: z.string().optional(),
      /** Older records name the party instead of typing it. */
      oldNameTitle: z.string().optional(),
      oldOrganization: z.string().optional(),
    })
    .optional(),
  leadSponsor: CtOrganization.optional(),
  collaborators: z.array(CtOrganization).optional(),
});

export const CtOversightModule = z.object({
  oversightHasDmc: z.boolean().optional(),
  isFdaRegulatedDrug: z.boolean().optional(),
  isFdaRegulatedDevice: z.boolean().optional(),
  isUnapprovedDevice: z.boolean().optional(),
  isPpsd: z.boolean().optional(),
  isUsExport: z.boolean().optional(),
});

export const CtDescriptionModule = z.object({ briefSummary: z.string().optional(), detailedDescription: z.string().optional() });

export const CtConditionsModule = z.object({ conditions: z.array(z.string()).optional(), keywords: z.array(z.string()).optional() });

/** An age or a duration as the registry writes it: a number and a unit, `18 Years`, `6 Months`. */
const AGE = /^\d+(\.\d+)? (Years?|Months?|Weeks?|Days?|Hours?|Minutes?)$/;

export const CtDesignModule = z.object({
  studyType: CtStudyType.optional(),
  expandedAccessTypes: z.object({ individual: z.boolean().optional(), intermediate: z.boolean().optional(), treatment: z.boolean().optional() }).optional(),
  patientRegistry: z.boolean().optional(),
  targetDuration: z.string().regex(AGE, 'a duration such as "3 Years"').optional(),
  /** A phase 2/3 study has two entries, `["PHASE2", "PHASE3"]`; a study without phases has `["NA"]`. */
  phases: z.array(CtPhase).optional(),
  designInfo: z
    .object({
      allocation: CtAllocation.optional(),
      interventionModel: CtInterventionModel.optional(),
      interventionModelDescription: z.string().optional(),
      primaryPurpose: CtPrimaryPurpose.optional(),
      observationalModel: CtObservationalModel.optional(),
      timePerspective: CtTimePerspective.optional(),
      maskingInfo: z
        .object({ masking: CtMasking.optional(), maskingDescription: z.string().optional(), whoMasked: z.array(CtWhoMasked).optional() })
        .optional(),
    })
    .optional(),
  bioSpec: z.object({ retention: CtBioSpecRetention.optional(), description: z.string().optional() }).optional(),
  enrollmentInfo: z.object({ count: z.number().int().nonnegative().optional(), type: CtEnrollmentType.optional() }).optional(),
});

export const CtArmGroup = z.object({
  label: z.string(),
  type: CtArmGroupType.optional(),
  description: z.string().optional(),
  /** `Type: name` of each intervention the arm receives, e.g. `Drug: Neoadjuvant treatment`. */
  interventionNames: z.array(z.string()).optional(),
});

export const CtIntervention = z.object({
  type: CtInterventionType,
  name: z.string(),
  description: z.string().optional(),
  armGroupLabels: z.array(z.string()).optional(),
  otherNames: z.array(z.string()).optional(),
});

export const CtArmsInterventionsModule = z.object({ armGroups: z.array(CtArmGroup).optional(), interventions: z.array(CtIntervention).optional() });

export const CtOutcome = z.object({ measure: z.string(), description: z.string().optional(), timeFrame: z.string().optional() });

export const CtOutcomesModule = z.object({
  primaryOutcomes: z.array(CtOutcome).optional(),
  secondaryOutcomes: z.array(CtOutcome).optional(),
  otherOutcomes: z.array(CtOutcome).optional(),
});

export const CtEligibilityModule = z.object({
  /** Markdown: `Inclusion Criteria:` and `Exclusion Criteria:`, each followed by a list. */
  eligibilityCriteria: z.string().optional(),
  healthyVolunteers: z.boolean().optional(),
  sex: CtSex.optional(),
  genderBased: z.boolean().optional(),
  genderDescription: z.string().optional(),
  minimumAge: z.string().regex(AGE, 'an age such as "18 Years"').optional(),
  maximumAge: z.string().regex(AGE, 'an age such as "70 Years"').optional(),
  studyPopulation: z.string().optional(),
  samplingMethod: CtSamplingMethod.optional(),
});

/** A central or site contact: the registry lets any part be missing. */
export const CtContact = z.object({
  name: z.string().optional(),
  role: CtContactRole.optional(),
  phone: z.string().optional(),
  phoneExt: z.string().optional(),
  email: z.string().optional(),
});

export const CtContactsLocationsModule = z.object({
  centralContacts: z.array(CtContact).optional(),
  overallOfficials: z.array(z.object({ name: z.string().optional(), affiliation: z.string().optional(), role: CtOfficialRole.optional() })).optional(),
  locations: z
    .array(
      z.object({
        facility: z.string().optional(),
        status: CtRecruitmentStatus.optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        contacts: z.array(CtContact).optional(),
      }),
    )
    .optional(),
});

export const CtReferencesModule = z.object({
  references: z
    .array(
      z.object({
        /** The PubMed id, as a string of digits. */
        pmid: z.string().regex(/^\d+$/, 'a PubMed id (digits)').optional(),
        type: CtReferenceType.optional(),
        citation: z.string(),
      }),
    )
    .optional(),
  seeAlsoLinks: z.array(z.object({ label: z.string().optional(), url: z.string() })).optional(),
  availIpds: z.array(z.object({ id: z.string().optional(), type: z.string(), url: z.string().optional(), comment: z.string().optional() })).optional(),
});

export const CtIpdSharingStatementModule = z.object({
  ipdSharing: CtIpdSharing.optional(),
  description: z.string().optional(),
  infoTypes: z.array(CtIpdInfoType).optional(),
  timeFrame: z.string().optional(),
  accessCriteria: z.string().optional(),
  url: z.string().optional(),
});

/** The `protocolSection` of an API v2 study, restricted to the modules this project reads and writes. */
export const ProtocolSection = z.object({
  identificationModule: CtIdentificationModule.optional(),
  statusModule: CtStatusModule.optional(),
  sponsorCollaboratorsModule: CtSponsorCollaboratorsModule.optional(),
  oversightModule: CtOversightModule.optional(),
  descriptionModule: CtDescriptionModule.optional(),
  conditionsModule: CtConditionsModule.optional(),
  designModule: CtDesignModule.optional(),
  armsInterventionsModule: CtArmsInterventionsModule.optional(),
  outcomesModule: CtOutcomesModule.optional(),
  eligibilityModule: CtEligibilityModule.optional(),
  contactsLocationsModule: CtContactsLocationsModule.optional(),
  referencesModule: CtReferencesModule.optional(),
  ipdSharingStatementModule: CtIpdSharingStatementModule.optional(),
});
export type ProtocolSection = z.infer<typeof ProtocolSection>;

/** The module names of `ProtocolSection`, to recognise a bare protocolSection. */
export const MODULE_NAMES: readonly string[] = Object.keys(ProtocolSection.shape);
