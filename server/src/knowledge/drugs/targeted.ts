/**
 * Oral targeted agents of solid tumours: CDK4/6, PARP and mTOR inhibitors, VEGFR multikinase
 * inhibitors, EGFR and ALK inhibitors, and BRAF/MEK inhibitors.
 */

import type { Drug } from './types';

// Several labels were read through the manufacturer's medical-information pages or label-copying
// drug references (Pfizer Medical Information, product HCP sites, MIMS, pipelineevidence); the
// source names the label, the gaps say where the reading was indirect.
const KISQALI = 'FDA label Kisqali (ribociclib) tablets, Novartis, rev. 09/2024';
const VERZENIO = 'FDA label Verzenio (abemaciclib) tablets, Eli Lilly (revision not verified)';
const LYNPARZA = 'FDA label Lynparza (olaparib) tablets, AstraZeneca (revision not verified)';
const ZEJULA = 'FDA label Zejula (niraparib) capsules and tablets, GSK (revision not verified)';
const AFINITOR = 'FDA label Afinitor and Afinitor Disperz (everolimus) tablets, Novartis (revision not verified)';
const SUTENT = 'FDA label Sutent (sunitinib malate) capsules, Pfizer (revision not verified)';
const VOTRIENT = 'FDA label Votrient (pazopanib) tablets, Novartis (revision not verified)';
const INLYTA = 'FDA label Inlyta (axitinib) tablets, Pfizer (revision not verified)';
const IRESSA = 'FDA label Iressa (gefitinib) tablets, AstraZeneca (revision not verified)';
const GILOTRIF = 'FDA label Gilotrif (afatinib) tablets, Boehringer Ingelheim (revision not verified)';
const ALECENSA = 'FDA label Alecensa (alectinib) capsules, Genentech (revision not verified)';
const XALKORI = 'FDA label Xalkori (crizotinib) capsules and pellets, Pfizer (revision with pediatric ALCL and IMT; date not verified)';
const LORBRENA = 'FDA label Lorbrena (lorlatinib) tablets, Pfizer (revision not verified)';
const TAFINLAR = 'FDA label Tafinlar (dabrafenib) capsules, Novartis (revision not verified)';
const MEKINIST = 'FDA label Mekinist (trametinib) tablets and oral solution, Novartis (revision not verified)';
const ZELBORAF = 'FDA label Zelboraf (vemurafenib) tablets, Genentech (revision not verified)';
const BRAFTOVI = 'FDA label Braftovi (encorafenib) capsules, Pfizer/Array (revision not verified)';
const MEKTOVI = 'FDA label Mektovi (binimetinib) tablets, Pfizer/Array (revision not verified)';
const EGFR_TKI_TABLE =
  'Exploration of Targeted Anti-tumor Therapy review table of FDA-approved EGFR TKIs (explorationpub.com, table 1: gefitinib 250 mg, afatinib 40 mg)';
const BRAF_MEK_SUMMARY = 'NCCN-based summary of FDA-approved BRAF/MEK combinations (droracle.ai, metastatic melanoma)';

