/**
 * The fixtures the suites share: one per construct of the language, and a failing and a passing
 * fixture per diagnostic code. Kept here so that every feature (formatting above all) can be
 * run over all of them.
 */

import type { Codes } from '../../server/src/language/codes';

/** One fixture per construct of docs/language.md; each must parse without error. */
export const CONSTRUCTS: Record<string, string> = {
  'trial-fields': `trial NCT04669496 {
  org_study_id "ZSAB-neoGOLP"
  secondary_id "2020-001"
  title "Brief \\"quoted\\" title"
  official_title "Official title"
  acronym "neoGOLP"
  summary "Line one\\nline two \\u00e9"
  description "Details"
  type interventional
  phase 2/3
  status active_not_recruiting
  enrollment 178 actual
  start 2021-01-20 actual
  primary_completion 2020-01-10 estimated
  completion 2026-12-31 anticipated
  first_submitted 2020-12-01
  first_posted 2020-12-17
  last_update 2025-09-04
  last_verified 2021-07
  conditions "Intrahepatic Cholangiocarcinoma", "Biliary Tract Cancer"
  keywords "PD1 Antibody",
    "Lenvatinib"
  countries "China"
  mesh_conditions "Cholangiocarcinoma"
  mesh_interventions "Gemcitabine", "Oxaliplatin"
  design { allocation randomized  model parallel  masking double  who_masked participant, investigator  purpose treatment }
  sponsor "Shanghai Zhongshan Hospital" other
  collaborator "Shanghai Public Health Clinical Center" other_gov
  responsible_party sponsor
  investigator "Jia Fan, MD & PhD" study_chair at "Shanghai Zhongshan Hospital"
  investigator "Jian Zhou" principal_investigator
  site "Zhongshan Hospital" { city "Shanghai"; state "Shanghai"; zip "200032"; country "China"; status recruiting }
  site "Second site"
  reference background pmid 15192785 "Shaib Y. The epidemiology of cholangiocarcinoma."
  reference result "No PMID for this one."
  ipd_sharing no
  fda_regulated_drug no
  fda_regulated_device no
  results none
}`,
  'trial-phase-word': `trial NCT00000001 { phase early_1 }`,
  'trial-registry-fields': `trial NCT00000003 {
  org_study_id "R01 CA000001"
  org_study_id_type nih
  org_study_id_link "https://reporter.nih.gov/"
  organization "Fudan University" other
  secondary_id "2020-001234-56" eudract { domain "EudraCT"  link "https://www.clinicaltrialsregister.eu/" }
  secondary_id "CTR20200001" registry
  secondary_id "Local-7"
  status terminated
  last_known_status recruiting
  why_stopped "Slow \\"accrual\\"; sponsor decision"
  delayed_posting no
  expanded_access yes
  expanded_access_nct "NCT00000004"
  expanded_access_status available
  first_posted 2020-12-17 actual
  last_update 2025-09-04 estimated
  design {
    allocation randomized
    model parallel
    model_description "Two arms in parallel"
    masking double
    masking_description "Placebo tablets look the same"
    purpose treatment
  }
  patient_registry no
  access_individual yes
  access_intermediate no
  access_treatment no
  responsible_party principal_investigator { name "Jia Fan"  title "Professor"  affiliation "Fudan University" }
  contact "Trial Office" { role contact  phone "+86 21 0000 0000"  phone_ext "12"  email "office@example.org" }
  contact { email "no-name@example.org" }
  site "Zhongshan Hospital" {
    city "Shanghai"
    country "China"
    contact "Jian Zhou" { role principal_investigator }
  }
  site { city "Boston"; country "United States" }
  see_also "https://example.org/study" "Study page"
  available_ipd "Study Protocol" { id "P-1"  url "https://example.org/protocol.pdf"  comment "Version 3" }
  ipd_sharing yes
  ipd_description "De-identified data"
  ipd_info_types study_protocol, sap, icf
  ipd_time_frame "From 6 months after publication"
  ipd_access_criteria "On request"
  ipd_url "https://example.org/ipd"
  dmc yes
  unapproved_device no
  ppsd no
  us_export no
}`,
  'observational-design': `trial NCT00000005 {
  type observational
  design { observational_model cohort  time_perspective prospective }
  patient_registry yes
  target_duration "3 Years"
  biospec_retention samples_with_dna
  biospec_description "Whole blood"
  responsible_party "Shanghai Zhongshan Hospital" { title "Jia Fan, Professor" }
}
arm cohort "Patients on durvalumab" {
  description "An observational group has no type."
}`,
  'eligibility-registry-fields': `eligibility {
  age 6 months to 17 years
  sex all
  gender_based yes
  gender_description "Gender identity as self-reported"
  study_population "Patients seen at the clinic"
  sampling_method non_probability_sample
  include "Signed consent"
  criteria_text "Inclusion Criteria:\\n\\n* Signed consent"
}`,
  drug: `drug toripalimab "PD1 antibody (JS001)"
drug lenvatinib { route PO  aka "E7080", "Lenvima"  class "TKI"  note "8 mg below 60 kg" }
drug capecitabine`,
  intervention: `intervention regimen drug "Neoadjuvant treatment" {
  description "PD1 antibody combined with GEMOX"
  names "GEMOX", "GemOx"
}
intervention resection procedure "Hepatectomy"`,
  'arm-phases': `arm neoadjuvant "Neoadjuvant treatment" experimental {
  description "Three courses, then surgery"
  uses regimen, resection
  neoadjuvant {
    cycle 21 days x 3 {
      oxaliplatin 85 mg/m2 IV day 1
      gemcitabine 1 g/m2 days 1, 8
    }
    lenvatinib 8 mg daily for 9 weeks
    toripalimab 240 mg q3w x 3
  }
  surgery "resection"
  adjuvant {
    cycle 3 weeks x8 { capecitabine 1250 mg/m2 PO bid days 1-14 }
  }
}`,
  'dose-forms': `arm a "A" other {
  carboplatin AUC 5 IV day 1 "Calvert formula"
  gemcitabine dose unstated
  trastuzumab 8 mg/kg IV once
  pegaspargase 2500 IU/m2 IM x 1
  leucovorin 400mg/m2 IV days 1, 15, 29-31
  cisplatin 25 mg/m2 IV q1w for 6 cycles; radiotherapy 2 Gy daily for 5 days
  octreotide 100 mcg SC tid for 2 months
}`,
  'arm-loose-steps': `arm control "Traditional group" no_intervention {
  surgery
  cycle 21 days x 8 { capecitabine 1250 mg/m2 bid days 1-14 }
}`,
  eligibility: `eligibility {
  age 18 to 70 years
  sex all
  healthy_volunteers no
  include "Sign written informed consent"
  include ecog 0-1
  include child_pugh A
  include child_pugh A-B "compensated"
  include platelets >= 90 x10^9/L
  include neutrophils ≥ 1.5 x10^9/L
  include bilirubin <= 1.5 x ULN
  include t3 >= 1 x LLN
  include hemoglobin >= 9 g/dL
  include inr < 1.2
  include creatinine_clearance >= 60 mL/min "Cockcroft-Gault"
  include any "high recurrence risk" { tumor_diameter > 5 cm; "vascular invasion"; ca19_9 > 37 U/mL }
  include all {
    alt <= 3 x ULN
    ast <= 3 x ULN
  }
  exclude prior "PD1 antibody", lenvatinib, "chemotherapy" "in the past"
  exclude hbv_dna > 10^4 copies/mL "after antiviral therapy"
  exclude hcv_rna > 1000
  exclude systolic_bp >= 140 mmHg
  exclude pt = 14 s
}`,
  'eligibility-one-sided-age': `eligibility { age >= 18 years }`,
  outcome: `outcome primary "Objective response rate" {
  time_frame "12 months"
  description "RECIST 1.1"
}
outcome "Overall survival" { time_frame "12 months" }
outcome secondary "Safety"`,
  comments: `// a line comment
/* a block
   comment */ trial NCT00000002 { // trailing
  title "Not // a comment" /* inline */ status recruiting
}`,
};

