/**
 * Hormonal agents of breast and prostate cancer: androgen-synthesis inhibitor and androgen
 * receptor inhibitor, GnRH agonists, SERM, SERD and aromatase inhibitors.
 */

import type { Drug } from './types';

// Several rows here were read through drug-reference summaries of the label (the label page
// itself not being in reach); the gaps say so where it matters.
const ZYTIGA = 'FDA label Zytiga (abiraterone acetate) tablets, Janssen (revision not verified)';
const XTANDI = 'FDA label Xtandi (enzalutamide) capsules and tablets, Astellas/Pfizer (revision not verified)';
const LUPRON = 'FDA label Lupron Depot (leuprolide acetate for depot suspension) 7.5 mg, 22.5 mg, 30 mg, 45 mg, AbbVie (revision not verified)';
const ZOLADEX = 'FDA label Zoladex (goserelin implant) 3.6 mg and 10.8 mg, TerSera/AstraZeneca (revision not verified)';
const TAMOXIFEN = 'FDA label tamoxifen citrate tablets (Nolvadex reference labeling; revision not verified)';
const FEMARA = 'FDA label Femara (letrozole) tablets, Novartis (revision not verified)';
const ARIMIDEX = 'FDA label Arimidex (anastrozole) tablets, ANI/AstraZeneca (revision not verified)';
const AROMASIN = 'FDA label Aromasin (exemestane) tablets, Pfizer (revision not verified)';
const FASLODEX = 'FDA label Faslodex (fulvestrant) injection, AstraZeneca (revision not verified)';
const CONFIRM =
  'Di Leo A et al., CONFIRM final overall survival, J Natl Cancer Inst 2014;106(1):djt337 (fulvestrant 500 mg as two 5-mL IM injections on days 0, 14, 28, then every 28 days)';

