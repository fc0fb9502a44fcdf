/**
 * Agents of lymphoma, leukaemia and myeloma regimens: anti-CD20, anti-CD30 and anti-CD38
 * antibodies, proteasome inhibitors, immunomodulatory drugs, BTK and BCL-2 inhibitors.
 */

import type { Drug } from './types';

const RITUXAN = 'FDA label Rituxan (rituximab) injection, Genentech (revision not verified)';
const GAZYVA = 'FDA label Gazyva (obinutuzumab) injection, Genentech (revision not verified)';
const ADCETRIS = 'FDA label Adcetris (brentuximab vedotin) for injection, Seagen/Pfizer (revision not verified)';
const VELCADE = 'FDA label Velcade (bortezomib) for injection, Takeda (revision not verified)';
const KYPROLIS = 'FDA label Kyprolis (carfilzomib) for injection, Amgen (revision not verified)';
const REVLIMID = 'FDA label Revlimid (lenalidomide) capsules, Celgene/BMS (revision not verified)';
const POMALYST = 'FDA label Pomalyst (pomalidomide) capsules, Celgene/BMS (revision not verified)';
const THALOMID = 'FDA label Thalomid (thalidomide) capsules, Celgene/BMS (revision not verified)';
const DARZALEX = 'FDA label Darzalex (daratumumab) injection for intravenous use, Janssen (revision not verified)';
const DARZALEX_FASPRO = 'FDA label Darzalex Faspro (daratumumab and hyaluronidase-fihj) injection for subcutaneous use, Janssen, rev. 11/2025';
const IMBRUVICA = 'FDA label Imbruvica (ibrutinib) capsules and tablets, Pharmacyclics/Janssen (revision not verified)';
const CALQUENCE = 'FDA label Calquence (acalabrutinib) capsules and tablets, AstraZeneca (revision not verified)';
const VENCLEXTA = 'FDA label Venclexta (venetoclax) tablets, AbbVie/Genentech (revision not verified)';

