/**
 * Supportive and concomitant agents that trial arms name: bone-modifying agents, myeloid growth
 * factors, antiemetics, the vitamins and corticosteroids of premedication, and placebo.
 */

import type { Drug } from './types';

const ZOMETA = 'FDA label Zometa (zoledronic acid) injection, Novartis (revision not verified)';
const RECLAST = 'FDA label Reclast (zoledronic acid) injection, Novartis (revision not verified)';
const XGEVA = 'FDA label Xgeva (denosumab) injection, Amgen (revision not verified)';
const PROLIA = 'FDA label Prolia (denosumab) injection, Amgen (revision not verified)';
const NEUPOGEN = 'FDA label Neupogen (filgrastim) injection, Amgen (revision not verified)';
const NIVESTIM = 'EU SmPC Nivestim (filgrastim), Pfizer, section 4.2 (as reproduced by MIMS Singapore)';
const NEULASTA = 'FDA label Neulasta (pegfilgrastim) injection, Amgen (revision not verified)';
const ASCO_ANTIEMETICS = 'ASCO antiemetics guideline, recommended dose-schedule table (Hesketh PJ et al., J Clin Oncol; guideline pocket card, table 1)';
const ZOFRAN = 'FDA label Zofran (ondansetron) tablets and injection, Novartis/Sandoz (revision not verified)';
const EMEND = 'FDA label Emend (aprepitant) capsules, Merck (revision not verified)';
const EMEND_IV = 'FDA label Emend for injection (fosaprepitant), Merck (revision not verified)';
const ALIMTA_PREMEDICATION =
  'FDA label Alimta (pemetrexed) for injection, Eli Lilly, section 2 (premedication and concomitant medications; read through a drug-reference copy)';
const DEXAMETHASONE = 'FDA label dexamethasone tablets and injection (generic labeling; revision not verified)';
const PREDNISONE = 'FDA label prednisone tablets (generic labeling, Dosage and Administration; read through a drug-reference summary)';
const VELCADE = 'FDA label Velcade (bortezomib), section 2';

