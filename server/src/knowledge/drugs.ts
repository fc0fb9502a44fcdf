/**
 * Drugs: names, class, routes, dose basis, labelled per-administration doses, and the label's
 * weight- and organ-function rules. Every number carries its source (label and section) in its
 * row. Where no source was at hand the field is left empty and `gaps` says so: a check never
 * fires on a number nobody can cite.
 */

import type { ROUTE } from '../language/enums';
import type { DoseBasis } from '../language/units';

export { DOSE_BASIS, type DoseBasis } from '../language/units';

export type DrugRoute = (typeof ROUTE.words)[number];

/** A labelled dose per administration, in the unit of the drug's basis. */
export interface LabelledDose {
  /** mg/m2 (bsa), mg/kg (weight), mg (flat) or the target AUC in mg/mL·min (auc). */
  readonly min: number;
  readonly max: number;
  /** The schedule as the label gives it, e.g. "days 1 and 8 of a 21-day cycle". */
  readonly schedule: string;
  readonly indication: string;
  /** The label and section the numbers come from. */
  readonly source: string;
}

/** A dose that depends on body weight (lenvatinib in HCC: 8 mg below 60 kg, 12 mg at or above). */
export interface WeightRule {
  readonly kind: 'weight';
  readonly thresholdKg: number;
  readonly doseBelow: number;
  readonly doseAtOrAbove: number;
  readonly indication: string;
  readonly source: string;
}

/** A creatinine-clearance band (mL/min) where the label reduces the dose or forbids the drug. */
export interface RenalRule {
  readonly kind: 'renal';
  /** The band's lower bound, inclusive; absent for "below …". */
  readonly crclFrom?: number;
  /** The band's upper bound, exclusive; absent for "at or above …". */
  readonly crclBelow?: number;
  readonly action: 'contraindicated' | 'reduce' | 'caution';
  /** The fraction of the dose to give in the band, where the label states one. */
  readonly doseFraction?: number;
  readonly text: string;
  readonly source: string;
}

export type DrugRule = WeightRule | RenalRule;

export interface Drug {
  /** The generic name, lower case, as `.trial` files write it. */
  readonly id: string;
  /** Other generic spellings and abbreviations (`5-fu` for fluorouracil). */
  readonly synonyms: readonly string[];
  readonly brands: readonly string[];
  /** Development codes (`JS001` for toripalimab). */
  readonly codes: readonly string[];
  readonly class: string;
  readonly routes: readonly DrugRoute[];
  readonly basis: DoseBasis;
  readonly doses: readonly LabelledDose[];
  /** A per-administration bound beyond which the number is almost surely a typo, where a source gives one. */
  readonly hardMax?: { readonly value: number; readonly source: string };
  readonly rules: readonly DrugRule[];
  /** The label the row as a whole comes from. */
  readonly source: string;
  /** What the row leaves empty for want of a source. */
  readonly gaps?: string;
}

// ---------------------------------------------------------------------------------------------
// Label names. A revision is given where it was seen in the label text or its "Recent Major
// Changes"; "revision not verified" marks a label whose numbers were read from its published
// text but whose revision date was not.
// ---------------------------------------------------------------------------------------------

const ELOXATIN = 'FDA label Eloxatin (oxaliplatin) injection, Sanofi (revision not verified)';
const GEMZAR = 'FDA label Gemzar (gemcitabine) for injection, Eli Lilly, rev. 2019';
const LENVIMA = 'FDA label Lenvima (lenvatinib) capsules, Eisai, current revision (HCC, endometrial and RCC-with-pembrolizumab indications; date not verified)';
const LOQTORZI = 'FDA label Loqtorzi (toripalimab-tpzi) injection, Coherus, rev. 10/2023';
const XELODA = 'FDA label Xeloda (capecitabine) tablets, Genentech/H2-Pharma, rev. 12/2022';
const CISPLATIN = 'FDA label cisplatin injection (Platinol reference labeling; revision not verified)';
const IMFINZI = 'FDA label Imfinzi (durvalumab) injection, AstraZeneca, rev. 12/2024 or later (limited-stage SCLC and perioperative NSCLC indications present)';
const KEYTRUDA = 'FDA label Keytruda (pembrolizumab) injection, Merck, current revision (biliary tract indication of 10/2023 present; date not verified)';
const FLUOROURACIL = 'FDA label fluorouracil injection (2016 PLR labeling; revision not verified)';
const LEUCOVORIN = 'FDA label leucovorin calcium injection (non-PLR generic labeling; revision not verified)';
const PEMAZYRE = 'FDA label Pemazyre (pemigatinib) tablets, Incyte, rev. 08/2022';
const TIBSOVO = 'FDA label Tibsovo (ivosidenib) tablets, Servier (revision not verified)';
const CAMPTOSAR = 'FDA label Camptosar (irinotecan) injection, Pfizer (revision not verified)';
const ABRAXANE = 'FDA label Abraxane (paclitaxel protein-bound particles for injectable suspension, albumin-bound), BMS/Celgene (revision not verified)';
const TARCEVA = 'FDA label Tarceva (erlotinib) tablets, Genentech (revision not verified)';
const AVASTIN = 'FDA label Avastin (bevacizumab) injection, Genentech (revision not verified)';
const ERBITUX = 'FDA label Erbitux (cetuximab) injection, Eli Lilly, rev. 2021 or later (every-2-weeks regimen present)';
const VECTIBIX = 'FDA label Vectibix (panitumumab) injection, Amgen (revision not verified)';
const STIVARGA = 'FDA label Stivarga (regorafenib) tablets, Bayer (revision not verified)';
const LONSURF = 'FDA label Lonsurf (trifluridine and tipiracil) tablets, Taiho, rev. 08/2023 (bevacizumab combination present)';
const TAXOTERE = 'FDA label Taxotere (docetaxel) injection, Sanofi (revision not verified)';
const PACLITAXEL = 'FDA label paclitaxel injection (Taxol reference labeling; revision not verified)';
const HERCEPTIN = 'FDA label Herceptin (trastuzumab) for injection, Genentech (revision not verified)';
const OPDIVO = 'FDA label Opdivo (nivolumab) injection, Bristol-Myers Squibb, current revision (date not verified)';
const CYRAMZA = 'FDA label Cyramza (ramucirumab) injection, Eli Lilly (revision not verified)';
const NEXAVAR = 'FDA label Nexavar (sorafenib) tablets, Bayer (revision not verified)';
const TECENTRIQ = 'FDA label Tecentriq (atezolizumab) injection for intravenous use, Genentech, current revision (date not verified)';
const IMJUDO = 'FDA label Imjudo (tremelimumab-actl) injection, AstraZeneca, rev. 2024';
const CABOMETYX = 'FDA label Cabometyx (cabozantinib) tablets, Exelixis, current revision (date not verified)';
const COMETRIQ = 'FDA label Cometriq (cabozantinib) capsules, Exelixis (revision not verified)';
const CARBOPLATIN = 'FDA label carboplatin injection (Paraplatin reference labeling; revision not verified)';
const ALIMTA = 'FDA label Alimta (pemetrexed) for injection, Eli Lilly, current PLR revision (date not verified)';
const TAGRISSO = 'FDA label Tagrisso (osimertinib) tablets, AstraZeneca (revision not verified)';
const TOPOSAR = 'FDA label etoposide injection (Toposar / VePesid reference labeling, non-PLR; revision not verified)';
const DOXORUBICIN = 'FDA label doxorubicin hydrochloride injection (PLR generic labeling; revision not verified)';
const CYCLOPHOSPHAMIDE = 'FDA label cyclophosphamide injection and tablets (PLR generic labeling; revision not verified)';
const PERJETA = 'FDA label Perjeta (pertuzumab) injection, Genentech (revision not verified)';
const IBRANCE = 'FDA label Ibrance (palbociclib) capsules and tablets, Pfizer (revision not verified)';
const YERVOY = 'FDA label Yervoy (ipilimumab) injection, Bristol-Myers Squibb, current revision (date not verified)';
const LIBTAYO = 'FDA label Libtayo (cemiplimab-rwlc) injection, Regeneron, rev. 10/2025';
const TEVIMBRA = 'FDA label Tevimbra (tislelizumab-jsgr) injection, BeiGene/BeOne, rev. 2025';
const GLEEVEC = 'FDA label Gleevec (imatinib) tablets, Novartis (revision not verified)';