export const HAEMATOLOGY_DRUGS: readonly Drug[] = [
  // --- Antibodies and an antibody-drug conjugate ---------------------------------------------------
  {
    id: 'rituximab',
    synonyms: [],
    brands: ['Rituxan', 'MabThera', 'Truxima', 'Ruxience', 'Riabni'],
    codes: ['IDEC-C2B8'],
    class: 'CD20 antibody',
    classes: ['cd20'],
    routes: ['IV'],
    otherRoutes: [
      {
        route: 'SC',
        product:
          'Rituxan Hycela (rituximab and hyaluronidase human), 1,400 mg (FL, DLBCL) or 1,600 mg (CLL) subcutaneously after at least one full intravenous dose',
        source: 'FDA approval of 22 June 2017 (Genentech news feature, 22 Jun 2017; ecancer.org, FDA notice)',
      },
    ],
    basis: 'bsa',
    doses: [
      {
        min: 375,
        max: 375,
        schedule:
          'weekly for 4 or 8 doses (relapsed or refractory low-grade or follicular NHL); day 1 of each chemotherapy cycle for up to 8 doses (DLBCL, follicular NHL); every 8 weeks for 12 doses as maintenance; day before FC in cycle 1 (CLL)',
        indication: 'CD20-positive B-cell non-Hodgkin lymphoma; chronic lymphocytic leukaemia (cycle 1)',
        source: `${RITUXAN}, section 2.2 (NHL) and section 2.3 (CLL)`,
      },
      {
        min: 500,
        max: 500,
        schedule: 'day 1 of cycles 2-6 (every 28 days) with fludarabine and cyclophosphamide',
        indication: 'chronic lymphocytic leukaemia',
        source: `${RITUXAN}, section 2.3`,
        regimen: { cycleDays: 28, days: [1] },
      },
      {
        min: 1000,
        max: 1000,
        basis: 'flat',
        schedule: 'two IV infusions two weeks apart, with methotrexate; later courses every 24 weeks (not sooner than every 16 weeks)',
        indication: 'rheumatoid arthritis; granulomatosis with polyangiitis and microscopic polyangiitis (induction 375 mg/m2 weekly for 4 weeks)',
        source: `${RITUXAN}, section 2 (rheumatoid arthritis)`,
      },
    ],
    rules: [],
    courseLimits: [
      {
        maxAdministrations: 12,
        indication: 'maintenance after response in follicular NHL',
        text: 'Maintenance every 8 weeks for 12 doses.',
        source: `${RITUXAN}, section 2.2`,
      },
      { maxCycles: 6, indication: 'CLL with fludarabine and cyclophosphamide', text: 'Six 28-day cycles.', source: `${RITUXAN}, section 2.3` },
    ],
    premedication: {
      text: 'An antihistamine and acetaminophen before each infusion (glucocorticoid for RA, GPA/MPA); PCP and antiherpetic prophylaxis in CLL during and up to 12 months after treatment.',
      source: `${RITUXAN}, section 2.1`,
    },
    source: RITUXAN,
    gaps: 'The first infusion starts at 50 mg/hour rising by 50 mg/hour every 30 minutes to 400 mg/hour: a rate, not a duration, so no infusion minutes. Subcutaneous rituximab-hyaluronidase (Rituxan Hycela, 1,400 mg or 1,600 mg) is a separate product and not held.',
  },
  {
    id: 'obinutuzumab',
    synonyms: [],
    brands: ['Gazyva', 'Gazyvaro'],
    codes: ['GA101', 'RO5072759'],
    class: 'CD20 antibody (glycoengineered, type II)',
    classes: ['cd20'],
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 100,
        max: 1000,
        schedule:
          'cycle 1: 100 mg on day 1, 900 mg on day 2, 1,000 mg on days 8 and 15; then 1,000 mg on day 1 of cycles 2-6 (28-day cycles), with chlorambucil',
        indication: 'previously untreated chronic lymphocytic leukaemia',
        source: `${GAZYVA}, section 2.2`,
      },
      {
        min: 1000,
        max: 1000,
        schedule:
          'days 1, 8 and 15 of cycle 1 and day 1 of later cycles (6 cycles with bendamustine; 6-8 with CHOP or CVP), then every 2 months as monotherapy for up to 2 years',
        indication: 'follicular lymphoma (relapsed after rituximab, or previously untreated stage II bulky, III or IV)',
        source: `${GAZYVA}, section 2.3`,
      },
    ],
    rules: [],
    courseLimits: [
      { maxCycles: 6, indication: 'CLL with chlorambucil', text: 'Six 28-day cycles.', source: `${GAZYVA}, section 2.2` },
      {
        maxMonths: 24,
        indication: 'follicular lymphoma monotherapy after induction',
        text: 'Monotherapy every 2 months for up to 2 years.',
        source: `${GAZYVA}, section 2.3`,
      },
    ],
    premedication: {
      text: 'Acetaminophen and an antihistamine at least 30 minutes before, and an IV glucocorticoid (dexamethasone 20 mg or methylprednisolone 80 mg) at least 1 hour before, the cycle 1 infusions; hydration and anti-hyperuricaemics for patients at high risk of tumour lysis.',
      source: `${GAZYVA}, section 2.4 (premedication)`,
    },
    source: GAZYVA,
    gaps: 'Infusion rates (25 mg/hour for the first 100 mg; a 90-minute infusion from cycle 2 in follicular lymphoma) are rates rather than fixed durations, so no infusion minutes.',
  },
  {
    id: 'brentuximab_vedotin',
    synonyms: ['brentuximab vedotin', 'brentuximab', 'sgn-35'],
    brands: ['Adcetris'],
    codes: ['SGN-035', 'cAC10-vcMMAE'],
    class: 'CD30 antibody-drug conjugate (monomethyl auristatin E)',
    classes: ['cd30', 'adc'],
    routes: ['IV'],
    basis: 'weight',
    doses: [
      {
        min: 1.8,
        max: 1.8,
        schedule: 'IV over 30 minutes every 3 weeks (up to 180 mg)',
        indication: 'relapsed cHL; cHL consolidation after auto-HSCT; sALCL and CD30-expressing PTCL (with CHP); relapsed pcALCL and mycosis fungoides',
        source: `${ADCETRIS}, section 2.1`,
        regimen: { intervalDays: 21 },
        infusionMinutes: { min: 30, max: 30 },
      },
      {
        min: 1.2,
        max: 1.2,
        schedule: 'IV over 30 minutes every 2 weeks (up to 120 mg), with doxorubicin, vinblastine and dacarbazine, to a maximum of 12 doses',
        indication: 'previously untreated stage III or IV classical Hodgkin lymphoma (adults)',
        source: `${ADCETRIS}, section 2.1`,
        regimen: { intervalDays: 14 },
        infusionMinutes: { min: 30, max: 30 },
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclBelow: 30,
        action: 'contraindicated',
        text: 'Severe renal impairment (CrCl < 30 mL/min): avoid use.',
        source: `${ADCETRIS}, section 2 (renal impairment) and section 8.6`,
      },
    ],
    courseLimits: [
      {
        maxCycles: 16,
        indication: 'cHL consolidation after auto-HSCT',
        text: 'Up to 16 cycles, starting 4-6 weeks after transplant.',
        source: `${ADCETRIS}, section 2.1`,
      },
      {
        maxAdministrations: 12,
        indication: 'previously untreated cHL with AVD',
        text: 'Every 2 weeks to a maximum of 12 doses.',
        source: `${ADCETRIS}, section 2.1`,
      },
    ],
    infusion: { minMinutes: 30, maxMinutes: 30, text: 'Given as a 30-minute intravenous infusion.', source: `${ADCETRIS}, section 2.1` },
    source: ADCETRIS,
    gaps: 'The mg caps (180 mg every 3 weeks, 120 mg every 2 weeks; dosing weight capped at 100 kg) are absolute mg bounds a mg/kg row cannot hold. Mild hepatic impairment (Child-Pugh A) takes 1.2 mg/kg; moderate or severe, avoid: by Child-Pugh class, not a lab value, so no `requires`. Use with bleomycin is contraindicated (pulmonary toxicity), a drug pair no field holds.',
  },
  {
    id: 'daratumumab',
    synonyms: ['daratumumab-fihj'],
    brands: ['Darzalex', 'Darzalex Faspro'],
    codes: ['HuMax-CD38', 'JNJ-54767414'],
    class: 'CD38 antibody',
    classes: ['cd38'],
    routes: ['IV', 'SC'],
    basis: 'weight',
    doses: [
      {
        min: 16,
        max: 16,
        schedule:
          'IV weekly in weeks 1-8, every 2 weeks in weeks 9-24, then every 4 weeks (4-week-cycle regimens and monotherapy); other schedules with 3- and 6-week-cycle regimens',
        indication: 'multiple myeloma, alone or with lenalidomide, pomalidomide, bortezomib, carfilzomib or VMP/VTd',
        source: `${DARZALEX}, section 2`,
      },
      {
        min: 1800,
        max: 1800,
        basis: 'flat',
        schedule: 'subcutaneously over about 3-5 minutes (daratumumab-hyaluronidase), on the same schedules as the IV product',
        indication: 'multiple myeloma; light chain amyloidosis with VCd; high-risk smouldering myeloma',
        source: `${DARZALEX_FASPRO}, sections 2.2-2.3`,
      },
    ],
    rules: [],
    courseLimits: [
      {
        maxMonths: 24,
        indication: 'light chain amyloidosis with bortezomib, cyclophosphamide and dexamethasone',
        text: 'Every 4 weeks from week 25 until progression or for at most 2 years.',
        source: `${DARZALEX_FASPRO}, section 2.3`,
      },
    ],
    premedication: {
      text: '1-3 hours before each dose: acetaminophen 650-1,000 mg, diphenhydramine 25-50 mg and a corticosteroid (methylprednisolone 100 mg, or dexamethasone 20 mg in combination regimens); post-dose corticosteroids as the label describes.',
      source: `${DARZALEX_FASPRO}, section 2.5 (recommended concomitant medications)`,
    },
    source: DARZALEX,
    gaps: 'IV infusion rates (first infusion over about 7 hours, later ones faster) are rates, not one duration, so no infusion minutes. The IV label sections were read through a drug-reference summary.',
  },

  // --- Proteasome inhibitors --------------------------------------------------------------------------
  {
    id: 'bortezomib',
    synonyms: [],
    brands: ['Velcade'],
    codes: ['PS-341', 'MLN-341'],
    class: 'proteasome inhibitor',
    classes: ['proteasome'],
    routes: ['IV', 'SC'],
    basis: 'bsa',
    doses: [
      {
        min: 1.3,
        max: 1.3,
        schedule: 'twice weekly on days 1, 4, 8 and 11 of a 21-day cycle (at least 72 hours between doses), IV bolus over 3-5 seconds or SC',
        indication: 'relapsed multiple myeloma; mantle cell lymphoma',
        source: `${VELCADE}, section 2`,
        regimen: { cycleDays: 21, days: [1, 4, 8, 11] },
      },
      {
        min: 1.3,
        max: 1.3,
        schedule: 'days 1, 4, 8, 11, 22, 25, 29 and 32 of 6-week cycles 1-4, then days 1, 8, 22 and 29 of cycles 5-9, with melphalan and prednisone',
        indication: 'previously untreated multiple myeloma not eligible for transplant',
        source: `${VELCADE}, section 2`,
        regimen: { cycleDays: 42, days: [1, 4, 8, 11, 22, 25, 29, 32] },
      },
    ],
    rules: [],
    courseLimits: [{ maxCycles: 9, indication: 'with melphalan and prednisone', text: 'Nine 6-week cycles.', source: `${VELCADE}, section 2` }],
    forbiddenRoutes: [
      {
        route: 'IT',
        text: 'For intravenous or subcutaneous use only; inadvertent intrathecal administration has been fatal.',
        source: `${VELCADE} and generic bortezomib labels, section 4 (contraindications: intrathecal administration; fatal events), read through a copy of the label text (pill2trip)`,
      },
    ],
    source: VELCADE,
    gaps: 'Hepatic impairment (moderate or severe) starts at 0.7 mg/m2, by bilirubin band; a dose, not a requirement. No renal dose adjustment in the label.',
  },
  {
    id: 'carfilzomib',
    synonyms: [],
    brands: ['Kyprolis'],
    codes: ['PR-171'],
    class: 'proteasome inhibitor (epoxyketone)',
    classes: ['proteasome'],
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 20,
        max: 56,
        schedule: '30-minute infusion on days 1, 2, 8, 9, 15 and 16 of 28-day cycles: 20 mg/m2 on days 1 and 2 of cycle 1, then 56 mg/m2 (Kd twice weekly)',
        indication: 'relapsed or refractory multiple myeloma after 1-3 lines, with dexamethasone (or daratumumab and dexamethasone)',
        source: `${KYPROLIS}, section 2`,
        infusionMinutes: { min: 30, max: 30 },
      },
      {
        min: 20,
        max: 70,
        schedule: '30-minute infusion on days 1, 8 and 15 of 28-day cycles: 20 mg/m2 on day 1 of cycle 1, then 70 mg/m2 (Kd once weekly)',
        indication: 'relapsed or refractory multiple myeloma, with dexamethasone',
        source: `${KYPROLIS}, section 2.2, as tabulated by drugs.com (Kyprolis regimen, dose and infusion time, 2024)`,
        infusionMinutes: { min: 30, max: 30 },
      },
      {
        min: 20,
        max: 27,
        schedule:
          '10-minute infusion on days 1, 2, 8, 9, 15 and 16: 20 mg/m2 on days 1 and 2 of cycle 1, then 27 mg/m2, with lenalidomide and dexamethasone (KRd)',
        indication: 'relapsed or refractory multiple myeloma',
        source: `${KYPROLIS}, section 2.2, as tabulated by drugs.com (Kyprolis regimen, dose and infusion time, 2024)`,
        infusionMinutes: { min: 10, max: 10 },
      },
    ],
    rules: [],
    source: KYPROLIS,
    gaps: 'The 56 mg/m2 twice-weekly schedule was read in the manufacturer’s dosing page; the 70 mg/m2 once-weekly (30-minute) and 27 mg/m2 twice-weekly (10-minute) regimens were read in a drug reference’s table of the label’s regimens (drugs.com, 2024), not in the label page itself. Doses use a BSA capped at 2.2 m2, which a per-m2 row cannot hold.',
  },

  // --- Immunomodulatory drugs ----------------------------------------------------------------------
  {
    id: 'lenalidomide',
    synonyms: [],
    brands: ['Revlimid'],
    codes: ['CC-5013'],
    class: 'immunomodulatory drug (thalidomide analogue)',
    classes: ['imid'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 25,
        max: 25,
        schedule: 'once daily on days 1-21 of repeated 28-day cycles, with dexamethasone',
        indication: 'multiple myeloma (combination therapy)',
        source: `${REVLIMID}, section 2.1`,
        regimen: { cycleDays: 28, continuousDays: 21 },
      },
      {
        min: 10,
        max: 10,
        schedule: 'once daily (MDS); once daily on days 1-28 of 28-day cycles as maintenance after auto-HSCT',
        indication: 'transfusion-dependent del(5q) myelodysplastic syndromes; multiple myeloma maintenance after transplant',
        source: `${REVLIMID}, section 2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 2.5,
        max: 25,
        schedule: 'once daily, reduced in steps for toxicity (not below 2.5 mg)',
        indication: 'all indications, after dose reductions',
        source: `${REVLIMID}, section 2 (dose adjustments for hematologic toxicities)`,
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclBelow: 60,
        action: 'reduce',
        text: 'Creatinine clearance below 60 mL/min: reduce the starting dose by the label’s renal table (lower daily doses, or every 48 hours below 30 mL/min; after dialysis on dialysis days).',
        source: `${REVLIMID}, section 2 (starting dose adjustment for renal impairment)`,
      },
    ],
    source: REVLIMID,
    gaps: 'The renal table’s doses were not read verbatim, so the rule names the band but not the doses. Mantle cell and follicular/marginal zone lymphoma doses were not read in this session; 20 mg lies within the range.',
  },
  {
    id: 'pomalidomide',
    synonyms: [],
    brands: ['Pomalyst', 'Imnovid'],
    codes: ['CC-4047'],
    class: 'immunomodulatory drug (thalidomide analogue)',
    classes: ['imid'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 4,
        max: 4,
        schedule: 'once daily on days 1-21 of repeated 28-day cycles, with dexamethasone (40 mg weekly; 20 mg over 75 years)',
        indication: 'multiple myeloma after at least two prior therapies including lenalidomide and a proteasome inhibitor',
        source: `${POMALYST}, section 2.1`,
        regimen: { cycleDays: 28, continuousDays: 21 },
      },
      {
        min: 1,
        max: 3,
        schedule: 'once daily on days 1-21, reduced by 1 mg steps for toxicity',
        indication: 'multiple myeloma, after dose reductions',
        source: `${POMALYST}, section 2 (dose modifications)`,
        regimen: { cycleDays: 28, continuousDays: 21 },
      },
    ],
    rules: [],
    requires: [
      {
        analyte: 'neutrophils',
        comparator: '>=',
        value: 500,
        unit: '/uL',
        text: 'To start a new cycle the neutrophil count must be at least 500/µL.',
        source: `${POMALYST}, section 2 (dose modifications)`,
      },
      {
        analyte: 'platelets',
        comparator: '>=',
        value: 50000,
        unit: '/uL',
        text: 'To start a new cycle the platelet count must be at least 50,000/µL.',
        source: `${POMALYST}, section 2 (dose modifications)`,
      },
    ],
    source: POMALYST,
    gaps: 'Kaposi sarcoma dosing (5 mg days 1-21) and the renal (dialysis) and hepatic starting doses were not read in this session.',
  },
  {
    id: 'thalidomide',
    synonyms: [],
    brands: ['Thalomid'],
    codes: [],
    class: 'immunomodulatory drug',
    classes: ['imid'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 200,
        max: 200,
        schedule: 'once daily at bedtime, with dexamethasone 40 mg on days 1-4, 9-12 and 17-20 of 28-day cycles',
        indication: 'newly diagnosed multiple myeloma',
        source: `${THALOMID}, section 2.1; EU SmPC Thalidomide Celgene (BMS) 50 mg hard capsules, section 4.2 (200 mg per day)`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 100,
        max: 300,
        schedule: 'once daily at bedtime (up to 400 mg for severe lesions)',
        indication: 'cutaneous manifestations of erythema nodosum leprosum',
        source: `${THALOMID}, section 2.2, as restated in the MIMS thalidomide monograph (100-300 mg once daily at bedtime, maximum 400 mg/day)`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    courseLimits: [
      {
        maxCycles: 12,
        indication: 'untreated multiple myeloma with melphalan and prednisone (EU)',
        text: 'At most 12 cycles of 6 weeks (42 days).',
        source: 'EU SmPC Thalidomide Celgene (BMS) 50 mg hard capsules, section 4.2',
      },
    ],
    source: THALOMID,
    gaps: 'The US Thalomid label page was not read in this session: the 200 mg myeloma dose was read in the EU SmPC (section 4.2) and the ENL doses in a drug reference (MIMS) that restates the label. The ENL maximum of 400 mg is in the schedule text only.',
  },

  // --- BTK and BCL-2 inhibitors ------------------------------------------------------------------------
  {
    id: 'ibrutinib',
    synonyms: [],
    brands: ['Imbruvica'],
    codes: ['PCI-32765'],
    class: 'BTK inhibitor (covalent)',
    classes: ['btk'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 420,
        max: 420,
        schedule: 'once daily, alone or in combination',
        indication: 'CLL/SLL; Waldenström macroglobulinaemia; chronic graft-versus-host disease',
        source: `${IMBRUVICA}, section 2.2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 560,
        max: 560,
        schedule: 'once daily',
        indication: 'mantle cell lymphoma (indication withdrawn in the US in later revisions)',
        source: `${IMBRUVICA}, section 2.2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 140,
        max: 280,
        schedule: 'once daily after dose reductions by 140 mg steps, or with moderate or strong CYP3A inhibitors',
        indication: 'all indications, dose-adjusted',
        source: `${IMBRUVICA}, sections 2.3-2.4`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: IMBRUVICA,
    gaps: 'Hepatic impairment doses by Child-Pugh class are not lab requirements. No renal dose adjustment.',
  },
  {
    id: 'acalabrutinib',
    synonyms: [],
    brands: ['Calquence'],
    codes: ['ACP-196'],
    class: 'BTK inhibitor (covalent)',
    classes: ['btk'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 100,
        max: 100,
        schedule: 'about every 12 hours (once daily with a moderate CYP3A inhibitor), alone, with obinutuzumab, or with bendamustine and rituximab',
        indication: 'CLL/SLL; mantle cell lymphoma (previously treated, or untreated and transplant-ineligible)',
        source: `${CALQUENCE}, section 2.1`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
      {
        min: 200,
        max: 200,
        schedule: 'about every 12 hours when a strong CYP3A inducer cannot be avoided',
        indication: 'all indications, with a strong CYP3A inducer',
        source: `${CALQUENCE}, section 2 (dose modifications for drug interactions)`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    source: CALQUENCE,
    gaps: 'Severe hepatic impairment: avoid (Child-Pugh class, not a lab value). Renal: no adjustment at eGFR 30 mL/min/1.73 m2 or more (MDRD); below that not studied, so no rule.',
  },
  {
    id: 'venetoclax',
    synonyms: [],
    brands: ['Venclexta', 'Venclyxto'],
    codes: ['ABT-199', 'GDC-0199'],
    class: 'BCL-2 inhibitor',
    classes: ['bcl2'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 20,
        max: 400,
        schedule:
          '5-week ramp-up: 20 mg daily in week 1, then 50, 100, 200 and 400 mg; then 400 mg once daily (with obinutuzumab to cycle 12 day 28; with rituximab for 24 months)',
        indication: 'CLL/SLL',
        source: `${VENCLEXTA}, section 2.2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 100,
        max: 600,
        schedule:
          'ramp-up 100, 200, 400 mg on days 1-3, then 400 mg daily with azacitidine or decitabine, or 600 mg daily from day 4 with low-dose cytarabine, in 28-day cycles',
        indication: 'newly diagnosed AML in adults 75 or older or unfit for intensive induction',
        source: `${VENCLEXTA}, section 2.3, as restated by drugs.com (Venclexta for AML, 2023) and the ELN 2022 AML recommendations (Blood 2022, table of regimens for patients unfit for intensive chemotherapy)`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    courseLimits: [
      {
        maxCycles: 12,
        indication: 'CLL with obinutuzumab',
        text: 'Venetoclax 400 mg daily continues to day 28 of cycle 12 (a fixed 12-cycle course).',
        source: `${VENCLEXTA}, section 2.2`,
      },
      {
        maxMonths: 24,
        indication: 'CLL with rituximab',
        text: 'Venetoclax 400 mg daily for 24 months from day 1 of cycle 1 of rituximab.',
        source: `${VENCLEXTA}, section 2.2`,
      },
    ],
    premedication: {
      text: 'Tumour lysis syndrome prophylaxis (hydration and anti-hyperuricaemics, started before the first dose) and blood-chemistry monitoring through the ramp-up, scaled to tumour burden.',
      source: `${VENCLEXTA}, section 2.4`,
    },
    source: VENCLEXTA,
    gaps: 'The AML ramp-up (100, 200, 400 mg, then 400 mg with azacitidine or decitabine or 600 mg with low-dose cytarabine) was read in a drug reference and the ELN 2022 regimen table, not in the label page (the CLL ramp-up was read in the label). CYP3A-inhibitor dose reductions are not held.',
  },
];