export const TARGETED_DRUGS: readonly Drug[] = [
  // --- CDK4/6, PARP and mTOR inhibitors -----------------------------------------------------------
  {
    id: 'ribociclib',
    synonyms: ['ribociclib_succinate'],
    brands: ['Kisqali'],
    codes: ['LEE011'],
    class: 'CDK4/6 inhibitor',
    classes: ['cdk46'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 600,
        max: 600,
        schedule: 'once daily for 21 consecutive days then 7 days off (28-day cycles), with an aromatase inhibitor or fulvestrant',
        indication: 'HR-positive, HER2-negative advanced or metastatic breast cancer',
        source: `${KISQALI}, section 2.1`,
        regimen: { cycleDays: 28, continuousDays: 21 },
      },
      {
        min: 400,
        max: 400,
        schedule: 'once daily for 21 days then 7 days off (28-day cycles), with an aromatase inhibitor, for 3 years',
        indication: 'adjuvant HR-positive, HER2-negative stage II-III early breast cancer at high risk of recurrence',
        source: `${KISQALI}, section 2.1`,
        regimen: { cycleDays: 28, continuousDays: 21 },
      },
      {
        min: 200,
        max: 400,
        schedule: 'once daily for 21 of 28 days after dose reductions (600 to 400 to 200 mg), or with a strong CYP3A inhibitor',
        indication: 'all indications, dose-reduced',
        source: `${KISQALI}, section 2.2`,
        regimen: { cycleDays: 28, continuousDays: 21 },
      },
    ],
    rules: [],
    courseLimits: [
      {
        maxMonths: 36,
        indication: 'adjuvant early breast cancer',
        text: 'Treatment continues for 3 years or until recurrence.',
        source: `${KISQALI}, section 2.1`,
      },
    ],
    source: KISQALI,
    gaps: 'Read through label copies (MIMS, pillsync, pipelineevidence). The QTcF threshold for starting treatment was not read verbatim, so there is no QTc requirement.',
  },
  {
    id: 'abemaciclib',
    synonyms: [],
    brands: ['Verzenio'],
    codes: ['LY2835219'],
    class: 'CDK4/6 inhibitor',
    classes: ['cdk46'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 150,
        max: 150,
        schedule: 'twice daily, continuously, with endocrine therapy (2 years in early breast cancer)',
        indication: 'HR-positive, HER2-negative early (high risk) or advanced breast cancer',
        source: `${VERZENIO}, section 2.1`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
      {
        min: 200,
        max: 200,
        schedule: 'twice daily, continuously, as a single agent',
        indication: 'HR-positive, HER2-negative advanced breast cancer after endocrine therapy and chemotherapy',
        source: `${VERZENIO}, section 2.1`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    courseLimits: [
      { maxMonths: 24, indication: 'adjuvant early breast cancer', text: 'Continued for 2 years or until recurrence.', source: `${VERZENIO}, section 2.1` },
    ],
    source: VERZENIO,
    gaps: 'The doses were read in trial summaries (MONARCH-1/2/3) matching the label; the label page itself was not read. Reduced doses (100 and 50 mg twice daily) are not held.',
  },
  {
    id: 'olaparib',
    synonyms: [],
    brands: ['Lynparza'],
    codes: ['AZD2281', 'KU-0059436'],
    class: 'PARP inhibitor',
    classes: ['parp'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 300,
        max: 300,
        schedule: 'tablets twice daily (600 mg a day); do not substitute capsules mg for mg',
        indication: 'BRCA-mutated or HRD-positive ovarian, breast (adjuvant and metastatic), pancreatic and prostate cancers',
        source: `${LYNPARZA}, section 2.2`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
      {
        min: 100,
        max: 250,
        schedule:
          'tablets twice daily after dose reductions (250 then 200 mg), or 100-150 mg twice daily with CYP3A inhibitors or in moderate renal impairment',
        indication: 'all indications, dose-reduced',
        source: `${LYNPARZA}, sections 2.3-2.5`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    source: LYNPARZA,
    gaps: 'The 300 mg tablet dose was read through a regimen page (chemoexperts); the reduced tablet doses and the moderate-renal-impairment dose (CrCl 31-50 mL/min: 200 mg twice daily) were not read verbatim, so no renal rule. The discontinued capsules were dosed at 400 mg twice daily.',
  },
  {
    id: 'niraparib',
    synonyms: ['niraparib_tosylate'],
    brands: ['Zejula'],
    codes: ['MK-4827'],
    class: 'PARP inhibitor',
    classes: ['parp'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 100,
        max: 300,
        schedule:
          'once daily: 300 mg (or 200 mg by baseline weight and platelets in first-line maintenance; 200 mg in moderate hepatic impairment), reduced in 100 mg steps (discontinue below 100 mg)',
        indication: 'maintenance of advanced epithelial ovarian, fallopian tube or primary peritoneal cancer after response to platinum',
        source: `${ZEJULA}, sections 2.1-2.3`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: ZEJULA,
    gaps: 'The individualised first-line starting dose (200 mg below 77 kg or platelets below 150,000/µL) was shown as an image on the manufacturer page and not read as text, so no WeightRule. Start within 8 (recurrent) or 12 (first line) weeks of the last platinum regimen.',
  },
  {
    id: 'everolimus',
    synonyms: [],
    brands: ['Afinitor', 'Afinitor Disperz', 'Zortress'],
    codes: ['RAD001', 'SDZ RAD'],
    class: 'mTOR inhibitor',
    classes: ['mtor'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 10,
        max: 10,
        schedule: 'once daily, with or without food, consistently',
        indication:
          'HR-positive breast cancer with exemestane; pancreatic, GI and lung NET; advanced RCC after sunitinib or sorafenib; TSC renal angiomyolipoma',
        source: `${AFINITOR}, section 2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 2.5,
        max: 20,
        schedule:
          'once daily: 7.5, 5 or 2.5 mg by hepatic impairment (Child-Pugh A, B, C), 2.5 mg with a P-gp and moderate CYP3A4 inhibitor, up to 20 mg with a strong CYP3A4 inducer',
        indication: 'the same indications, dose-adjusted',
        source: `${AFINITOR}, section 2 (dose modifications)`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 5,
        max: 5,
        schedule: 'once daily with lenvatinib 18 mg',
        indication: 'advanced RCC after anti-angiogenic therapy (with lenvatinib)',
        source: 'FDA label Lenvima (lenvatinib), section 2.3',
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: AFINITOR,
    gaps: 'Read through drug-reference copies of the label and the EU SmPC dosing page. SEGA and TSC seizure dosing by BSA and trough levels (4.5-5 mg/m2) and transplant dosing (Zortress) are not held.',
  },

  // --- VEGFR multikinase inhibitors --------------------------------------------------------------------
  {
    id: 'sunitinib',
    synonyms: ['sunitinib_malate'],
    brands: ['Sutent'],
    codes: ['SU11248'],
    class: 'VEGFR/PDGFR/KIT multikinase inhibitor (TKI)',
    classes: ['vegfr_tki'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 50,
        max: 50,
        schedule: 'once daily for 4 weeks then 2 weeks off (schedule 4/2)',
        indication: 'GIST after imatinib; advanced RCC; adjuvant high-risk RCC',
        source: `${SUTENT}, section 2`,
        regimen: { cycleDays: 42, continuousDays: 28 },
      },
      {
        min: 37.5,
        max: 37.5,
        schedule: 'once daily continuously, without a scheduled break',
        indication: 'progressive well-differentiated pancreatic neuroendocrine tumours',
        source: `${SUTENT}, section 2`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: SUTENT,
    gaps: 'Read through a label copy (pipelineevidence). The adjuvant RCC course (9 cycles of 6 weeks) was not read verbatim, so no course limit.',
  },
  {
    id: 'pazopanib',
    synonyms: ['pazopanib_hydrochloride'],
    brands: ['Votrient'],
    codes: ['GW786034'],
    class: 'VEGFR/PDGFR/KIT multikinase inhibitor (TKI)',
    classes: ['vegfr_tki'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 800,
        max: 800,
        schedule: 'once daily without food (at least 1 hour before or 2 hours after a meal); reductions to 400 mg then 200 mg',
        indication: 'advanced renal cell carcinoma; advanced soft tissue sarcoma after chemotherapy',
        source: `${VOTRIENT}, section 2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 200,
        max: 400,
        schedule: 'once daily: 200 mg in moderate hepatic impairment; 400 mg with a strong CYP3A4 inhibitor; or after dose reductions',
        indication: 'the same indications, dose-adjusted',
        source: `${VOTRIENT}, section 2`,
        regimen: { intervalDays: 1 },
      },
    ],
    hardMax: { value: 800, source: `${VOTRIENT}, section 2: the dose should not exceed 800 mg` },
    rules: [],
    source: VOTRIENT,
    gaps: 'Read through label copies (pipelineevidence, Skyscape). Severe hepatic impairment is a contraindication defined by Child-Pugh and bilirubin; the numbers were not read verbatim, so no `requires`.',
  },
  {
    id: 'axitinib',
    synonyms: [],
    brands: ['Inlyta'],
    codes: ['AG-013736'],
    class: 'VEGFR multikinase inhibitor (TKI)',
    classes: ['vegfr_tki'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 5,
        max: 5,
        schedule: 'twice daily about 12 hours apart, with avelumab 800 mg every 2 weeks (may be escalated at intervals of 2 weeks or more)',
        indication: 'advanced renal cell carcinoma, first line with avelumab',
        source: 'FDA label Bavencio (avelumab) injection, EMD Serono, section 2 (RCC with axitinib)',
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    source: INLYTA,
    gaps: 'The 5 mg twice-daily dose was read in the avelumab label’s RCC regimen; the Inlyta label page itself (single agent, with pembrolizumab, escalation to 7 and 10 mg, hepatic reduction) was not read, so escalated doses read as above the labelled dose.',
  },

  // --- EGFR and ALK inhibitors ------------------------------------------------------------------------
  {
    id: 'gefitinib',
    synonyms: [],
    brands: ['Iressa'],
    codes: ['ZD1839'],
    class: 'EGFR kinase inhibitor (TKI)',
    classes: ['egfr_tki'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 250,
        max: 250,
        schedule: 'once daily, with or without food',
        indication: 'first-line metastatic NSCLC with EGFR exon 19 deletion or exon 21 L858R',
        source: `${IRESSA}, section 2.2; dose as tabulated in ${EGFR_TKI_TABLE}`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: IRESSA,
    gaps: 'Read through a review table, not the label page. The 500 mg daily dose with strong CYP3A4 inducers is not held.',
  },
  {
    id: 'afatinib',
    synonyms: ['afatinib_dimaleate'],
    brands: ['Gilotrif', 'Giotrif'],
    codes: ['BIBW 2992'],
    class: 'EGFR/HER2 kinase inhibitor (irreversible TKI)',
    classes: ['egfr_tki'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 40,
        max: 40,
        schedule: 'once daily at least 1 hour before or 2 hours after a meal',
        indication: 'metastatic NSCLC with non-resistant EGFR mutations; squamous NSCLC after platinum',
        source: `${GILOTRIF}, section 2.2; dose as tabulated in ${EGFR_TKI_TABLE}`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: GILOTRIF,
    gaps: 'Read through a review table, not the label page. The severe-renal-impairment dose (30 mg) and dose reductions were not read, so no renal rule.',
  },
  {
    id: 'alectinib',
    synonyms: ['alectinib_hydrochloride'],
    brands: ['Alecensa'],
    codes: ['CH5424802', 'RO5424802'],
    class: 'ALK kinase inhibitor (TKI)',
    classes: ['alk'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 600,
        max: 600,
        schedule: 'twice daily with food (adjuvant: for 2 years)',
        indication: 'ALK-positive metastatic NSCLC; adjuvant ALK-positive NSCLC after resection',
        source: `${ALECENSA}, section 2`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
      {
        min: 450,
        max: 450,
        schedule: 'twice daily with food in severe hepatic impairment (Child-Pugh C)',
        indication: 'the same indications, severe hepatic impairment',
        source: `${ALECENSA}, section 2`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    source: ALECENSA,
    gaps: 'Read on the manufacturer’s HCP dosing page. The adjuvant 2-year limit was not read there, so no course limit.',
  },
  {
    id: 'crizotinib',
    synonyms: [],
    brands: ['Xalkori'],
    codes: ['PF-02341066'],
    class: 'ALK/ROS1/MET kinase inhibitor (TKI)',
    classes: ['alk', 'ros1'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 250,
        max: 250,
        schedule: 'twice daily',
        indication: 'ALK- or ROS1-positive metastatic NSCLC (adults); ALK-positive IMT (adults)',
        source: `${XALKORI}, section 2.3`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
      {
        min: 280,
        max: 280,
        basis: 'bsa',
        schedule: 'twice daily, rounded to capsule and pellet strengths by body surface area (120-500 mg twice daily)',
        indication: 'relapsed or refractory ALK-positive systemic ALCL in children and young adults; ALK-positive IMT in children',
        source: `${XALKORI}, section 2.3, tables 2 and 3`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    source: XALKORI,
    gaps: 'The renal (CrCl < 30 mL/min: 250 mg once daily) and hepatic dose adjustments were not read in this session, so no renal rule.',
  },
  {
    id: 'lorlatinib',
    synonyms: [],
    brands: ['Lorbrena', 'Lorviqua'],
    codes: ['PF-06463922'],
    class: 'ALK/ROS1 kinase inhibitor (third-generation TKI)',
    classes: ['alk', 'ros1'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 100,
        max: 100,
        schedule: 'once daily with or without food',
        indication: 'ALK-positive metastatic NSCLC',
        source: `${LORBRENA}, section 2.2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 50,
        max: 75,
        schedule: 'once daily after the first (75 mg) or second (50 mg) dose reduction',
        indication: 'ALK-positive metastatic NSCLC, dose-reduced',
        source: `${LORBRENA}, section 2.3`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: LORBRENA,
  },

  // --- BRAF and MEK inhibitors ------------------------------------------------------------------------
  {
    id: 'dabrafenib',
    synonyms: ['dabrafenib_mesylate'],
    brands: ['Tafinlar'],
    codes: ['GSK2118436'],
    class: 'BRAF kinase inhibitor',
    classes: ['braf'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 150,
        max: 150,
        schedule: 'twice daily, at least 1 hour before or 2 hours after a meal, with trametinib 2 mg once daily (or alone); adjuvant for up to 1 year',
        indication: 'BRAF V600E/K melanoma (metastatic and adjuvant); BRAF V600E NSCLC, anaplastic thyroid cancer and solid tumours',
        source: `${TAFINLAR}, section 2; regimen as in ${BRAF_MEK_SUMMARY}`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    courseLimits: [
      {
        maxMonths: 12,
        indication: 'adjuvant melanoma',
        text: 'Adjuvant treatment is given for up to 1 year.',
        source: `${MEKINIST}, section 2 (adjuvant melanoma)`,
      },
    ],
    source: TAFINLAR,
    gaps: 'Read through drug-reference summaries. Pediatric weight-band dosing is not held.',
  },
  {
    id: 'trametinib',
    synonyms: ['trametinib_dimethyl_sulfoxide'],
    brands: ['Mekinist'],
    codes: ['GSK1120212', 'JTP-74057'],
    class: 'MEK1/2 inhibitor',
    classes: ['mek'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 2,
        max: 2,
        schedule: 'once daily, alone or with dabrafenib 150 mg twice daily; adjuvant melanoma up to 1 year',
        indication: 'BRAF V600E/K melanoma; BRAF V600E NSCLC, anaplastic thyroid cancer and solid tumours',
        source: `${MEKINIST}, section 2`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 1,
        max: 1.5,
        schedule: 'once daily by body weight in children (26-37 kg: 1 mg; 38-50 kg: 1.5 mg); also the reduced adult doses',
        indication: 'pediatric solid tumours and low-grade glioma with BRAF V600E; dose reductions',
        source: `${MEKINIST}, section 2`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    courseLimits: [
      { maxMonths: 12, indication: 'adjuvant melanoma', text: 'Adjuvant treatment continues for up to 1 year.', source: `${MEKINIST}, section 2` },
    ],
    source: MEKINIST,
    gaps: 'Read through a drug-reference copy (Skyscape). The oral solution’s finer weight bands are not held.',
  },
  {
    id: 'vemurafenib',
    synonyms: [],
    brands: ['Zelboraf'],
    codes: ['PLX4032', 'RG7204'],
    class: 'BRAF kinase inhibitor',
    classes: ['braf'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 960,
        max: 960,
        schedule: 'twice daily about 12 hours apart (with cobimetinib 60 mg once daily for 21 of 28 days, or alone)',
        indication: 'BRAF V600E melanoma; Erdheim-Chester disease with BRAF V600',
        source: `${ZELBORAF}, section 2; regimen as in ${BRAF_MEK_SUMMARY}`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    source: ZELBORAF,
    gaps: 'Read through a drug-reference summary. Dose reductions (720 and 480 mg twice daily) are not held.',
  },
  {
    id: 'encorafenib',
    synonyms: [],
    brands: ['Braftovi'],
    codes: ['LGX818'],
    class: 'BRAF kinase inhibitor',
    classes: ['braf'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 450,
        max: 450,
        schedule: 'once daily with binimetinib 45 mg twice daily',
        indication: 'BRAF V600E/K melanoma; BRAF V600E metastatic NSCLC',
        source: `${BRAFTOVI}, section 2; regimen as in ${BRAF_MEK_SUMMARY}`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: BRAFTOVI,
    gaps: 'The colorectal dose with cetuximab (300 mg once daily) was not read in this session and is not held, so BEACON-style protocols read as below the labelled dose.',
  },
  {
    id: 'binimetinib',
    synonyms: [],
    brands: ['Mektovi'],
    codes: ['MEK162', 'ARRY-162'],
    class: 'MEK1/2 inhibitor',
    classes: ['mek'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 45,
        max: 45,
        schedule: 'twice daily about 12 hours apart, with encorafenib 450 mg once daily',
        indication: 'BRAF V600E/K melanoma; BRAF V600E metastatic NSCLC',
        source: `${MEKTOVI}, section 2; regimen as in ${BRAF_MEK_SUMMARY}`,
        regimen: { intervalDays: 1, perDay: 2 },
      },
    ],
    rules: [],
    source: MEKTOVI,
    gaps: 'Read through a drug-reference summary. The reduced dose (30 mg twice daily) and the moderate-hepatic-impairment dose are not held.',
  },
];