export const DRUGS: readonly Drug[] = [
  // --- Seed trials: FOLFOX/CAPOX, gemcitabine doublets, lenvatinib, toripalimab ------------------
  {
    id: 'oxaliplatin',
    synonyms: ['l-ohp'],
    brands: ['Eloxatin'],
    codes: [],
    class: 'platinum (alkylating agent)',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 85,
        max: 85,
        schedule: 'every 2 weeks, day 1, with leucovorin and fluorouracil',
        indication: 'adjuvant stage III colon cancer; advanced colorectal cancer',
        source: `${ELOXATIN}, section 2.1`,
      },
      {
        min: 130,
        max: 130,
        schedule: 'day 1 of each 21-day cycle, with capecitabine 1,000 mg/m2 twice daily days 1-14',
        indication: 'colorectal cancer, capecitabine combination',
        source: `${XELODA}, section 2.1`,
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclBelow: 30,
        action: 'reduce',
        text: 'Severe renal impairment (CrCl < 30 mL/min): reduce the starting dose from 85 mg/m2 to 65 mg/m2.',
        source: `${ELOXATIN}, section 2 (dosage in severe renal impairment) and section 8.6`,
      },
    ],
    source: ELOXATIN,
    gaps: 'The exact subsection number of the severe-renal-impairment dosage in the current Eloxatin revision was not verified; the 65 mg/m2 reduction has no stated fraction, so no doseFraction.',
  },
  {
    id: 'gemcitabine',
    synonyms: ['gemcitabine_hydrochloride'],
    brands: ['Gemzar', 'Infugem'],
    codes: ['LY188011'],
    class: 'pyrimidine antimetabolite (nucleoside analogue)',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 1000,
        max: 1000,
        schedule: 'days 1 and 8 of each 21-day cycle, with carboplatin AUC 4 on day 1',
        indication: 'ovarian cancer',
        source: `${GEMZAR}, section 2.1`,
      },
      {
        min: 1250,
        max: 1250,
        schedule: 'days 1 and 8 of each 21-day cycle, with paclitaxel on day 1',
        indication: 'metastatic breast cancer',
        source: `${GEMZAR}, section 2.2`,
      },
      {
        min: 1000,
        max: 1000,
        schedule: 'days 1, 8 and 15 of each 28-day cycle, with cisplatin',
        indication: 'non-small cell lung cancer',
        source: `${GEMZAR}, section 2.3`,
      },
      {
        min: 1250,
        max: 1250,
        schedule: 'days 1 and 8 of each 21-day cycle, with cisplatin',
        indication: 'non-small cell lung cancer',
        source: `${GEMZAR}, section 2.3`,
      },
      {
        min: 1000,
        max: 1000,
        schedule: 'weekly for up to 7 weeks, 1 week rest, then days 1, 8 and 15 of each 28-day cycle',
        indication: 'pancreatic adenocarcinoma',
        source: `${GEMZAR}, section 2.4`,
      },
    ],
    hardMax: {
      value: 5700,
      source: `${GEMZAR}, section 10 (Overdosage): single doses as high as 5,700 mg/m2 were given IV over 30 minutes every 2 weeks in a phase 1 study`,
    },
    rules: [],
    source: GEMZAR,
    gaps: 'Gemcitabine-cisplatin for biliary tract cancer (1,000 mg/m2 days 1 and 8 with durvalumab or pembrolizumab) is not a Gemzar-labelled indication; it is covered numerically by the labelled 1,000 mg/m2 dose. No creatinine-clearance rule in the label.',
  },
  {
    id: 'lenvatinib',
    synonyms: ['lenvatinib_mesylate'],
    brands: ['Lenvima'],
    codes: ['E7080'],
    class: 'VEGFR multikinase inhibitor (TKI)',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      { min: 24, max: 24, schedule: 'once daily', indication: 'differentiated thyroid cancer', source: `${LENVIMA}, section 2.2` },
      {
        min: 20,
        max: 20,
        schedule: 'once daily, with pembrolizumab 200 mg every 3 weeks',
        indication: 'advanced renal cell carcinoma, first line',
        source: `${LENVIMA}, section 2.3`,
      },
      {
        min: 18,
        max: 18,
        schedule: 'once daily, with everolimus 5 mg once daily',
        indication: 'advanced renal cell carcinoma after anti-angiogenic therapy',
        source: `${LENVIMA}, section 2.3`,
      },
      {
        min: 8,
        max: 12,
        schedule: 'once daily; 12 mg if actual body weight >= 60 kg, 8 mg if < 60 kg',
        indication: 'hepatocellular carcinoma',
        source: `${LENVIMA}, section 2.4`,
      },
      {
        min: 20,
        max: 20,
        schedule: 'once daily, with pembrolizumab 200 mg every 3 weeks',
        indication: 'advanced endometrial carcinoma (not MSI-H/dMMR)',
        source: `${LENVIMA}, section 2.5`,
      },
    ],
    hardMax: { value: 40, source: `${LENVIMA}, section 10 (Overdosage): single doses as high as 40 mg were given (wording seen in the 05/2016 revision)` },
    rules: [
      {
        kind: 'weight',
        thresholdKg: 60,
        doseBelow: 8,
        doseAtOrAbove: 12,
        indication: 'hepatocellular carcinoma',
        source: `${LENVIMA}, section 2.4 (dose by actual body weight)`,
      },
      {
        kind: 'renal',
        crclBelow: 30,
        action: 'reduce',
        text: 'Severe renal impairment (CrCl < 30 mL/min, Cockcroft-Gault, actual body weight): 14 mg once daily in DTC; 10 mg once daily in RCC and endometrial carcinoma; no recommended dose in HCC; end-stage renal disease not studied.',
        source: `${LENVIMA}, section 2 (dosage modifications for severe renal impairment) and section 8.6`,
      },
    ],
    source: LENVIMA,
    gaps: 'Subsection numbers follow the numbering of the 2018-2021 revisions (2.2 DTC, 2.3 RCC, 2.4 HCC, 2.5 endometrial); the current revision may renumber them. The renal rule reduces to indication-specific doses, so no doseFraction.',
  },
  {
    id: 'toripalimab',
    synonyms: ['toripalimab-tpzi'],
    brands: ['Loqtorzi', 'Tuoyi'],
    codes: ['JS001'],
    class: 'PD-1 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 240,
        max: 240,
        schedule: 'every 3 weeks, with cisplatin and gemcitabine, up to 24 months',
        indication: 'first-line metastatic or recurrent locally advanced nasopharyngeal carcinoma',
        source: `${LOQTORZI}, section 2.1`,
      },
    ],
    rules: [],
    source: LOQTORZI,
    gaps: 'The FDA label also gives 3 mg/kg every 2 weeks for previously treated NPC, a weight-based dose that a flat-basis row cannot hold. Chinese NMPA (Tuoyi) regimens for other indications were not entered (no NMPA label text at hand).',
  },
  {
    id: 'capecitabine',
    synonyms: [],
    brands: ['Xeloda'],
    codes: ['Ro 09-1978'],
    class: 'fluoropyrimidine antimetabolite (oral prodrug of fluorouracil)',
    routes: ['PO'],
    basis: 'bsa',
    doses: [
      {
        min: 1250,
        max: 1250,
        schedule: 'twice daily, days 1-14 of each 21-day cycle, up to 8 cycles',
        indication: 'adjuvant stage III colon cancer, single agent',
        source: `${XELODA}, section 2.1`,
      },
      {
        min: 1000,
        max: 1000,
        schedule: 'twice daily, days 1-14 of each 21-day cycle, with oxaliplatin 130 mg/m2 day 1',
        indication: 'colorectal cancer, oxaliplatin combination',
        source: `${XELODA}, section 2.1`,
      },
      {
        min: 825,
        max: 825,
        schedule: 'twice daily with concomitant radiation therapy',
        indication: 'perioperative locally advanced rectal cancer',
        source: `${XELODA}, section 2.1`,
      },
      {
        min: 1250,
        max: 1250,
        schedule: 'twice daily, days 1-14 of each 21-day cycle',
        indication: 'unresectable or metastatic colorectal cancer, single agent',
        source: `${XELODA}, section 2.1`,
      },
      {
        min: 1000,
        max: 1250,
        schedule: 'twice daily, days 1-14 of each 21-day cycle, single agent or with docetaxel',
        indication: 'advanced or metastatic breast cancer',
        source: `${XELODA}, section 2.2`,
      },
      {
        min: 625,
        max: 1000,
        schedule: 'twice daily, as the platinum-containing regimen of section 2.3 sets (625, 850 or 1,000 mg/m2)',
        indication: 'gastric, esophageal or gastroesophageal junction cancer',
        source: `${XELODA}, section 2.3`,
      },
      {
        min: 830,
        max: 830,
        schedule: 'twice daily, days 1-21 of each 28-day cycle, with gemcitabine, up to 6 cycles',
        indication: 'adjuvant pancreatic adenocarcinoma',
        source: `${XELODA}, section 2.4`,
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclFrom: 30,
        crclBelow: 51,
        action: 'reduce',
        doseFraction: 0.75,
        text: 'Moderate renal impairment (CrCl 30 to 50 mL/min, Cockcroft-Gault): reduce the dose by 25% (75% of the starting dose). Encoded as below 51 because the label band is 30-50 inclusive and mild impairment starts at 51.',
        source: `${XELODA}, section 2.6 (renal impairment) and section 8.6`,
      },
    ],
    source: XELODA,
    gaps: 'CrCl below 30 mL/min: the 12/2022 revision no longer lists severe renal impairment as a contraindication (section 4 now lists only severe hypersensitivity to capecitabine or fluorouracil); the exact guidance it gives for severe impairment was not read verbatim, so no rule is encoded for that band (the pre-2022 "contraindicated below 30 mL/min" is superseded). The perioperative rectal dose of 1,250 mg/m2 twice daily without radiation was read only in part and is covered by the 1,250 mg/m2 entries. Gastric/esophageal schedules per regimen (which of 625, 850, 1,000 mg/m2 goes with which platinum and cycle) were taken from summaries of section 2.3, not its verbatim text.',
  },

  // --- Biliary tract: gemcitabine-cisplatin with durvalumab or pembrolizumab; 5-FU/leucovorin;
  //     FGFR2 and IDH1 targeted agents ------------------------------------------------------------
  {
    id: 'cisplatin',
    synonyms: ['cddp', 'cis-diamminedichloroplatinum'],
    brands: ['Platinol'],
    codes: [],
    class: 'platinum (alkylating agent)',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 20,
        max: 20,
        schedule: 'daily for 5 days per cycle',
        indication: 'metastatic testicular tumors, combination therapy',
        source: `${CISPLATIN}, Dosage and Administration`,
      },
      {
        min: 75,
        max: 100,
        schedule: 'once every 4 weeks (day 1), with cyclophosphamide 600 mg/m2',
        indication: 'metastatic ovarian tumors',
        source: `${CISPLATIN}, Dosage and Administration`,
      },
      {
        min: 100,
        max: 100,
        schedule: 'once every 4 weeks, single agent',
        indication: 'metastatic ovarian tumors',
        source: `${CISPLATIN}, Dosage and Administration`,
      },
      {
        min: 50,
        max: 70,
        schedule: 'once every 3 to 4 weeks, single agent (50 mg/m2 every 4 weeks if heavily pretreated)',
        indication: 'advanced bladder cancer',
        source: `${CISPLATIN}, Dosage and Administration`,
      },
      {
        min: 75,
        max: 75,
        schedule: 'day 1 of each 21-day cycle, after pemetrexed 500 mg/m2',
        indication: 'non-squamous NSCLC; mesothelioma',
        source: `${ALIMTA}, section 2`,
      },
    ],
    rules: [],
    source: CISPLATIN,
    gaps: 'The biliary regimen (cisplatin 25 mg/m2 days 1 and 8 with gemcitabine, TOPAZ-1/KEYNOTE-966) is in no cisplatin label; the Imfinzi and Keytruda labels refer to the cisplatin label. The cisplatin label states renal function as a condition for repeat courses but no creatinine-clearance band with a dose, so no renal rule. Text read was the Platinol-era wording; the current generic PLR revisions may word the schedules as "every 3 to 4 weeks".',
  },
  {
    id: 'durvalumab',
    synonyms: [],
    brands: ['Imfinzi'],
    codes: ['MEDI4736'],
    class: 'PD-L1 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 1500,
        max: 1500,
        schedule: 'every 3 weeks with gemcitabine and cisplatin (up to 8 cycles), then 1,500 mg every 4 weeks as a single agent',
        indication: 'locally advanced or metastatic biliary tract cancer (body weight >= 30 kg)',
        source: `${IMFINZI}, section 2.2`,
      },
      {
        min: 1500,
        max: 1500,
        schedule: 'every 4 weeks',
        indication:
          'unresectable stage III NSCLC after chemoradiation; limited-stage SCLC; HCC (after tremelimumab 300 mg on day 1 of cycle 1) (body weight >= 30 kg)',
        source: `${IMFINZI}, section 2.2`,
      },
      {
        min: 1500,
        max: 1500,
        schedule: 'every 3 weeks with chemotherapy, then every 4 weeks as a single agent',
        indication: 'extensive-stage SCLC; neoadjuvant resectable NSCLC (body weight >= 30 kg)',
        source: `${IMFINZI}, section 2.2`,
      },
      {
        min: 1120,
        max: 1120,
        schedule: 'every 3 weeks with carboplatin and paclitaxel for 6 cycles, then 1,500 mg every 4 weeks',
        indication: 'primary advanced or recurrent dMMR endometrial cancer (body weight >= 30 kg)',
        source: `${IMFINZI}, section 2.2`,
      },
    ],
    rules: [],
    source: IMFINZI,
    gaps: 'Weight-based regimens cannot be held in a flat-basis row: body weight < 30 kg (20 mg/kg; 15 mg/kg every 3 weeks in endometrial cancer) and 10 mg/kg every 2 weeks in stage III NSCLC. The 30 kg switch to mg/kg is therefore not a WeightRule (WeightRule holds two flat doses). The endometrial 1,120 mg dose was not read verbatim in this session (recalled from the 06/2024 label). No renal rule in the label.',
  },
  {
    id: 'pembrolizumab',
    synonyms: [],
    brands: ['Keytruda'],
    codes: ['MK-3475'],
    class: 'PD-1 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 200,
        max: 200,
        schedule: 'every 3 weeks',
        indication: 'adult indications, including biliary tract cancer with gemcitabine and cisplatin',
        source: `${KEYTRUDA}, section 2 (Recommended Dosage)`,
      },
      {
        min: 400,
        max: 400,
        schedule: 'every 6 weeks',
        indication: 'adult indications, including biliary tract cancer with gemcitabine and cisplatin',
        source: `${KEYTRUDA}, section 2 (Recommended Dosage)`,
      },
    ],
    rules: [],
    source: KEYTRUDA,
    gaps: 'Pediatric dosing (2 mg/kg up to 200 mg every 3 weeks) is weight-based and not held. The subcutaneous product (pembrolizumab with berahyaluronidase alfa, Keytruda Qlex) is a separate label with its own dose and is not entered. No renal rule in the label.',
  },
  {
    id: 'fluorouracil',
    synonyms: ['5-fu', '5-fluorouracil'],
    brands: ['Adrucil'],
    codes: [],
    class: 'fluoropyrimidine antimetabolite',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 400,
        max: 400,
        schedule: 'IV bolus on day 1 every 2 weeks, before the 46-hour infusion, with leucovorin (with or without oxaliplatin or irinotecan)',
        indication: 'adenocarcinoma of the colon and rectum; pancreatic adenocarcinoma',
        source: `${FLUOROURACIL}, section 2`,
      },
      {
        min: 2400,
        max: 3000,
        schedule: 'continuous IV infusion over 46 hours every 2 weeks, after the 400 mg/m2 bolus',
        indication: 'adenocarcinoma of the colon and rectum',
        source: `${FLUOROURACIL}, section 2`,
      },
      {
        min: 2400,
        max: 2400,
        schedule: 'continuous IV infusion over 46 hours every 2 weeks, after the 400 mg/m2 bolus',
        indication: 'pancreatic adenocarcinoma',
        source: `${FLUOROURACIL}, section 2`,
      },
      {
        min: 500,
        max: 500,
        schedule: 'IV bolus on days 1, 8, 15, 22, 29 and 36 of 8-week cycles, with leucovorin',
        indication: 'adenocarcinoma of the colon and rectum',
        source: `${FLUOROURACIL}, section 2`,
      },
      {
        min: 500,
        max: 600,
        schedule: 'IV on days 1 and 8 every 28 days for 6 cycles, in a cyclophosphamide-based regimen',
        indication: 'adenocarcinoma of the breast',
        source: `${FLUOROURACIL}, section 2`,
      },
      {
        min: 200,
        max: 1000,
        schedule: 'continuous IV infusion over 24 hours in a platinum-containing regimen; frequency per regimen',
        indication: 'gastric adenocarcinoma',
        source: `${FLUOROURACIL}, section 2`,
      },
    ],
    rules: [],
    source: FLUOROURACIL,
    gaps: 'Subsection numbers within section 2 were not verified. The label gives no creatinine-clearance rule. The pre-2016 mg/kg regimens (12 mg/kg daily, maximum 800 mg/day) belong to superseded labeling and are not entered.',
  },
  {
    id: 'leucovorin',
    synonyms: ['leucovorin_calcium', 'folinic_acid', 'calcium_folinate'],
    brands: [],
    codes: [],
    class: 'reduced folate (fluorouracil modulator; methotrexate rescue)',
    routes: ['IV', 'IM', 'PO'],
    basis: 'bsa',
    doses: [
      {
        min: 200,
        max: 200,
        schedule: 'slow IV injection daily for 5 days, followed by fluorouracil 370 mg/m2; course repeated at 4-5 week intervals',
        indication: 'advanced colorectal cancer',
        source: `${LEUCOVORIN}, Dosage and Administration`,
      },
      {
        min: 20,
        max: 20,
        schedule: 'IV daily for 5 days, followed by fluorouracil 425 mg/m2; course repeated at 4-5 week intervals',
        indication: 'advanced colorectal cancer',
        source: `${LEUCOVORIN}, Dosage and Administration`,
      },
      {
        min: 10,
        max: 10,
        schedule: '15 mg (approximately 10 mg/m2) every 6 hours for 10 doses, starting 24 hours after methotrexate',
        indication: 'rescue after high-dose methotrexate',
        source: `${LEUCOVORIN}, Dosage and Administration`,
      },
      {
        min: 200,
        max: 200,
        schedule: 'IV over 120 minutes on days 1 and 2 every 2 weeks, with oxaliplatin and fluorouracil',
        indication: 'colorectal cancer (FOLFOX, as in the oxaliplatin label)',
        source: `${ELOXATIN}, section 2.1`,
      },
    ],
    rules: [],
    source: LEUCOVORIN,
    gaps: 'The 400 mg/m2 leucovorin of modified FOLFOX6/FOLFIRI practice is in no label consulted, so such protocols will read as above the labelled range. Levoleucovorin (Fusilev, Khapzory) is a different product dosed at half the racemic dose and is not a synonym here.',
  },
  {
    id: 'pemigatinib',
    synonyms: [],
    brands: ['Pemazyre'],
    codes: ['INCB054828'],
    class: 'FGFR1-3 kinase inhibitor',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 13.5,
        max: 13.5,
        schedule: 'once daily for 14 consecutive days followed by 7 days off, in 21-day cycles',
        indication: 'previously treated cholangiocarcinoma with FGFR2 fusion or rearrangement',
        source: `${PEMAZYRE}, section 2.2`,
      },
      {
        min: 13.5,
        max: 13.5,
        schedule: 'once daily, continuously',
        indication: 'relapsed or refractory myeloid/lymphoid neoplasms with FGFR1 rearrangement',
        source: `${PEMAZYRE}, section 2.2`,
      },
    ],
    rules: [],
    source: PEMAZYRE,
    gaps: 'The label has a severe-renal-impairment band defined by eGFR (MDRD) 15-29 mL/min/1.73 m2, not by creatinine clearance; the reduced dose it gives for that band could not be read in this session, so no renal rule is entered.',
  },
  {
    id: 'ivosidenib',
    synonyms: [],
    brands: ['Tibsovo'],
    codes: ['AG-120'],
    class: 'IDH1 inhibitor',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 500,
        max: 500,
        schedule: 'once daily',
        indication: 'previously treated IDH1-mutated cholangiocarcinoma; IDH1-mutated AML and MDS',
        source: `${TIBSOVO}, section 2 (Recommended Dosage)`,
      },
    ],
    rules: [],
    source: TIBSOVO,
    gaps: 'No creatinine-clearance dose rule in the label (severe renal impairment is described as not studied).',
  },

  // --- Pancreatic: FOLFIRINOX components, gemcitabine + nab-paclitaxel, gemcitabine + erlotinib -----
  {
    id: 'irinotecan',
    synonyms: ['irinotecan_hydrochloride'],
    brands: ['Camptosar'],
    codes: ['CPT-11'],
    class: 'topoisomerase I inhibitor',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 125,
        max: 125,
        schedule: 'days 1, 8, 15 and 22 of 6-week cycles, with leucovorin and fluorouracil (regimen 1) or as a single agent weekly',
        indication: 'metastatic colorectal cancer',
        source: `${CAMPTOSAR}, sections 2.1-2.2`,
      },
      {
        min: 180,
        max: 180,
        schedule: 'days 1, 15 and 29 of 6-week cycles, with leucovorin and fluorouracil bolus and infusion (regimen 2)',
        indication: 'metastatic colorectal cancer',
        source: `${CAMPTOSAR}, section 2.1`,
      },
      { min: 350, max: 350, schedule: 'every 3 weeks, single agent', indication: 'metastatic colorectal cancer', source: `${CAMPTOSAR}, section 2.2` },
    ],
    rules: [],
    source: CAMPTOSAR,
    gaps: 'FOLFIRINOX (irinotecan 180 mg/m2 every 2 weeks in pancreatic cancer) is not a labelled Camptosar regimen; it is covered numerically by the 180 mg/m2 dose. Irinotecan liposome (Onivyde) is a different product with its own doses and is not a synonym. The UGT1A1*28 starting-dose reduction is a genotype rule, not a weight or renal rule; the label gives no creatinine-clearance band.',
  },
  {
    id: 'nab_paclitaxel',
    synonyms: ['nab-paclitaxel', 'paclitaxel protein-bound', 'albumin-bound paclitaxel', 'paclitaxel albumin-bound'],
    brands: ['Abraxane'],
    codes: ['ABI-007'],
    class: 'taxane (microtubule inhibitor), albumin-bound',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      { min: 260, max: 260, schedule: 'IV over 30 minutes every 3 weeks', indication: 'metastatic breast cancer', source: `${ABRAXANE}, section 2.1` },
      {
        min: 100,
        max: 100,
        schedule: 'days 1, 8 and 15 of each 21-day cycle, with carboplatin AUC 6 on day 1',
        indication: 'non-small cell lung cancer',
        source: `${ABRAXANE}, section 2.2`,
      },
      {
        min: 125,
        max: 125,
        schedule: 'days 1, 8 and 15 of each 28-day cycle, followed by gemcitabine',
        indication: 'metastatic pancreatic adenocarcinoma',
        source: `${ABRAXANE}, section 2.3`,
      },
    ],
    rules: [],
    source: ABRAXANE,
    gaps: 'Hepatic-impairment reductions (by bilirubin and AST) are not weight or renal rules; the label gives no creatinine-clearance rule. Do not substitute for solvent-based paclitaxel (different doses).',
  },
  {
    id: 'erlotinib',
    synonyms: ['erlotinib_hydrochloride'],
    brands: ['Tarceva'],
    codes: ['OSI-774'],
    class: 'EGFR kinase inhibitor (TKI)',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 150,
        max: 150,
        schedule: 'once daily on an empty stomach',
        indication: 'metastatic NSCLC with EGFR exon 19 deletion or exon 21 L858R',
        source: `${TARCEVA}, section 2.2`,
      },
      {
        min: 100,
        max: 100,
        schedule: 'once daily, with gemcitabine',
        indication: 'locally advanced or metastatic pancreatic cancer',
        source: `${TARCEVA}, section 2.3`,
      },
    ],
    rules: [],
    source: TARCEVA,
    gaps: 'Subsection numbers not verified. No creatinine-clearance rule in the label.',
  },

  // --- Colorectal: anti-VEGF and anti-EGFR antibodies, regorafenib, trifluridine/tipiracil ----------
  {
    id: 'bevacizumab',
    synonyms: [],
    brands: ['Avastin', 'Mvasi', 'Zirabev', 'Alymsys', 'Vegzelma'],
    codes: [],
    class: 'VEGF-A antibody',
    routes: ['IV'],
    basis: 'weight',
    doses: [
      { min: 5, max: 5, schedule: 'every 2 weeks, with bolus-IFL', indication: 'metastatic colorectal cancer, first line', source: `${AVASTIN}, section 2` },
      { min: 10, max: 10, schedule: 'every 2 weeks, with FOLFOX4', indication: 'metastatic colorectal cancer', source: `${AVASTIN}, section 2` },
      {
        min: 5,
        max: 7.5,
        schedule: '5 mg/kg every 2 weeks or 7.5 mg/kg every 3 weeks, with fluoropyrimidine-irinotecan or fluoropyrimidine-oxaliplatin chemotherapy',
        indication: 'metastatic colorectal cancer after progression on a first-line bevacizumab regimen',
        source: `${AVASTIN}, section 2`,
      },
      { min: 15, max: 15, schedule: 'every 3 weeks, with carboplatin and paclitaxel', indication: 'non-squamous NSCLC', source: `${AVASTIN}, section 2` },
      {
        min: 10,
        max: 10,
        schedule: 'every 2 weeks',
        indication: 'recurrent glioblastoma; metastatic renal cell carcinoma (with interferon alfa)',
        source: `${AVASTIN}, section 2`,
      },
      {
        min: 15,
        max: 15,
        schedule: 'every 3 weeks, with chemotherapy',
        indication: 'persistent, recurrent or metastatic cervical cancer',
        source: `${AVASTIN}, section 2`,
      },
      {
        min: 10,
        max: 15,
        schedule: '10 mg/kg every 2 weeks or 15 mg/kg every 3 weeks, per chemotherapy partner',
        indication: 'epithelial ovarian, fallopian tube or primary peritoneal cancer',
        source: `${AVASTIN}, section 2`,
      },
      {
        min: 15,
        max: 15,
        schedule: 'every 3 weeks, after atezolizumab 1,200 mg on the same day',
        indication: 'unresectable or metastatic hepatocellular carcinoma',
        source: `${AVASTIN}, section 2`,
      },
    ],
    rules: [],
    source: AVASTIN,
    gaps: 'Subsection numbers not verified; biosimilar labels (listed as brands) carry the same doses for their approved indications. No renal rule in the label.',
  },
  {
    id: 'cetuximab',
    synonyms: [],
    brands: ['Erbitux'],
    codes: ['IMC-C225'],
    class: 'EGFR antibody',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 400,
        max: 400,
        schedule: 'initial dose over 120 minutes (weekly regimen)',
        indication: 'K-Ras wild-type EGFR-expressing metastatic colorectal cancer; head and neck cancer',
        source: `${ERBITUX}, section 2`,
      },
      {
        min: 250,
        max: 250,
        schedule: 'weekly over 60 minutes after the 400 mg/m2 initial dose',
        indication: 'K-Ras wild-type EGFR-expressing metastatic colorectal cancer; head and neck cancer',
        source: `${ERBITUX}, section 2`,
      },
      {
        min: 500,
        max: 500,
        schedule: 'every 2 weeks over 120 minutes',
        indication: 'K-Ras wild-type EGFR-expressing metastatic colorectal cancer; head and neck cancer',
        source: `${ERBITUX}, section 2`,
      },
    ],
    rules: [],
    source: ERBITUX,
    gaps: 'The BRAF V600E colorectal regimen with encorafenib uses the same cetuximab doses (in the Braftovi label). No renal rule in the label.',
  },
  {
    id: 'panitumumab',
    synonyms: [],
    brands: ['Vectibix'],
    codes: ['ABX-EGF'],
    class: 'EGFR antibody',
    routes: ['IV'],
    basis: 'weight',
    doses: [{ min: 6, max: 6, schedule: 'every 14 days', indication: 'wild-type RAS metastatic colorectal cancer', source: `${VECTIBIX}, section 2` }],
    rules: [],
    source: VECTIBIX,
    gaps: 'No renal rule in the label.',
  },
  {
    id: 'regorafenib',
    synonyms: [],
    brands: ['Stivarga'],
    codes: ['BAY 73-4506'],
    class: 'VEGFR multikinase inhibitor (TKI)',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 160,
        max: 160,
        schedule: 'once daily for the first 21 days of each 28-day cycle, with a low-fat meal',
        indication: 'previously treated metastatic colorectal cancer; GIST; hepatocellular carcinoma after sorafenib',
        source: `${STIVARGA}, section 2.1`,
      },
    ],
    rules: [],
    source: STIVARGA,
    gaps: 'No creatinine-clearance rule in the label.',
  },
  {
    id: 'trifluridine_tipiracil',
    synonyms: ['trifluridine/tipiracil', 'trifluridine-tipiracil', 'trifluridine and tipiracil'],
    brands: ['Lonsurf'],
    codes: ['TAS-102'],
    class: 'thymidine-based nucleoside analogue with thymidine phosphorylase inhibitor',
    routes: ['PO'],
    basis: 'bsa',
    doses: [
      {
        min: 35,
        max: 35,
        schedule: 'twice daily with food on days 1-5 and 8-12 of each 28-day cycle, up to 80 mg per dose (trifluridine component)',
        indication: 'metastatic colorectal cancer (single agent or with bevacizumab); metastatic gastric or GEJ adenocarcinoma',
        source: `${LONSURF}, section 2.1`,
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclFrom: 15,
        crclBelow: 30,
        action: 'reduce',
        text: 'Severe renal impairment (CrCl 15 to 29 mL/min, Cockcroft-Gault): starting dose 20 mg/m2 twice daily. Below 15 mL/min not studied.',
        source: `${LONSURF}, section 2 (severe renal impairment) and section 8.6`,
      },
    ],
    source: LONSURF,
    gaps: 'The per-dose cap of 80 mg (trifluridine) is an absolute mg bound that a mg/m2 hardMax cannot hold. The severe-renal dose of 20 mg/m2 was read in the EU SmPC text; the FDA subsection number for it was not verified.',
  },

  // --- Gastric / GEJ: taxanes, HER2 and VEGFR2 antibodies, nivolumab --------------------------------
  {
    id: 'docetaxel',
    synonyms: [],
    brands: ['Taxotere', 'Docefrez'],
    codes: ['RP56976'],
    class: 'taxane (microtubule inhibitor)',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      { min: 60, max: 100, schedule: 'every 3 weeks', indication: 'locally advanced or metastatic breast cancer', source: `${TAXOTERE}, section 2` },
      {
        min: 75,
        max: 75,
        schedule: 'every 3 weeks, after doxorubicin 50 mg/m2 and cyclophosphamide 500 mg/m2, for 6 cycles',
        indication: 'adjuvant operable node-positive breast cancer',
        source: `${TAXOTERE}, section 2`,
      },
      {
        min: 75,
        max: 75,
        schedule: 'every 3 weeks, single agent after platinum failure or followed by cisplatin 75 mg/m2',
        indication: 'non-small cell lung cancer',
        source: `${TAXOTERE}, section 2`,
      },
      {
        min: 75,
        max: 75,
        schedule: 'every 3 weeks, with prednisone 5 mg twice daily',
        indication: 'metastatic castration-resistant prostate cancer',
        source: `${TAXOTERE}, section 2`,
      },
      {
        min: 75,
        max: 75,
        schedule: 'day 1 every 3 weeks, with cisplatin 75 mg/m2 day 1 and fluorouracil 750 mg/m2/day days 1-5',
        indication: 'advanced gastric adenocarcinoma including GEJ',
        source: `${TAXOTERE}, section 2`,
      },
      {
        min: 75,
        max: 75,
        schedule: 'every 3 weeks, with cisplatin and fluorouracil (induction)',
        indication: 'squamous cell carcinoma of the head and neck',
        source: `${TAXOTERE}, section 2`,
      },
    ],
    rules: [],
    source: TAXOTERE,
    gaps: 'Subsection numbers not verified. The label restricts use by bilirubin and transaminases (hepatic), not by creatinine clearance; no renal rule.',
  },
  {
    id: 'paclitaxel',
    synonyms: [],
    brands: ['Taxol'],
    codes: [],
    class: 'taxane (microtubule inhibitor)',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 135,
        max: 175,
        schedule: 'every 3 weeks (175 mg/m2 over 3 hours or 135 mg/m2 over 24 hours), with cisplatin 75 mg/m2 in first line',
        indication: 'ovarian carcinoma',
        source: `${PACLITAXEL}, Dosage and Administration`,
      },
      {
        min: 175,
        max: 175,
        schedule: 'over 3 hours every 3 weeks for 4 courses, after doxorubicin-containing chemotherapy',
        indication: 'adjuvant node-positive breast cancer',
        source: `${PACLITAXEL}, Dosage and Administration`,
      },
      {
        min: 175,
        max: 175,
        schedule: 'over 3 hours every 3 weeks',
        indication: 'metastatic breast cancer after failure of combination chemotherapy',
        source: `${PACLITAXEL}, Dosage and Administration`,
      },
      {
        min: 135,
        max: 135,
        schedule: 'over 24 hours every 3 weeks, followed by cisplatin 75 mg/m2',
        indication: 'non-small cell lung cancer',
        source: `${PACLITAXEL}, Dosage and Administration`,
      },
      {
        min: 100,
        max: 135,
        schedule: '135 mg/m2 every 3 weeks or 100 mg/m2 every 2 weeks',
        indication: 'AIDS-related Kaposi sarcoma',
        source: `${PACLITAXEL}, Dosage and Administration`,
      },
      {
        min: 80,
        max: 80,
        schedule: 'days 1, 8 and 15 of each 28-day cycle, with ramucirumab 8 mg/kg days 1 and 15',
        indication: 'advanced gastric or GEJ adenocarcinoma',
        source: `${CYRAMZA}, section 2`,
      },
    ],
    rules: [],
    source: PACLITAXEL,
    gaps: 'Weekly 80 mg/m2 in gastric cancer is labelled only in the ramucirumab label. No renal rule in the label. Do not confuse with nab_paclitaxel (different doses).',
  },
  {
    id: 'trastuzumab',
    synonyms: [],
    brands: ['Herceptin', 'Ogivri', 'Herzuma', 'Ontruzant', 'Trazimera', 'Kanjinti'],
    codes: [],
    class: 'HER2 antibody',
    routes: ['IV'],
    basis: 'weight',
    doses: [
      {
        min: 4,
        max: 4,
        schedule: 'initial dose over 90 minutes, then 2 mg/kg weekly',
        indication: 'adjuvant and metastatic HER2-overexpressing breast cancer',
        source: `${HERCEPTIN}, section 2`,
      },
      {
        min: 2,
        max: 2,
        schedule: 'weekly over 30 minutes after the 4 mg/kg initial dose',
        indication: 'adjuvant and metastatic HER2-overexpressing breast cancer',
        source: `${HERCEPTIN}, section 2`,
      },
      {
        min: 8,
        max: 8,
        schedule: 'initial dose over 90 minutes, then 6 mg/kg every 3 weeks',
        indication: 'adjuvant breast cancer; metastatic HER2-overexpressing gastric or GEJ adenocarcinoma',
        source: `${HERCEPTIN}, section 2`,
      },
      {
        min: 6,
        max: 6,
        schedule: 'every 3 weeks over 30-90 minutes after the 8 mg/kg initial dose',
        indication: 'adjuvant breast cancer; metastatic HER2-overexpressing gastric or GEJ adenocarcinoma',
        source: `${HERCEPTIN}, section 2`,
      },
    ],
    rules: [],
    source: HERCEPTIN,
    gaps: 'Subcutaneous trastuzumab (Herceptin Hylecta, 600 mg flat) is a separate product and is not held. Do not match ado-trastuzumab emtansine or fam-trastuzumab deruxtecan to this row (different drugs).',
  },
  {
    id: 'nivolumab',
    synonyms: [],
    brands: ['Opdivo'],
    codes: ['BMS-936558', 'ONO-4538', 'MDX-1106'],
    class: 'PD-1 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 240,
        max: 240,
        schedule: 'every 2 weeks (single agent; or with fluoropyrimidine- and platinum-containing chemotherapy)',
        indication: 'adult indications including gastric, GEJ and esophageal adenocarcinoma',
        source: `${OPDIVO}, section 2 (Recommended Dosage)`,
      },
      {
        min: 360,
        max: 360,
        schedule: 'every 3 weeks (with fluoropyrimidine- and platinum-containing chemotherapy, or with ipilimumab in NSCLC)',
        indication: 'gastric, GEJ and esophageal cancer; NSCLC',
        source: `${OPDIVO}, section 2 (Recommended Dosage)`,
      },
      {
        min: 480,
        max: 480,
        schedule: 'every 4 weeks',
        indication: 'adult indications (single agent or maintenance)',
        source: `${OPDIVO}, section 2 (Recommended Dosage)`,
      },
    ],
    rules: [],
    source: OPDIVO,
    gaps: 'Weight-based regimens (1 mg/kg and 3 mg/kg with ipilimumab; pediatric mg/kg doses) cannot be held in a flat-basis row. Subcutaneous nivolumab (Opdivo Qvantig, with hyaluronidase) is a separate label and is not entered. No renal rule.',
  },
  {
    id: 'ramucirumab',
    synonyms: [],
    brands: ['Cyramza'],
    codes: ['IMC-1121B'],
    class: 'VEGFR2 antibody',
    routes: ['IV'],
    basis: 'weight',
    doses: [
      {
        min: 8,
        max: 8,
        schedule: 'every 2 weeks, single agent or with weekly paclitaxel',
        indication: 'advanced gastric or GEJ adenocarcinoma',
        source: `${CYRAMZA}, section 2`,
      },
      { min: 8, max: 8, schedule: 'every 2 weeks, before FOLFIRI', indication: 'metastatic colorectal cancer', source: `${CYRAMZA}, section 2` },
      { min: 8, max: 8, schedule: 'every 2 weeks', indication: 'hepatocellular carcinoma with AFP >= 400 ng/mL', source: `${CYRAMZA}, section 2` },
      {
        min: 10,
        max: 10,
        schedule: 'day 1 of a 21-day cycle, before docetaxel',
        indication: 'metastatic NSCLC after platinum',
        source: `${CYRAMZA}, section 2`,
      },
      { min: 10, max: 10, schedule: 'every 2 weeks, with erlotinib', indication: 'metastatic EGFR-mutated NSCLC, first line', source: `${CYRAMZA}, section 2` },
    ],
    rules: [],
    source: CYRAMZA,
    gaps: 'Subsection numbers not verified. No renal rule in the label.',
  },

  // --- Liver (HCC): sorafenib, atezolizumab + bevacizumab, durvalumab + tremelimumab, cabozantinib ---
  {
    id: 'sorafenib',
    synonyms: ['sorafenib_tosylate'],
    brands: ['Nexavar'],
    codes: ['BAY 43-9006'],
    class: 'VEGFR/RAF multikinase inhibitor (TKI)',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 400,
        max: 400,
        schedule: 'twice daily without food',
        indication: 'hepatocellular carcinoma; renal cell carcinoma; differentiated thyroid carcinoma',
        source: `${NEXAVAR}, section 2.1`,
      },
    ],
    rules: [],
    source: NEXAVAR,
    gaps: 'No creatinine-clearance dose rule in the label.',
  },
  {
    id: 'atezolizumab',
    synonyms: [],
    brands: ['Tecentriq'],
    codes: ['MPDL3280A', 'RG7446'],
    class: 'PD-L1 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      { min: 840, max: 840, schedule: 'every 2 weeks', indication: 'adult indications', source: `${TECENTRIQ}, section 2 (Recommended Dosage)` },
      {
        min: 1200,
        max: 1200,
        schedule: 'every 3 weeks (in HCC, followed by bevacizumab 15 mg/kg on the same day)',
        indication: 'adult indications including unresectable or metastatic HCC',
        source: `${TECENTRIQ}, section 2 (Recommended Dosage)`,
      },
      { min: 1680, max: 1680, schedule: 'every 4 weeks', indication: 'adult indications', source: `${TECENTRIQ}, section 2 (Recommended Dosage)` },
    ],
    rules: [],
    source: TECENTRIQ,
    gaps: 'Subcutaneous atezolizumab with hyaluronidase (Tecentriq Hybreza) is a separate label with its own dose and is not held. Pediatric (alveolar soft part sarcoma) mg/kg dosing not held. No renal rule.',
  },
  {
    id: 'tremelimumab',
    synonyms: ['tremelimumab-actl', 'ticilimumab'],
    brands: ['Imjudo'],
    codes: ['CP-675,206'],
    class: 'CTLA-4 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 300,
        max: 300,
        schedule: 'single dose on day 1 of cycle 1, followed by durvalumab 1,500 mg; then durvalumab alone every 4 weeks',
        indication: 'unresectable hepatocellular carcinoma (body weight >= 30 kg)',
        source: `${IMJUDO}, section 2.1`,
      },
      {
        min: 75,
        max: 75,
        schedule: 'every 3 weeks with durvalumab and platinum chemotherapy for 4 cycles, then a fifth dose at week 16 (up to 5 doses)',
        indication: 'metastatic NSCLC without EGFR/ALK aberrations (body weight >= 30 kg)',
        source: `${IMJUDO}, section 2.1`,
      },
    ],
    rules: [],
    source: IMJUDO,
    gaps: 'Body weight < 30 kg takes weight-based doses (4 mg/kg in HCC, 1 mg/kg in NSCLC) that a flat-basis row or a WeightRule (two flat doses) cannot hold. No renal rule.',
  },
  {
    id: 'cabozantinib',
    synonyms: ['cabozantinib_s-malate'],
    brands: ['Cabometyx', 'Cometriq'],
    codes: ['XL184'],
    class: 'VEGFR/MET/AXL multikinase inhibitor (TKI)',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 60,
        max: 60,
        schedule: 'once daily without food (tablets)',
        indication: 'advanced RCC; HCC after sorafenib; differentiated thyroid cancer',
        source: `${CABOMETYX}, section 2`,
      },
      {
        min: 40,
        max: 40,
        schedule: 'once daily without food (tablets), with nivolumab',
        indication: 'advanced RCC, first line',
        source: `${CABOMETYX}, section 2`,
      },
      {
        min: 140,
        max: 140,
        schedule: 'once daily (capsules; not interchangeable with tablets)',
        indication: 'progressive metastatic medullary thyroid cancer',
        source: `${COMETRIQ}, section 2`,
      },
    ],
    rules: [],
    source: `${CABOMETYX}; ${COMETRIQ}`,
    gaps: 'Subsection numbers and any newer Cabometyx indications (e.g. neuroendocrine tumours) were not verified. No creatinine-clearance dose rule (severe renal impairment described as not recommended/not studied, without a dose).',
  },

  // --- Lung: carboplatin (AUC), pemetrexed, osimertinib, etoposide --------------------------------
  {
    id: 'carboplatin',
    synonyms: ['cbdca'],
    brands: ['Paraplatin'],
    codes: [],
    class: 'platinum (alkylating agent)',
    routes: ['IV'],
    basis: 'auc',
    doses: [
      {
        min: 4,
        max: 6,
        schedule: 'target AUC by the Calvert formula, total dose (mg) = target AUC x (GFR + 25)',
        indication: 'previously treated ovarian carcinoma, single agent',
        source: `${CARBOPLATIN}, Dosage and Administration (Formula Dosing)`,
      },
      {
        min: 4,
        max: 4,
        schedule: 'day 1 of each 21-day cycle, after gemcitabine 1,000 mg/m2',
        indication: 'recurrent ovarian cancer',
        source: `${GEMZAR}, section 2.1`,
      },
      {
        min: 6,
        max: 6,
        schedule: 'day 1 of each 21-day cycle, with nab-paclitaxel 100 mg/m2 days 1, 8, 15',
        indication: 'non-small cell lung cancer',
        source: `${ABRAXANE}, section 2.2`,
      },
    ],
    rules: [],
    source: CARBOPLATIN,
    gaps: "The label's mg/m2 regimens (360 mg/m2 single agent every 4 weeks; 300 mg/m2 with cyclophosphamide) cannot be held in an AUC-basis row. The Calvert formula converts AUC to mg; it is not a renal rule. The label's dose adjustments by pretreatment creatinine clearance for mg/m2 dosing were not entered (not read verbatim).",
  },
  {
    id: 'pemetrexed',
    synonyms: ['pemetrexed_disodium'],
    brands: ['Alimta', 'Pemfexy', 'Pemrydi RTU'],
    codes: ['LY231514'],
    class: 'antifolate antimetabolite',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 500,
        max: 500,
        schedule: 'day 1 of each 21-day cycle (with cisplatin, with pembrolizumab and platinum, or as a single agent/maintenance)',
        indication: 'non-squamous NSCLC; malignant pleural mesothelioma',
        source: `${ALIMTA}, sections 2.1-2.2`,
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclBelow: 45,
        action: 'contraindicated',
        text: 'CrCl < 45 mL/min (Cockcroft-Gault): no recommended dose; do not administer. (Stated in Dosage and Administration, not in section 4 Contraindications.)',
        source: `${ALIMTA}, section 2 (renal impairment; monitoring before each cycle) and section 8.6`,
      },
    ],
    source: ALIMTA,
    gaps: 'The NSAID precautions for CrCl 45-79 mL/min concern ibuprofen, not the pemetrexed dose, and are not entered as a rule.',
  },
  {
    id: 'osimertinib',
    synonyms: ['osimertinib_mesylate'],
    brands: ['Tagrisso'],
    codes: ['AZD9291'],
    class: 'third-generation EGFR kinase inhibitor (TKI)',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 80,
        max: 80,
        schedule: 'once daily',
        indication: 'EGFR-mutated NSCLC (adjuvant, after chemoradiation, first line alone or with chemotherapy, T790M)',
        source: `${TAGRISSO}, section 2`,
      },
    ],
    rules: [],
    source: TAGRISSO,
    gaps: 'The 40 mg dose in the label is a reduction for adverse reactions (and the 160 mg dose is for strong CYP3A4 inducers), not a starting dose, so neither is listed. No creatinine-clearance dose rule.',
  },
  {
    id: 'etoposide',
    synonyms: ['etoposide_phosphate'],
    brands: ['Toposar', 'VePesid', 'Etopophos'],
    codes: ['VP-16'],
    class: 'topoisomerase II inhibitor (podophyllotoxin)',
    routes: ['IV', 'PO'],
    basis: 'bsa',
    doses: [
      {
        min: 35,
        max: 50,
        schedule: '35 mg/m2/day for 4 days to 50 mg/m2/day for 5 days; courses every 3-4 weeks',
        indication: 'small cell lung cancer, first-line combination',
        source: `${TOPOSAR}, Dosage and Administration`,
      },
      {
        min: 50,
        max: 100,
        schedule: 'daily on days 1-5, or 100 mg/m2/day on days 1, 3 and 5; courses every 3-4 weeks',
        indication: 'refractory testicular tumors, combination',
        source: `${TOPOSAR}, Dosage and Administration`,
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclFrom: 15,
        crclBelow: 51,
        action: 'reduce',
        doseFraction: 0.75,
        text: 'Measured CrCl 15 to 50 mL/min: initial dose 75% of the dose (above 50 mL/min: 100%); below 15 mL/min no data, consider further reduction. Encoded as below 51 because the label band is 15-50 inclusive.',
        source: `${TOPOSAR}, Precautions (renal impairment)`,
      },
    ],
    source: TOPOSAR,
    gaps: 'Oral capsules are dosed at twice the IV dose rounded to the nearest 50 mg; that is not held as an mg/m2 number. The renal table was recalled from the FDA label and matched against the EU SmPC text (15-50 mL/min: 25% reduction); the FDA wording was not read verbatim in this session.',
  },

  // --- Breast: AC, HER2 dual blockade, CDK4/6 --------------------------------------------------------
  {
    id: 'doxorubicin',
    synonyms: ['doxorubicin_hydrochloride', 'adriamycin', 'hydroxydaunorubicin'],
    brands: ['Adriamycin'],
    codes: [],
    class: 'anthracycline (topoisomerase II inhibitor)',
    routes: ['IV'],
    basis: 'bsa',
    doses: [
      {
        min: 60,
        max: 60,
        schedule: 'day 1 of each 21-day cycle for 4 cycles, with cyclophosphamide 600 mg/m2',
        indication: 'adjuvant breast cancer (AC)',
        source: `${DOXORUBICIN}, section 2`,
      },
      {
        min: 60,
        max: 75,
        schedule: 'every 21 days, single agent',
        indication: 'metastatic disease and other labelled malignancies',
        source: `${DOXORUBICIN}, section 2`,
      },
      {
        min: 40,
        max: 75,
        schedule: 'every 21 to 28 days, in combination',
        indication: 'metastatic disease and other labelled malignancies',
        source: `${DOXORUBICIN}, section 2`,
      },
    ],
    rules: [],
    source: DOXORUBICIN,
    gaps: 'Cumulative-dose cardiotoxicity limits are lifetime totals, not per-administration bounds, and are not entered. Hepatic (bilirubin) reductions are not renal or weight rules. Liposomal doxorubicin (Doxil) is a different product and not a synonym.',
  },
  {
    id: 'cyclophosphamide',
    synonyms: ['ctx', 'cpm'],
    brands: ['Cytoxan'],
    codes: [],
    class: 'nitrogen mustard (alkylating agent)',
    routes: ['IV', 'PO'],
    basis: 'weight',
    doses: [
      { min: 10, max: 15, schedule: 'IV every 7 to 10 days', indication: 'malignant diseases', source: `${CYCLOPHOSPHAMIDE}, section 2.1` },
      { min: 3, max: 5, schedule: 'IV twice weekly', indication: 'malignant diseases', source: `${CYCLOPHOSPHAMIDE}, section 2.1` },
      { min: 1, max: 5, schedule: 'orally per day', indication: 'malignant diseases', source: `${CYCLOPHOSPHAMIDE}, section 2.1` },
    ],
    rules: [],
    source: CYCLOPHOSPHAMIDE,
    gaps: 'The label\'s IV induction of 40-50 mg/kg is a course total "in divided doses over 2 to 5 days", so its per-administration amount is not stated and it is not held. Regimen doses in mg/m2 (600 mg/m2 in AC per the doxorubicin label; 500 mg/m2 in TAC per the docetaxel label) are in another basis and cannot be held in this weight-basis row. The label describes increased exposure in renal impairment (CrCl 10-24 and 25-50 mL/min) without a dose, so no renal rule.',
  },
  {
    id: 'pertuzumab',
    synonyms: [],
    brands: ['Perjeta'],
    codes: [],
    class: 'HER2 antibody (dimerization inhibitor)',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 840,
        max: 840,
        schedule: 'initial dose over 60 minutes, then 420 mg every 3 weeks, with trastuzumab',
        indication: 'HER2-positive early and metastatic breast cancer',
        source: `${PERJETA}, section 2`,
      },
      {
        min: 420,
        max: 420,
        schedule: 'every 3 weeks over 30-60 minutes after the 840 mg initial dose',
        indication: 'HER2-positive early and metastatic breast cancer',
        source: `${PERJETA}, section 2`,
      },
    ],
    rules: [],
    source: PERJETA,
    gaps: 'The subcutaneous pertuzumab/trastuzumab/hyaluronidase product (Phesgo) is a separate label with different doses and is not held. No renal rule.',
  },
  {
    id: 'palbociclib',
    synonyms: [],
    brands: ['Ibrance'],
    codes: ['PD-0332991'],
    class: 'CDK4/6 inhibitor',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 125,
        max: 125,
        schedule: 'once daily for 21 consecutive days followed by 7 days off, 28-day cycles, with an aromatase inhibitor or fulvestrant',
        indication: 'HR-positive, HER2-negative advanced or metastatic breast cancer',
        source: `${IBRANCE}, section 2.1`,
      },
    ],
    rules: [],
    source: IBRANCE,
    gaps: 'The 75 mg starting dose for severe hepatic impairment is a hepatic rule, not entered. No creatinine-clearance dose rule.',
  },

  // --- Checkpoint antibodies not listed above (CTLA-4, PD-1) ---------------------------------------
  {
    id: 'ipilimumab',
    synonyms: [],
    brands: ['Yervoy'],
    codes: ['MDX-010', 'BMS-734016'],
    class: 'CTLA-4 antibody',
    routes: ['IV'],
    basis: 'weight',
    doses: [
      {
        min: 3,
        max: 3,
        schedule: 'every 3 weeks for up to 4 doses (single agent, or after nivolumab 1 mg/kg)',
        indication: 'unresectable or metastatic melanoma; HCC after sorafenib (with nivolumab)',
        source: `${YERVOY}, section 2`,
      },
      {
        min: 10,
        max: 10,
        schedule: 'every 3 weeks for 4 doses, then every 12 weeks for up to 3 years',
        indication: 'adjuvant cutaneous melanoma',
        source: `${YERVOY}, section 2`,
      },
      {
        min: 1,
        max: 1,
        schedule: 'every 3 weeks for 4 doses after nivolumab 3 mg/kg, or every 6 weeks with nivolumab (NSCLC, mesothelioma, esophageal cancer)',
        indication: 'RCC; MSI-H/dMMR colorectal cancer; NSCLC; mesothelioma; esophageal squamous cell carcinoma',
        source: `${YERVOY}, section 2`,
      },
    ],
    rules: [],
    source: YERVOY,
    gaps: 'Indication-to-schedule pairings were recalled from the label and not re-read in this session; the 1-10 mg/kg range is certain. No renal rule.',
  },
  {
    id: 'cemiplimab',
    synonyms: ['cemiplimab-rwlc'],
    brands: ['Libtayo'],
    codes: ['REGN2810'],
    class: 'PD-1 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 350,
        max: 350,
        schedule: 'every 3 weeks',
        indication: 'CSCC (advanced, or adjuvant up to 48 weeks); BCC; NSCLC alone or with platinum chemotherapy',
        source: `${LIBTAYO}, section 2.2`,
      },
      {
        min: 700,
        max: 700,
        schedule: 'every 6 weeks, after 350 mg every 3 weeks for 12 weeks',
        indication: 'adjuvant CSCC at high risk of recurrence after surgery and radiation',
        source: `${LIBTAYO}, section 2.2`,
      },
    ],
    rules: [],
    source: LIBTAYO,
    gaps: 'No renal rule in the label.',
  },
  {
    id: 'tislelizumab',
    synonyms: ['tislelizumab-jsgr'],
    brands: ['Tevimbra', 'Baizean'],
    codes: ['BGB-A317'],
    class: 'PD-1 antibody',
    routes: ['IV'],
    basis: 'flat',
    doses: [
      {
        min: 150,
        max: 150,
        schedule: 'every 2 weeks',
        indication: 'esophageal squamous cell carcinoma; first-line HER2-negative gastric or GEJ adenocarcinoma (PD-L1 >= 1)',
        source: `${TEVIMBRA}, section 2.2`,
      },
      {
        min: 200,
        max: 200,
        schedule: 'every 3 weeks',
        indication: 'esophageal squamous cell carcinoma; first-line HER2-negative gastric or GEJ adenocarcinoma (PD-L1 >= 1)',
        source: `${TEVIMBRA}, section 2.2`,
      },
      {
        min: 300,
        max: 300,
        schedule: 'every 4 weeks',
        indication: 'esophageal squamous cell carcinoma; first-line HER2-negative gastric or GEJ adenocarcinoma (PD-L1 >= 1)',
        source: `${TEVIMBRA}, section 2.2`,
      },
    ],
    rules: [],
    source: TEVIMBRA,
    gaps: 'Chinese NMPA (Baizean) regimens for indications not approved by FDA were not entered (no NMPA label text at hand). No renal rule in the FDA label.',
  },

  // --- Other common TKI --------------------------------------------------------------------------
  {
    id: 'imatinib',
    synonyms: ['imatinib_mesylate'],
    brands: ['Gleevec', 'Glivec'],
    codes: ['STI571', 'CGP 57148B'],
    class: 'BCR-ABL/KIT/PDGFR kinase inhibitor (TKI)',
    routes: ['PO'],
    basis: 'flat',
    doses: [
      {
        min: 400,
        max: 400,
        schedule: 'once daily (may increase to 600 mg daily)',
        indication: 'Ph+ CML chronic phase (adult)',
        source: `${GLEEVEC}, section 2`,
      },
      {
        min: 600,
        max: 600,
        schedule: 'once daily (may increase to 400 mg twice daily)',
        indication: 'Ph+ CML accelerated phase or blast crisis; relapsed/refractory Ph+ ALL',
        source: `${GLEEVEC}, section 2`,
      },
      {
        min: 400,
        max: 400,
        schedule: 'once daily, or 400 mg twice daily (800 mg/day) where the label escalates or for DFSP',
        indication: 'Kit+ GIST (metastatic and adjuvant); MDS/MPD; DFSP; escalated CML/GIST dosing',
        source: `${GLEEVEC}, section 2`,
      },
      {
        min: 100,
        max: 400,
        schedule: 'once daily (100 mg starting dose with FIP1L1-PDGFRalpha or eosinophilia)',
        indication: 'aggressive systemic mastocytosis; hypereosinophilic syndrome/chronic eosinophilic leukemia',
        source: `${GLEEVEC}, section 2`,
      },
    ],
    rules: [
      {
        kind: 'renal',
        crclFrom: 40,
        crclBelow: 60,
        action: 'caution',
        text: 'Mild renal impairment (CrCl 40-59 mL/min): doses greater than 600 mg are not recommended.',
        source: `${GLEEVEC}, section 2 (Dose Adjustments for Renal Impairment; 2.9 in the revision read) and section 8.7`,
      },
      {
        kind: 'renal',
        crclFrom: 20,
        crclBelow: 40,
        action: 'reduce',
        doseFraction: 0.5,
        text: 'Moderate renal impairment (CrCl 20-39 mL/min): 50% decrease in the recommended starting dose, increased as tolerated; doses greater than 400 mg are not recommended.',
        source: `${GLEEVEC}, section 2 (Dose Adjustments for Renal Impairment; 2.9 in the revision read) and section 8.7`,
      },
      {
        kind: 'renal',
        crclBelow: 20,
        action: 'caution',
        text: 'Severe renal impairment (CrCl < 20 mL/min): use with caution; 100 mg/day was tolerated in two patients.',
        source: `${GLEEVEC}, section 2 (Dose Adjustments for Renal Impairment; 2.9 in the revision read) and section 8.7`,
      },
    ],
    source: GLEEVEC,
    gaps: 'Pediatric dosing (340 mg/m2/day, 260 mg/m2/day) is by body surface and cannot be held in this flat-basis row. Per-intake amounts only (800 mg/day is given as 400 mg twice daily).',
  },
];