/** A trial with every field the registry requires, and nothing to report. */
export const COMPLETE_TRIAL = `trial NCT00000001 {
  title "A trial"
  official_title "A phase 2 trial"
  summary "What it studies"
  type interventional
  phase 2
  status recruiting
  enrollment 30 estimated
  start 2021-01-20 actual
  primary_completion 2022-01-20 estimated
  completion 2023-01-20 estimated
  conditions "Intrahepatic Cholangiocarcinoma"
  design { allocation na  model single_group  masking none  purpose treatment }
  sponsor "Shanghai Zhongshan Hospital" other
  responsible_party sponsor
}
arm a "A" experimental { surgery }
eligibility { age 18 to 75 years }
outcome primary "Objective response rate" { time_frame "12 months" }`;

/**
 * For every code: a fixture that triggers it at an exact span, and a near miss that must not.
 * The near miss differs from the failing fixture only in the mistake.
 */
export const CASES: Record<keyof typeof Codes, { bad: string; good: string }> = {
  TPL001: {
    bad: `trial NCT00000001 { title "x" § }
                              ^ TPL001`,
    good: `trial NCT00000001 { title "x §" }`,
  },
  TPL002: {
    bad: `trial NCT00000001 {
  title "Toripalimab
        ^^^^^^^^^^^^ TPL002
}`,
    good: `trial NCT00000001 {
  title "Toripalimab"
}`,
  },
  TPL003: {
    bad: `trial NCT00000001 { title "a \\q b" }
                             ^^ TPL003`,
    good: `trial NCT00000001 { title "a \\\\q b" }`,
  },
  TPL004: {
    bad: `trial NCT00000001 { title "x" }
/* never closed
^^ TPL004`,
    good: `trial NCT00000001 { title "x" }
/* closed */`,
  },
  TPL005: {
    bad: `eligibility { exclude hbv_dna > 2^4 copies/mL }
                                ^^^ TPL005`,
    good: `eligibility { exclude hbv_dna > 10^4 copies/mL }`,
  },
  TPL010: {
    bad: `arm a "A" other {
  oxaliplatin 85 day 1
                 ^^^ TPL010
}`,
    good: `arm a "A" other {
  oxaliplatin 85 mg/m2 day 1
}`,
  },
  TPL011: {
    bad: `trial NCT00000001 {
  titel "x"
  ^^^^^ TPL011
}`,
    good: `trial NCT00000001 {
  title "x"
}`,
  },
  TPL012: {
    bad: `arm a "A" other {
                ^ TPL012
  surgery
eligibility { sex all }`,
    good: `arm a "A" other {
  surgery
}
eligibility { sex all }`,
  },
  TPL013: {
    bad: `trial NCT00000001 { title "x" }
}
^ TPL013`,
    good: `trial NCT00000001 { title "x" }`,
  },
  TPL014: {
    bad: `arm a "A" other {
  // trial-disable-next-line TPL999
                             ^^^^^^ TPL014
  oxaliplatin 85 mg/m2 day 1
}`,
    good: `arm a "A" other {
  // trial-disable-next-line TPL220 -- a dose-finding arm
  oxaliplatin 85 mg/m2 day 1
}`,
  },
  // 64 nested blocks are allowed; the 65th is reported at its brace and skipped.
  TPL015: {
    bad: ['eligibility {', 'include any {', ...Array<string>(63).fill('any {'), '    ^ TPL015', ...Array<string>(65).fill('}')].join('\n'),
    good: ['eligibility {', 'include any {', ...Array<string>(62).fill('any {'), ...Array<string>(64).fill('}')].join('\n'),
  },
  TPL101: {
    bad: `trial NCT00000001 { status runing }
                           ^^^^^^ TPL101`,
    good: `trial NCT00000001 { status recruiting }`,
  },
  TPL102: {
    bad: `trial NCT00000001 { start 2021-02-30 }
                          ^^^^^^^^^^ TPL102`,
    good: `trial NCT00000001 { start 2024-02-29 }`,
  },
  TPL103: {
    bad: `trial NCT00000001 {
  phase 2
  phase 3
  ^^^^^ TPL103
}`,
    good: `trial NCT00000001 {
  phase 2/3
}`,
  },
  TPL104: {
    bad: `arm a "A" other { oxaliplatin 85 mgg/m2 day 1 }
                                 ^^^^^^ TPL104`,
    good: `arm a "A" other { oxaliplatin 85 mg/m2 day 1 }`,
  },
  TPL105: {
    bad: `arm a "A" other { oxaliplatin 85 mL/min day 1 }
                                 ^^^^^^ TPL105`,
    good: `arm a "A" other { oxaliplatin 85 mg/m2 day 1 }`,
  },
  TPL106: {
    bad: `intervention regimen drug "GEMOX"
arm a "A" experimental { uses regimn }
                              ^^^^^^ TPL106`,
    good: `intervention regimen drug "GEMOX"
arm a "A" experimental { uses regimen }`,
  },
  TPL107: {
    bad: `eligibility { sex all }
eligibility { sex female }
^^^^^^^^^^^ TPL107`,
    good: `eligibility { sex all }`,
  },
  TPL108: {
    bad: `arm a "A" other { capecitabine 1250 mg/m2 bid days 14-1 }
                                                   ^^^^ TPL108`,
    good: `arm a "A" other { capecitabine 1250 mg/m2 bid days 1-14 }`,
  },
  TPL109: {
    bad: `eligibility { include platelets >= 100 mg/dL }
                                       ^^^^^ TPL109`,
    good: `eligibility { include platelets >= 100 x10^9/L }`,
  },
  TPL201: {
    bad: `arm a "A" other { oxaliplatinum 85 mg/m2 day 1 }
                  ^^^^^^^^^^^^^ TPL201`,
    good: `arm a "A" other { oxaliplatin 85 mg/m2 day 1 }`,
  },
  TPL202: {
    bad: `drug gemcitabine
arm a "A" other {
  gemcitabine 1000 mg/m2 days 1, 8
  oxaliplatin 85 mg/m2 day 1
  ^^^^^^^^^^^ TPL202
}`,
    good: `drug gemcitabine
drug oxaliplatin
arm a "A" other {
  gemcitabine 1000 mg/m2 days 1, 8
  oxaliplatin 85 mg/m2 day 1
}`,
  },
  TPL203: {
    bad: `drug cisplatin
     ^^^^^^^^^ TPL203
drug gemcitabine
arm a "A" other { gemcitabine 1000 mg/m2 day 1 }`,
    good: `drug gemcitabine
arm a "A" other { gemcitabine 1000 mg/m2 day 1 }`,
  },
  TPL204: {
    bad: `eligibility { include platelet >= 100 x10^9/L }
                      ^^^^^^^^ TPL204`,
    good: `eligibility { include platelets >= 100 x10^9/L }`,
  },
  TPL205: {
    bad: `arm a "A" other { surgery }
arm a "B" other { surgery }
    ^ TPL205`,
    good: `arm a "A" other { surgery }
arm b "B" other { surgery }`,
  },
  TPL206: {
    bad: `arm a "A" other { Lenvima 8 mg daily }
                  ^^^^^^^ TPL206`,
    good: `arm a "A" other { lenvatinib 8 mg daily }`,
  },
  TPL211: {
    bad: `arm a "A" other { oxaliplatine 85 mg/m2 IV day 1 }
                  ^^^^^^^^^^^^ TPL211`,
    good: `drug oxaliplatine "Investigational platinum" { investigational yes }
arm a "A" other { oxaliplatine 85 mg/m2 IV day 1 }`,
  },
  TPL210: {
    bad: `arm a "A" other { gemcitabine 1000 mg days 1, 8 }
                                   ^^ TPL210`,
    good: `arm a "A" other { gemcitabine 1000 mg/m2 days 1, 8 }`,
  },
  TPL212: {
    bad: `eligibility { include platelets >= 100000 x10^9/L }
                                   ^^^^^^^^^^^^^^ TPL212`,
    good: `eligibility { include platelets >= 100000 /uL }`,
  },
  TPL213: {
    bad: `eligibility { include ast <= 0.2 x ULN }
                             ^^^ TPL213`,
    good: `eligibility { include ast <= 2.5 x ULN }`,
  },
  TPL214: {
    bad: `eligibility { include bilirubin <= 25 x ULN }
                                   ^^ TPL214`,
    good: `eligibility { include bilirubin <= 1.5 x ULN }`,
  },
  TPL220: {
    bad: `arm a "A" other { gemcitabine 2000 mg/m2 day 1 }
                              ^^^^^^^^^^ TPL220`,
    good: `arm a "A" other { gemcitabine 1000 mg/m2 day 1 }`,
  },
  TPL221: {
    bad: `arm a "A" other { gemcitabine 10000 mg/m2 day 1 }
                              ^^^^^^^^^^^ TPL221`,
    good: `arm a "A" other { gemcitabine 1000 mg/m2 day 1 }`,
  },
  TPL222: {
    bad: `arm a "A" other { capecitabine 1250 mg/m2 IV bid days 1-14 }
                                          ^^ TPL222`,
    good: `arm a "A" other { capecitabine 1250 mg/m2 PO bid days 1-14 }`,
  },
  TPL223: {
    bad: `arm a "A" other { vincristine 1.4 mg/m2 IT day 1 }
                                        ^^ TPL223`,
    good: `arm a "A" other { vincristine 1.4 mg/m2 IV day 1 }`,
  },
  TPL224: {
    bad: `arm a "A" other { cycle 21 days x 4 { docetaxel 75 mg/m2 IV day 1 over 30 min } }
                                                                  ^^^^^^^^^^^ TPL224`,
    good: `arm a "A" other { cycle 21 days x 4 { docetaxel 75 mg/m2 IV day 1 over 1 hour } }`,
  },
  TPL225: {
    bad: `arm a "A" other { cycle 21 days x 4 { docetaxel 75 mg/m2 IV days 1, 8, 15 } }
                                                ^^ TPL225`,
    good: `arm a "A" other { cycle 21 days x 4 { docetaxel 75 mg/m2 IV day 1 } }`,
  },
  TPL226: {
    bad: `arm a "A" other { tretinoin 45 mg/m2 PO daily for 120 days }
                                              ^^^^^^^^^^^^ TPL226`,
    good: `arm a "A" other { tretinoin 45 mg/m2 PO daily for 90 days }`,
  },
  TPL227: {
    bad: `arm a "A" other {
  cycle 21 days x 6 { doxorubicin 60 mg/m2 IV day 1 }
  cycle 21 days x 4 { doxorubicin 60 mg/m2 IV day 1 }
                                  ^^ TPL227
}`,
    good: `arm a "A" other {
  cycle 21 days x 6 { doxorubicin 60 mg/m2 IV day 1 }
  cycle 21 days x 3 { doxorubicin 60 mg/m2 IV day 1 }
}`,
  },
  TPL228: {
    bad: `arm a "A" other { cycle 21 days x 4 { cisplatin 25 mg/m2 IV days 1-5 } }
                                                ^^ TPL228`,
    good: `arm a "A" other { cycle 21 days x 4 { cisplatin 20 mg/m2 IV days 1-5 } }`,
  },
  TPL229: {
    bad: `arm a "A" other { cycle 21 days x 4 { carboplatin AUC 5 IV day 1 max 900 mg } }
                                                                 ^^^^^^^^^^ TPL229`,
    good: `arm a "A" other { cycle 21 days x 4 { carboplatin AUC 5 IV day 1 max 750 mg } }`,
  },
  TPL230: {
    bad: `arm a "A" other {
  cycle 21 days x 3 { oxaliplatin 85 mg/m2 day 22 }
                                               ^^ TPL230
}`,
    good: `arm a "A" other {
  cycle 21 days x 3 { oxaliplatin 85 mg/m2 day 21 }
}`,
  },
  TPL231: {
    bad: `arm a "A" other {
  neoadjuvant {
    cycle 21 days x 3 { oxaliplatin 85 mg/m2 day 1 }
    lenvatinib 8 mg daily for 12 weeks
                          ^^^^^^^^^^^^ TPL231
  }
}`,
    good: `arm a "A" other {
  neoadjuvant {
    cycle 21 days x 3 { oxaliplatin 85 mg/m2 day 1 }
    lenvatinib 8 mg daily for 9 weeks
  }
}`,
  },
  TPL232: {
    bad: `arm a "A" other {
  cycle 21 days x 3 { toripalimab 240 mg q3w days 1, 8 }
                                         ^^^ TPL232
}`,
    good: `arm a "A" other {
  cycle 21 days x 3 { toripalimab 240 mg q3w day 1 }
}`,
  },
  TPL233: {
    bad: `arm a "A" other {
  cycle 21 days { oxaliplatin 85 mg/m2 day 1 }
  ^^^^^^^^^^^^^ TPL233
}`,
    good: `arm a "A" other {
  cycle 21 days x 6 { oxaliplatin 85 mg/m2 day 1 }
}`,
  },
  TPL234: {
    bad: `arm a "A" other {
  cycle 21 days x 3 { oxaliplatin 85 mg/m2 }
                      ^^^^^^^^^^^ TPL234
}`,
    good: `arm a "A" other {
  cycle 21 days x 3 { oxaliplatin 85 mg/m2 day 1 }
}`,
  },
  TPL235: {
    bad: `arm a "A" other {
  atezolizumab 1200 mg IV q3w
                          ^^^ TPL235
}`,
    good: `arm a "A" other {
  atezolizumab 1200 mg IV q3w until progression or toxicity
}`,
  },
  TPL236: {
    bad: `arm a "A" other {
  cycle 21 days x 4 {
    pemetrexed 500 mg/m2 day 1
    cisplatin 75 mg/m2 day 1 cycles 5-6
                             ^^^^^^^^^^ TPL236
  }
}`,
    good: `arm a "A" other {
  cycle 21 days x 6 {
    pemetrexed 500 mg/m2 day 1
    cisplatin 75 mg/m2 day 1 cycles 5-6
  }
}`,
  },
  TPL237: {
    bad: `arm a "A" other {
  cisplatin 75 mg/m2 q3w for 4 cycles
                         ^^^^^^^^^^^^ TPL237
}`,
    good: `arm a "A" other {
  cisplatin 75 mg/m2 q3w x 4
}`,
  },
  TPL238: {
    bad: `arm a "A" other {
  cycle 21 days x 8, for 12 weeks { oxaliplatin 85 mg/m2 day 1 }
  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL238
}`,
    good: `arm a "A" other {
  cycle 21 days x 4, for 12 weeks { oxaliplatin 85 mg/m2 day 1 }
}`,
  },
  TPL239: {
    bad: `trial NCT00000001 { conditions "Non-Small Cell Lung Cancer" }
arm a "A" other { pembrolizumab 200 mg IV q3w until progression }
                                              ^^^^^^^^^^^^^^^^^ TPL239`,
    good: `trial NCT00000001 { conditions "Non-Small Cell Lung Cancer" }
arm a "A" other { pembrolizumab 200 mg IV q3w until progression, up to 2 years }`,
  },
  TPL240: {
    bad: `eligibility { include hemoglobin >= 90 g/dL }
                                    ^^^^^^^ TPL240`,
    good: `eligibility { include hemoglobin >= 9 g/dL }`,
  },
  TPL241: {
    bad: `eligibility {
  exclude hbv_dna > 104 copies/mL
                    ^^^ TPL241
  include neutrophils >= 1.5*109/L
                            ^^^^^^ TPL241
}`,
    good: `eligibility {
  exclude hbv_dna > 10^4 copies/mL
  include neutrophils >= 1.5 x10^9/L
}`,
  },
  TPL242: {
    bad: `eligibility {
  include platelets >= 100 x10^9/L
  include platelets < 90 x10^9/L
          ^^^^^^^^^^^^^^^^^^^^^^ TPL242
}`,
    good: `eligibility {
  include platelets >= 100 x10^9/L
  include platelets < 900 x10^9/L
}`,
  },
  TPL243: {
    bad: `eligibility {
  include platelets >= 100 x10^9/L
  exclude platelets > 50 x10^9/L
          ^^^^^^^^^^^^^^^^^^^^^^ TPL243
}`,
    good: `eligibility {
  include platelets >= 100 x10^9/L
  exclude platelets > 500 x10^9/L
}`,
  },
  TPL244: {
    bad: `eligibility {
  include platelets >= 100 x10^9/L
  include platelets >= 90 x10^9/L
          ^^^^^^^^^^^^^^^^^^^^^^^ TPL244
}`,
    good: `eligibility {
  include platelets >= 100 x10^9/L
  include platelets <= 900 x10^9/L
}`,
  },
  TPL245: {
    bad: `eligibility { age 70 to 18 years }
              ^^^^^^^^^^^^^^^^^^ TPL245`,
    good: `eligibility { age 18 to 70 years }`,
  },
  TPL246: {
    bad: `eligibility { include platelets <= 1.5 x ULN }
                                   ^^^ TPL246`,
    good: `eligibility { include bilirubin <= 1.5 x ULN }`,
  },
  TPL247: {
    bad: `eligibility { include ecog 6 }
                           ^ TPL247`,
    good: `eligibility { include ecog 0-1 }`,
  },
  TPL248: {
    bad: `eligibility {
  age 18 to 70 years
  include age >= 16 years
                 ^^ TPL248
}`,
    good: `eligibility {
  age 18 to 70 years
  include age >= 21 years
}`,
  },
  TPL249: {
    bad: `eligibility { age 18 to 130 years }
                        ^^^ TPL249`,
    good: `eligibility { age 18 to 99 years }`,
  },
  TPL250: {
    bad: `trial NCT123 { phase 2 }
      ^^^^^^ TPL250`,
    good: `trial NCT00000123 { phase 2 }`,
  },
  TPL251: {
    bad: `trial NCT00000001 {
  start 2021-01-20
  completion 2020-12-31
             ^^^^^^^^^^ TPL251
}`,
    good: `trial NCT00000001 {
  start 2021-01-20
  completion 2026-12-31
}`,
  },
  TPL252: {
    bad: `trial NCT00000001 {
  status recruiting
  enrollment 0
  ^^^^^^^^^^^^ TPL252
}`,
    good: `trial NCT00000001 {
  status withdrawn
  enrollment 0
}`,
  },
  TPL253: {
    bad: `trial NCT00000001 {
  design { allocation randomized }
  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL253
}
arm a "A" experimental { surgery }`,
    good: `trial NCT00000001 {
  design { allocation randomized }
}
arm a "A" experimental { surgery }
arm b "B" active_comparator { surgery }`,
  },
  TPL254: {
    bad: `trial NCT00000001 { title "A trial" }
      ^^^^^^^^^^^ TPL254`,
    good: COMPLETE_TRIAL,
  },
  TPL255: {
    bad: `outcome primary "Objective response rate"
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL255`,
    good: `outcome primary "Objective response rate" { time_frame "12 months" }`,
  },
  TPL256: {
    bad: `// An arm, and no trial block above it.
arm a "A" other { surgery }
^^^ TPL256`,
    good: `trial NCT00000001 { title "A trial" }
arm a "A" other { surgery }`,
  },
  TPL257: {
    bad: `trial NCT00000001 { type interventional }
arm a "A" { surgery }
    ^ TPL257`,
    good: `trial NCT00000001 { type interventional }
arm a "A" other { surgery }`,
  },
  TPL258: {
    bad: `trial NCT00000001 { target_duration "about 3 years" }
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL258`,
    good: `trial NCT00000001 { target_duration "3 Years" }`,
  },
  TPL260: {
    bad: `arm a "A" other { capecitabine 1250 mg/m2 bid days 1-14 }
                  ^^^^^^^^^^^^ TPL260
eligibility { include creatinine_clearance >= 30 mL/min }`,
    good: `arm a "A" other { capecitabine 1250 mg/m2 bid days 1-14 }
eligibility { include creatinine_clearance >= 60 mL/min }`,
  },
  TPL261: {
    bad: `arm a "A" other { lenvatinib 8 mg daily }
                             ^ TPL261`,
    good: `arm a "A" other { lenvatinib 12 mg daily }
eligibility { include weight >= 60 kg }`,
  },
  TPL262: {
    bad: `arm a "A" other { docetaxel 75 mg/m2 IV day 1 }
                  ^^^^^^^^^ TPL262
eligibility {
  include bilirubin <= 1.5 x ULN
  include alp <= 2.5 x ULN
  include neutrophils >= 1.5 x10^9/L
}`,
    good: `arm a "A" other { docetaxel 75 mg/m2 IV day 1 }
eligibility {
  include bilirubin <= 1 x ULN
  include alp <= 2.5 x ULN
  include neutrophils >= 1.5 x10^9/L
}`,
  },
  TPL263: {
    bad: `arm a "A" other { pemetrexed 500 mg/m2 IV day 1 }
                  ^^^^^^^^^^ TPL263`,
    good: `intervention vitamins dietary_supplement "Folic acid and vitamin B12"
arm a "A" other { pemetrexed 500 mg/m2 IV day 1 }`,
  },
  TPL264: {
    bad: `arm a "A" other { pembrolizumab 200 mg IV day 1 }
                  ^^^^^^^^^^^^^ TPL264
eligibility { include ecog 0-1 }`,
    good: `arm a "A" other { pembrolizumab 200 mg IV day 1 }
eligibility {
  include ecog 0-1
  exclude "Active autoimmune disease that has required systemic treatment in the past 2 years"
}`,
  },
  TPL270: {
    bad: `eligibility {
  include alt <= 2.5 x ULN or <= 2 x ULN if "liver metastases"
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL270
}`,
    good: `eligibility {
  include alt <= 2.5 x ULN or <= 5 x ULN if "liver metastases"
}`,
  },
};

/** Every fixture text above, with its annotation lines removed by the caller. */
export function allFixtureSources(): string[] {
  return [...Object.values(CONSTRUCTS), COMPLETE_TRIAL, ...Object.values(CASES).flatMap((c) => [c.bad, c.good])];
}