export const SUPPORTIVE_DRUGS: readonly Drug[] = [
  // --- Bone-modifying agents -----------------------------------------------------------------------
  {
    id: 'zoledronic_acid',
    synonyms: ['zoledronic acid', 'zoledronate'],
    brands: ['Zometa', 'Reclast', 'Aclasta'],
    codes: ['CGP 42446'],
    class: 'bisphosphonate',
    classes: ['bisphosphonate'],
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 3,
        max: 4,
        schedule:
          'IV over no less than 15 minutes every 3-4 weeks (4 mg; 3.5, 3.3 or 3.0 mg by creatinine clearance); 4 mg once for hypercalcaemia of malignancy',
        indication: 'multiple myeloma and bone metastases of solid tumours; hypercalcaemia of malignancy',
        source: `${ZOMETA}, section 2`,
        infusionMinutes: { min: 15 },
      },
      {
        min: 5,
        max: 5,
        schedule: 'IV over no less than 15 minutes once a year (osteoporosis)',
        indication: 'osteoporosis; Paget disease of bone',
        source: `${RECLAST}, section 2`,
        infusionMinutes: { min: 15 },
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclFrom: 50,
        crclBelow: 61,
        action: 'reduce',
        doseFraction: 0.875,
        text: 'CrCl 50-60 mL/min: 3.5 mg instead of 4 mg (myeloma and bone metastases). Encoded as below 61 because the label band is 50-60 inclusive.',
        source: `${ZOMETA}, section 2 (renal impairment)`,
      },
      {
        kind: 'renal',
        crclFrom: 40,
        crclBelow: 50,
        action: 'reduce',
        doseFraction: 0.825,
        text: 'CrCl 40-49 mL/min: 3.3 mg.',
        source: `${ZOMETA}, section 2 (renal impairment)`,
      },
      {
        kind: 'renal',
        crclFrom: 30,
        crclBelow: 40,
        action: 'reduce',
        doseFraction: 0.75,
        text: 'CrCl 30-39 mL/min: 3.0 mg.',
        source: `${ZOMETA}, section 2 (renal impairment)`,
      },
      {
        kind: 'renal',
        crclBelow: 30,
        action: 'contraindicated',
        text: 'CrCl below 30 mL/min: not recommended in myeloma and bone metastases.',
        source: `${ZOMETA}, section 2 (renal impairment)`,
      },
    ],
    infusion: {
      minMinutes: 15,
      text: 'Infuse over no less than 15 minutes (faster infusion raises the risk of renal toxicity).',
      source: `${ZOMETA}, section 2`,
    },
    source: ZOMETA,
    gaps: 'Read through drug-reference summaries that quote the label, and the renal table of the Aapro bisphosphonate guidance (Cancer Manag Res 2012;4:287, table 4). The dose fractions are the label doses divided by 4 mg. Serum creatinine must be measured before each dose, a monitoring rule without a number.',
  },
  {
    id: 'denosumab',
    synonyms: [],
    brands: ['Xgeva', 'Prolia', 'Wyost', 'Jubbonti'],
    codes: ['AMG 162'],
    class: 'RANKL antibody',
    classes: ['rankl'],
    routes: ['SC'],
    basis: 'flat',
    doses: [
      {
        min: 120,
        max: 120,
        schedule: 'subcutaneously every 4 weeks',
        indication: 'prevention of skeletal-related events in multiple myeloma and bone metastases of solid tumours',
        source: `${XGEVA}, section 2`,
        regimen: { intervalDays: 28 },
      },
      {
        min: 60,
        max: 60,
        schedule: 'subcutaneously every 6 months',
        indication: 'osteoporosis; bone loss on androgen deprivation or aromatase inhibitor therapy',
        source: `${PROLIA}, section 2`,
      },
    ],
    rules: [],
    source: XGEVA,
    gaps: 'Read through drug-reference summaries. The loading doses on days 8 and 15 (giant cell tumour of bone, hypercalcaemia of malignancy) and the calcium and vitamin D supplementation were not read verbatim. Hypocalcaemia must be corrected before starting, without a number in the text read.',
  },

  // --- Myeloid growth factors ----------------------------------------------------------------------
  {
    id: 'filgrastim',
    synonyms: ['g-csf', 'r-methug-csf'],
    brands: ['Neupogen', 'Zarxio', 'Nivestim', 'Nivestym', 'Granix', 'Releuko'],
    codes: [],
    class: 'granulocyte colony-stimulating factor',
    classes: ['gcsf'],
    routes: ['SC', 'IV'],
    basis: 'weight',
    doses: [
      {
        min: 0.005,
        max: 0.005,
        schedule: '5 mcg/kg daily by SC injection or short IV infusion, starting at least 24 hours after chemotherapy, until the neutrophil count recovers',
        indication: 'myelosuppressive chemotherapy for non-myeloid malignancies',
        source: `${NEUPOGEN}, section 2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 0.01,
        max: 0.012,
        schedule:
          '10 mcg/kg daily (after myeloablative chemotherapy and marrow transplant; PBPC mobilisation for 4-7 days); 12 mcg/kg daily in severe congenital neutropenia',
        indication: 'bone marrow transplantation; peripheral blood progenitor cell mobilisation; severe chronic neutropenia',
        source: NIVESTIM,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: NEUPOGEN,
    gaps: 'Doses are in mg/kg (5 mcg/kg is 0.005 mg/kg). Flat vial doses (300 or 480 mcg) used by many protocols are not labelled and are flagged for their basis. Do not give from 24 hours before to 24 hours after cytotoxic chemotherapy: a timing rule no field holds. The US label page was read through drug-reference summaries.',
  },
  {
    id: 'pegfilgrastim',
    synonyms: ['peg-filgrastim'],
    brands: ['Neulasta', 'Fulphila', 'Udenyca', 'Ziextenzo', 'Nyvepria', 'Fylnetra', 'Stimufend'],
    codes: [],
    class: 'long-acting granulocyte colony-stimulating factor',
    classes: ['gcsf'],
    routes: ['SC'],
    basis: 'flat',
    doses: [
      {
        min: 6,
        max: 6,
        schedule: 'one SC injection per chemotherapy cycle, not in the period from 14 days before to 24 hours after chemotherapy',
        indication: 'decrease of febrile neutropenia with myelosuppressive chemotherapy for non-myeloid malignancies',
        source: `${NEULASTA}, section 2; timing as summarised from the label and the ASCO/NCCN guidance by droracle.ai`,
      },
    ],
    rules: [],
    source: NEULASTA,
    gaps: 'Read through drug-reference summaries. Pediatric weight-band doses are not held.',
  },

  // --- Antiemetics -------------------------------------------------------------------------------
  {
    id: 'ondansetron',
    synonyms: ['ondansetron_hydrochloride'],
    brands: ['Zofran', 'Zuplenz'],
    codes: ['GR 38032F'],
    class: '5-HT3 receptor antagonist (antiemetic)',
    classes: ['antiemetic', 'ht3'],
    routes: ['PO', 'IV', 'IM'],
    basis: 'flat',
    doses: [
      {
        min: 8,
        max: 24,
        schedule:
          'orally: 24 mg once before highly emetogenic chemotherapy, or 8 mg twice daily with moderately emetogenic chemotherapy; IV: 8 mg once before chemotherapy',
        indication: 'prevention of chemotherapy-induced nausea and vomiting',
        source: `${ASCO_ANTIEMETICS}; ${ZOFRAN}, section 2`,
      },
      {
        min: 0.15,
        max: 0.15,
        basis: 'weight',
        schedule: 'IV once before chemotherapy',
        indication: 'prevention of chemotherapy-induced nausea and vomiting',
        source: ASCO_ANTIEMETICS,
      },
    ],
    rules: [],
    source: ZOFRAN,
    gaps: 'The doses were read in the ASCO guideline table, which follows the label; the label page and its maximum single IV dose were not read verbatim, so no hard maximum.',
  },
  {
    id: 'aprepitant',
    synonyms: [],
    brands: ['Emend', 'Aponvie', 'Cinvanti'],
    codes: ['MK-0869', 'L-754,030'],
    class: 'NK1 receptor antagonist (antiemetic)',
    classes: ['antiemetic', 'nk1'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 80,
        max: 125,
        schedule:
          '125 mg orally 1 hour before chemotherapy on day 1, then 80 mg once daily in the morning on days 2 and 3, with a corticosteroid and a 5-HT3 antagonist',
        indication: 'prevention of nausea and vomiting with highly and moderately emetogenic chemotherapy',
        source: `${EMEND}, section 2 (as reproduced by MIMS Hong Kong)`,
      },
    ],
    rules: [],
    source: EMEND,
    gaps: 'Intravenous aprepitant emulsions (Cinvanti 130 mg; Aponvie for postoperative nausea) are other products whose doses were not read. No renal or mild-moderate hepatic adjustment.',
  },
  {
    id: 'fosaprepitant',
    synonyms: ['fosaprepitant_dimeglumine'],
    brands: ['Emend IV', 'Focinvez'],
    codes: ['MK-0517'],
    class: 'NK1 receptor antagonist (antiemetic; aprepitant prodrug)',
    classes: ['antiemetic', 'nk1'],
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 150,
        max: 150,
        schedule: 'IV on day 1 only, about 30 minutes before chemotherapy, with a corticosteroid and a 5-HT3 antagonist',
        indication: 'prevention of nausea and vomiting with highly and moderately emetogenic chemotherapy',
        source: `${EMEND_IV}, section 2; dose as in ${ASCO_ANTIEMETICS}`,
      },
    ],
    rules: [],
    source: EMEND_IV,
    gaps: 'Read in the ASCO guideline table and drug-reference summaries. The older 115 mg day-1 regimen is not held.',
  },

  // --- Vitamins of pemetrexed premedication -------------------------------------------------------
  {
    id: 'folic_acid',
    synonyms: ['folic acid', 'folate', 'pteroylglutamic_acid', 'vitamin_b9'],
    brands: [],
    codes: [],
    class: 'vitamin (folate)',
    classes: ['vitamin'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 0.4,
        max: 1,
        schedule: '400-1,000 mcg orally once daily from 7 days before the first pemetrexed dose until 21 days after the last',
        indication: 'premedication for pemetrexed',
        source: ALIMTA_PREMEDICATION,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: ALIMTA_PREMEDICATION,
    gaps: 'Only the pemetrexed premedication dose is held (the EU pemetrexed SmPC allows 350-1,000 mcg). Folic acid products’ own labels (1 mg tablets; 5 mg tablets in the UK for megaloblastic anaemia) were not read, so higher doses read as above the labelled dose.',
  },
  {
    id: 'cyanocobalamin',
    synonyms: ['vitamin_b12', 'vitamin b12', 'b12', 'cobalamin'],
    brands: [],
    codes: [],
    class: 'vitamin (cobalamin)',
    classes: ['vitamin'],
    routes: ['IM', 'SC', 'PO'],
    basis: 'flat',
    doses: [
      {
        min: 1,
        max: 1,
        schedule: '1 mg (1,000 mcg) IM in the week before the first pemetrexed dose, then every 3 cycles (may be on the day of pemetrexed)',
        indication: 'premedication for pemetrexed',
        source: ALIMTA_PREMEDICATION,
        regimen: { intervalDays: 63 },
      },
    ],
    rules: [],
    source: ALIMTA_PREMEDICATION,
    gaps: 'Only the pemetrexed premedication dose is held; the cyanocobalamin injection label’s doses for pernicious anaemia were not read, so other doses read as outside the labelled dose. Hydroxocobalamin is a different product and not a synonym.',
  },

  // --- Corticosteroids -----------------------------------------------------------------------------
  {
    id: 'dexamethasone',
    synonyms: ['dexamethasone_sodium_phosphate', 'dex'],
    brands: ['Decadron', 'Hemady', 'Dexamethasone Intensol'],
    codes: [],
    class: 'corticosteroid (glucocorticoid)',
    classes: ['corticosteroid'],
    routes: ['PO', 'IV', 'IM'],
    basis: 'flat',
    doses: [
      {
        min: 4,
        max: 4,
        schedule: 'orally twice daily on the day before, the day of and the day after each pemetrexed dose',
        indication: 'premedication for pemetrexed',
        source: ALIMTA_PREMEDICATION,
      },
      {
        min: 8,
        max: 20,
        schedule:
          '12 mg on day 1 with an NK1 antagonist (20 mg without), then 8 mg on days 2-4; 8 mg or 20 mg before cabazitaxel, obinutuzumab or daratumumab infusions',
        indication: 'antiemetic prophylaxis; infusion-reaction premedication',
        source: `${ASCO_ANTIEMETICS}; FDA labels Jevtana section 2.1, Gazyva section 2.4, Darzalex Faspro section 2.5`,
      },
      {
        min: 20,
        max: 40,
        schedule:
          '40 mg once daily on days 1-4, 9-12 and 17-20 (lenalidomide, first 4 cycles) or weekly (pomalidomide; 20 mg over 75 years); 20 mg on the day of and after each bortezomib dose',
        indication: 'multiple myeloma regimens',
        source: `FDA label Revlimid (lenalidomide), section 2.1; FDA label Pomalyst (pomalidomide), section 2.1; ${VELCADE}`,
      },
    ],
    rules: [],
    source: DEXAMETHASONE,
    gaps: 'The generic dexamethasone label’s own dosing (a wide range by disease) was not read; the held doses come from the labels and guideline of the regimens that use dexamethasone. Doses below 4 mg (maintenance, pediatric) read as below the labelled dose.',
  },
  {
    id: 'prednisone',
    synonyms: [],
    brands: ['Deltasone', 'Rayos'],
    codes: [],
    class: 'corticosteroid (glucocorticoid prodrug)',
    classes: ['corticosteroid'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 5,
        max: 60,
        schedule: 'initial dosage 5-60 mg a day by disease, in the morning; 5 mg twice daily with abiraterone or docetaxel, 10 mg daily with cabazitaxel',
        indication: 'corticosteroid-responsive diseases; prostate cancer regimens',
        source: `${PREDNISONE}; FDA labels Zytiga section 2.1 and Jevtana section 2.1`,
      },
      {
        min: 80,
        max: 200,
        schedule: 'the label’s multiple sclerosis schedule: 200 mg (stated as prednisolone) daily for a week, then 80 mg every other day for a month',
        indication: 'acute exacerbations of multiple sclerosis',
        source: PREDNISONE,
      },
      {
        min: 60,
        max: 100,
        basis: 'bsa',
        schedule:
          '60 mg/m2 on days 1-4 of 6-week cycles with bortezomib and melphalan (VMP); 100 mg/m2 on days 1-5 of 3-week cycles with bortezomib, rituximab, cyclophosphamide and doxorubicin (VR-CAP)',
        indication: 'previously untreated multiple myeloma (VMP); previously untreated mantle cell lymphoma (VR-CAP)',
        source: VELCADE,
      },
    ],
    rules: [],
    source: PREDNISONE,
    gaps: 'CHOP-based regimens dose prednisone as 100 mg flat or 40 mg/m2 on days 1-5 (not in a prednisone label; Coiffier NEJM 2002 for R-CHOP); flat 100 mg lies within the held range, 40 mg/m2 reads as below it. Prednisolone is a different product and not a synonym.',
  },

  // --- Placebo ----------------------------------------------------------------------------------
  {
    id: 'placebo',
    synonyms: ['matching_placebo', 'placebos', 'dummy'],
    brands: [],
    codes: [],
    class: 'placebo (no active substance)',
    classes: ['placebo'],
    routes: ['IV', 'PO', 'SC', 'IM', 'IT', 'IP', 'TOP', 'INH', 'SL', 'PR'],
    basis: 'flat',
    doses: [],
    rules: [],
    source:
      'No label: a placebo has no active substance, so no dose, limit or rule applies (ICH E10, choice of control group, section 2.1 describes placebo control)',
    gaps: 'A placebo matched to an active drug takes that drug’s schedule; its amount is not checked.',
  },
];