export const HORMONAL_DRUGS: readonly Drug[] = [
  {
    id: 'abiraterone',
    synonyms: ['abiraterone_acetate'],
    brands: ['Zytiga', 'Yonsa'],
    codes: ['CB7630'],
    class: 'CYP17 inhibitor (androgen synthesis inhibitor)',
    classes: ['androgen_synthesis'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 1000,
        max: 1000,
        schedule: 'orally once daily on an empty stomach, with prednisone 5 mg twice daily (mCRPC) or once daily (mCSPC), with continued GnRH therapy',
        indication: 'metastatic castration-resistant and high-risk castration-sensitive prostate cancer',
        source: `${ZYTIGA}, section 2.1`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 250,
        max: 500,
        schedule:
          'once daily: 250 mg in moderate hepatic impairment (Zytiga); 500 mg of the fine-particle formulation (Yonsa) with methylprednisolone 4 mg twice daily',
        indication: 'the same indications, dose-adjusted or with the fine-particle tablets',
        source: `${ZYTIGA}, section 2 (hepatic impairment); FDA label Yonsa (abiraterone acetate, micronized) tablets, section 2`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    premedication: {
      text: 'Given with prednisone (5 mg twice daily in mCRPC, once daily in mCSPC) to offset mineralocorticoid excess.',
      source: `${ZYTIGA}, section 2.1`,
      agents: [{ name: 'prednisone', drugs: ['prednisone'], classes: ['corticosteroid'] }],
    },
    source: ZYTIGA,
    gaps: 'Read through drug-reference summaries of the label. Severe hepatic impairment (Child-Pugh C): avoid; treatment-emergent ALT/AST above 5 x ULN or bilirubin above 3 x ULN: interrupt. These are on-treatment rules, not entry requirements.',
  },
  {
    id: 'enzalutamide',
    synonyms: [],
    brands: ['Xtandi'],
    codes: ['MDV3100'],
    class: 'androgen receptor inhibitor',
    classes: ['antiandrogen'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 160,
        max: 160,
        schedule: 'orally once daily, with or without food, with continued GnRH therapy',
        indication: 'castration-resistant and metastatic castration-sensitive prostate cancer; nmCSPC with biochemical recurrence',
        source: `${XTANDI}, section 2.1`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 80,
        max: 120,
        schedule: 'once daily after dose reduction for toxicity, or 80 mg with a strong CYP2C8 inhibitor',
        indication: 'the same indications, dose-adjusted',
        source: `${XTANDI}, section 2.2`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: XTANDI,
    gaps: 'The 160 mg dose was read through drug-reference summaries; the reduced doses were not read verbatim in this session.',
  },
  {
    id: 'leuprolide',
    synonyms: ['leuprorelin', 'leuprolide_acetate'],
    brands: ['Lupron Depot', 'Eligard', 'Camcevi', 'Fensolvi'],
    codes: [],
    class: 'GnRH agonist',
    classes: ['gnrh'],
    routes: ['IM', 'SC'],
    basis: 'flat',
    doses: [
      {
        min: 7.5,
        max: 45,
        schedule: '7.5 mg every month, 22.5 mg every 3 months (84 days), 30 mg every 4 months or 45 mg every 6 months; the depot forms are not interchangeable',
        indication: 'advanced prostate cancer',
        source: `${LUPRON}, section 2`,
      },
      {
        min: 3.75,
        max: 11.25,
        schedule: '3.75 mg every month or 11.25 mg every 3 months (Lupron Depot 3.75 mg and 11.25 mg products)',
        indication: 'endometriosis; uterine fibroids; ovarian suppression in premenopausal breast cancer (off-label in the US)',
        source: 'FDA label Lupron Depot 3.75 mg and 11.25 mg, AbbVie, section 2 (read through a drug-reference summary)',
      },
    ],
    rules: [],
    source: LUPRON,
    gaps: 'Read through drug-reference summaries (emedtv, droracle) of the Lupron Depot labels. Pediatric central precocious puberty doses (Lupron Depot-Ped, Fensolvi) are not held.',
  },
  {
    id: 'goserelin',
    synonyms: ['goserelin_acetate'],
    brands: ['Zoladex'],
    codes: ['ICI 118630'],
    class: 'GnRH agonist',
    classes: ['gnrh'],
    routes: ['SC'],
    basis: 'flat',
    doses: [
      {
        min: 3.6,
        max: 3.6,
        schedule: 'subcutaneous implant into the anterior abdominal wall every 28 days',
        indication: 'prostate cancer; advanced breast cancer in pre- and perimenopausal women; endometriosis',
        source: `${ZOLADEX}, section 2`,
        regimen: { intervalDays: 28 },
      },
      {
        min: 10.8,
        max: 10.8,
        schedule: 'subcutaneous implant every 12 weeks',
        indication: 'prostate cancer',
        source: `${ZOLADEX}, section 2`,
        regimen: { intervalDays: 84 },
      },
    ],
    rules: [],
    source: ZOLADEX,
    gaps: 'Read through drug-reference summaries of the label.',
  },
  {
    id: 'tamoxifen',
    synonyms: ['tamoxifen_citrate'],
    brands: ['Nolvadex', 'Soltamox'],
    codes: ['ICI 46474'],
    class: 'selective estrogen receptor modulator',
    classes: ['serm'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 10,
        max: 40,
        schedule:
          '20 mg once daily; 20-40 mg a day in metastatic breast cancer, amounts above 20 mg split into morning and evening doses; 5 years in the adjuvant, DCIS and risk-reduction settings',
        indication: 'breast cancer (metastatic, adjuvant, DCIS); risk reduction in high-risk women',
        source: `${TAMOXIFEN}, Dosage and Administration`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    courseLimits: [
      {
        maxMonths: 60,
        indication: 'DCIS and breast cancer risk reduction',
        text: 'Twenty milligrams daily for 5 years.',
        source: `${TAMOXIFEN}, Dosage and Administration`,
      },
    ],
    source: TAMOXIFEN,
    gaps: 'Read through patient and formulary summaries (20 mg a day for five years; tablets of 20 mg); the per-dose range spans the label’s 20-40 mg daily amounts and their split doses. The extended adjuvant use beyond 5 years is guideline practice, not labelled.',
  },
  {
    id: 'letrozole',
    synonyms: [],
    brands: ['Femara'],
    codes: ['CGS 20267'],
    class: 'aromatase inhibitor (non-steroidal)',
    classes: ['aromatase'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 2.5,
        max: 2.5,
        schedule: 'once daily, with or without food (every other day in cirrhosis or severe hepatic impairment)',
        indication: 'hormone receptor-positive breast cancer in postmenopausal women (adjuvant, extended adjuvant, advanced; with a CDK4/6 inhibitor)',
        source: `${FEMARA}, section 2`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: FEMARA,
    gaps: 'Read through drug-reference summaries of the label.',
  },
  {
    id: 'anastrozole',
    synonyms: [],
    brands: ['Arimidex'],
    codes: ['ZD1033'],
    class: 'aromatase inhibitor (non-steroidal)',
    classes: ['aromatase'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 1,
        max: 1,
        schedule: 'once daily',
        indication: 'hormone receptor-positive breast cancer in postmenopausal women (adjuvant, first-line and second-line advanced)',
        source: `${ARIMIDEX}, section 2.1`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: ARIMIDEX,
    gaps: 'The 1 mg daily dose was read in trial reports and formularies (1 mg tablets), not on the label page.',
  },
  {
    id: 'exemestane',
    synonyms: [],
    brands: ['Aromasin'],
    codes: ['FCE 24304'],
    class: 'aromatase inactivator (steroidal)',
    classes: ['aromatase'],
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 25,
        max: 25,
        schedule: 'one tablet once daily after a meal',
        indication: 'adjuvant ER-positive early breast cancer after 2-3 years of tamoxifen (to 5 years in all); advanced breast cancer after tamoxifen',
        source: `${AROMASIN}, section 2.1`,
        regimen: { intervalDays: 1 },
      },
      {
        min: 50,
        max: 50,
        schedule: 'once daily after a meal, with a strong CYP3A4 inducer such as rifampicin or phenytoin',
        indication: 'the same indications, with a strong CYP3A4 inducer',
        source: `${AROMASIN}, section 2.2`,
        regimen: { intervalDays: 1 },
      },
    ],
    rules: [],
    source: AROMASIN,
  },
  {
    id: 'fulvestrant',
    synonyms: [],
    brands: ['Faslodex'],
    codes: ['ICI 182,780', 'ZD9238'],
    class: 'selective estrogen receptor degrader',
    classes: ['serd'],
    routes: ['IM'],
    basis: 'flat',
    doses: [
      {
        min: 500,
        max: 500,
        schedule: 'two 5 mL intramuscular injections (one in each buttock) on days 1, 15 and 29, then once monthly',
        indication: 'HR-positive advanced breast cancer in postmenopausal women, alone or with a CDK4/6 inhibitor',
        source: `${FASLODEX}, section 2.1; schedule as in ${CONFIRM}`,
      },
      {
        min: 250,
        max: 250,
        schedule: 'on days 1, 15 and 29, then monthly, in moderate hepatic impairment (Child-Pugh B)',
        indication: 'the same indications, moderate hepatic impairment',
        source: `${FASLODEX}, section 2.2`,
      },
    ],
    rules: [],
    source: FASLODEX,
    gaps: 'The schedule was read in the CONFIRM trial report, whose 500 mg regimen the label adopted; the hepatic 250 mg dose was not read verbatim in this session.',
  },
];
