/**
 * The checks a study pharmacist would make (issue 12): units labs report, lab limits in every
 * unit an analyte accepts, ULN/LLN multiples, misspelt and investigational drugs, routes, and the
 * label against the eligibility; and no false alarm on the samples and the 120 ClinicalTrials.gov
 * corpus records after import.
 */

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createProtocolService } from '../../server/src/service';
import { fromCtgov } from '../../server/src/summary/import';
import { criteriaOf } from '../../server/src/model/walk';
import type * as S from '../../server/src/model/schema';
import { ANALYTES, findAnalyte } from '../../server/src/knowledge/analytes';
import { ordinarySpan, plausibleIn } from '../../server/src/analysis/checks/lab-limits';
import { checkDiagnostics, sample } from './util';
import { CORPUS_DIR } from './usdm-check';

const service = createProtocolService();

/** The threshold criteria of a document, in order. */
function thresholds(text: string) {
  const analysis = service.analyze(text);
  const found: Extract<S.Criterion, { kind: 'threshold' }>[] = [];
  for (const { criterion } of criteriaOf(analysis.protocol.eligibility)) if (criterion.kind === 'threshold') found.push(criterion);
  return { analysis, found };
}

/** Checks, messages included, of the codes of this issue. */
const PHARMACIST_CODES = /^TPL(21[1-4]|22[23]|240|246|26[0-4])$/;

describe('pharmacist: units labs report lower without error', () => {
  it('HBV DNA in IU/mL and copies/mL, each kept in its own unit (the factor depends on the assay)', () => {
    const { analysis, found } = thresholds('eligibility {\n  exclude hbv_dna > 2000 IU/mL\n  exclude hbv_dna > 10^4 copies/mL\n}');
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'TPL256'),
      [],
    );
    assert.deepEqual(
      found.map((c) => c.normalized),
      [
        { value: 2000, unit: '[IU]/mL' },
        { value: 10000, unit: '{copies}/mL' },
      ],
    );
  });

  it('TSH in mIU/L, uIU/mL and µIU/mL, all the same number', () => {
    const { analysis, found } = thresholds('eligibility {\n  include tsh <= 4.5 mIU/L\n  exclude tsh > 10 uIU/mL\n  exclude tsh > 12 µIU/mL\n}');
    assert.deepEqual(
      analysis.diagnostics.filter((d) => /^TPL1/.test(d.code)),
      [],
    );
    assert.deepEqual(
      found.map((c) => c.normalized),
      [
        { value: 4.5, unit: 'm[IU]/L' },
        { value: 10, unit: 'm[IU]/L' },
        { value: 12, unit: 'm[IU]/L' },
      ],
    );
  });

  it('electrolytes in mEq/L: 1 mEq/L of K+ is 1 mmol/L, of Ca2+ and Mg2+ half', () => {
    const text = `eligibility {
  include potassium >= 3.5 mEq/L
  include sodium >= 130 mEq/L
  include chloride >= 95 mEq/L
  include bicarbonate >= 20 mEq/L
  include calcium <= 5.5 mEq/L
  include magnesium >= 1.2 mEq/L
  include ionized_calcium >= 2 mEq/L
}`;
    const { analysis, found } = thresholds(text);
    assert.deepEqual(
      analysis.diagnostics.filter((d) => /^TPL1/.test(d.code)),
      [],
    );
    assert.deepEqual(
      found.map((c) => [c.analyte, c.normalized?.value, c.normalized?.unit]),
      [
        ['potassium', 3.5, 'mmol/L'],
        ['sodium', 130, 'mmol/L'],
        ['chloride', 95, 'mmol/L'],
        ['bicarbonate', 20, 'mmol/L'],
        ['calcium', 2.75, 'mmol/L'],
        ['magnesium', 0.6, 'mmol/L'],
        ['ionized_calcium', 1, 'mmol/L'],
      ],
    );
  });

  it('enzymes in IU/L as in U/L', () => {
    const analytes = ['alt', 'ast', 'alp', 'ggt', 'ldh', 'lipase', 'amylase', 'creatine_kinase'];
    const text = `eligibility {\n${analytes.map((a) => `  include ${a} <= 100 IU/L`).join('\n')}\n}`;
    const { analysis, found } = thresholds(text);
    assert.deepEqual(
      analysis.diagnostics.filter((d) => /^TPL1/.test(d.code)),
      [],
    );
    assert.deepEqual(
      found.map((c) => c.normalized),
      analytes.map(() => ({ value: 100, unit: 'U/L' })),
    );
  });

  it('HCV RNA in IU/L converts to IU/mL', () => {
    const { found } = thresholds('eligibility { exclude hcv_rna > 15000 IU/L }');
    assert.deepEqual(found[0].normalized, { value: 15, unit: '[IU]/mL' });
  });
});

describe('pharmacist: plausible lab limits in every unit', () => {
  it('reads every sourced plausible range in the canonical unit of its analyte', () => {
    for (const analyte of ANALYTES) {
      if (!analyte.plausible || !analyte.canonicalUnit) continue;
      const range = plausibleIn(analyte, analyte.canonicalUnit);
      assert.ok(range, `${analyte.id}: its plausible range converts to ${analyte.canonicalUnit}`);
      assert.ok(range.min <= range.max, analyte.id);
    }
  });

  it('range-checks a threshold written in an equivalent unit (potassium in mEq/L)', () => {
    const [diagnostic] = checkDiagnostics(
      `eligibility { include potassium <= 55 mEq/L }
                                   ^^^^^^^^ TPL240`,
      (code) => code === 'TPL240',
    );
    assert.match(diagnostic.message, /outside the plausible range of Serum potassium \(0-14 mmol\/L\)/);
    // The range's source is behind the message, in its related information.
    assert.match(diagnostic.related?.[0]?.message ?? '', /^plausible range: max: survival/);
  });

  it('names the unit the author most likely meant: albumin >= 32 g/dL is 32 g/L, hemoglobin >= 90 g/dL is 90 g/L', () => {
    const [albumin] = checkDiagnostics(
      `eligibility { include albumin >= 32 g/dL }
                                 ^^^^^^^ TPL240`,
      (code) => code === 'TPL240',
    );
    assert.match(albumin.message, /did you mean 32 g\/L\?$/);
    assert.deepEqual(
      albumin.fixes?.map((f) => [f.title, f.preferred]),
      [['Change the unit to g/L', true]],
    );
  });

  it('finds platelets >= 75000 x10^9/L, hemoglobin >= 8 g/L and calcium <= 12 mmol/L beyond every CTCAE grade, creatinine <= 133 mg/dL beyond any recorded', () => {
    const diagnostics = checkDiagnostics(
      `eligibility {
  include platelets >= 75000 x10^9/L
                       ^^^^^^^^^^^^^ TPL212
  include hemoglobin >= 8 g/L
                        ^^^^^ TPL212
  include calcium <= 12 mmol/L
                     ^^^^^^^^^ TPL212
  include creatinine <= 133 mg/dL
                        ^^^^^^^^^ TPL240
}`,
      (code) => code === 'TPL212' || code === 'TPL240',
    );
    assert.deepEqual(
      diagnostics.map((d) => d.message.replace(/^.*(did|Did) you mean /, '')),
      ['75000 /uL?', '8 g/dL?', '12 mg/dL?', '133 umol/L or 133 mg/L?'],
    );
    assert.match(diagnostics[1].message, /^8 g\/L is below 80 g\/L, where the deepest CTCAE v5\.0 grade of 'Anemia' starts/);
  });

  it('raises nothing on ordinary limits in any unit, and on thrombocythaemia and leukaemia limits', () => {
    checkDiagnostics(
      `eligibility {
  include platelets >= 100 x10^9/L
  include platelets >= 100000 /uL
  include platelets >= 100 x10^3/uL
  include neutrophils >= 1500 /mm3
  include hemoglobin >= 9 g/dL
  include hemoglobin >= 90 g/L
  include albumin >= 3 g/dL
  include creatinine <= 1.5 mg/dL
  include creatinine <= 133 umol/L
  include bilirubin <= 1.5 mg/dL
  include potassium >= 3.5 mmol/L
  include calcium <= 12 mg/dL
  include glucose <= 250 mg/dL
  include lvef >= 50 %
}`,
      (code) => PHARMACIST_CODES.test(code),
    );
    checkDiagnostics(
      `eligibility {
  include platelets > 1000 x10^9/L "essential thrombocythaemia"
  include wbc <= 200 x10^9/L
  include hemoglobin >= 7 g/dL
}`,
      (code) => PHARMACIST_CODES.test(code),
    );
  });

  it('spans platelets from CTCAE grade 4 (25) to the top of the reference interval (400), both sourced', () => {
    const span = ordinarySpan(findAnalyte('platelets')!);
    assert.equal(span.low?.value, 25);
    assert.equal(span.high?.value, 400);
    assert.match(span.low!.source, /Adverse Events v5\.0.*'Platelet count decreased'/);
  });
});

describe('pharmacist: ULN and LLN multiples', () => {
  it('flags an upper limit below 1 x ULN, an exclusion that amounts to one, and a limit beyond grade 4', () => {
    checkDiagnostics(
      `eligibility {
  include ast <= 0.2 x ULN
                 ^^^ TPL213
  exclude alt > 0.5 x ULN
                ^^^ TPL213
  include bilirubin <= 25 x ULN
                       ^^ TPL214
  include fibrinogen >= 0.2 x LLN
                        ^^^ TPL214
  include hemoglobin >= 1.2 x LLN
                        ^^^ TPL213
}`,
      (code) => PHARMACIST_CODES.test(code),
    );
  });

  it('accepts the usual multiples, LLN limits CTCAE grades on, and LVEF >= LLN', () => {
    checkDiagnostics(
      `eligibility {
  include bilirubin <= 1.5 x ULN
  include alt <= 5 x ULN "with liver metastases"
  include ast <= 20 x ULN
  include creatinine <= 1.5 x ULN
  include hemoglobin >= 1 x LLN
  include neutrophils >= 1 x LLN
  include lvef >= 1 x LLN
  include ca19_9 > 1 x ULN
  exclude bilirubin > 3 x ULN
}`,
      (code) => PHARMACIST_CODES.test(code),
    );
  });

  it('keeps flagging x ULN where no ULN is used', () => {
    checkDiagnostics(
      `eligibility {
  include platelets <= 1.5 x ULN
                       ^^^ TPL246
  include creatinine_clearance >= 1 x LLN
                                  ^ TPL246
}`,
      (code) => PHARMACIST_CODES.test(code),
    );
  });
});

describe('pharmacist: names and routes', () => {
  it('makes an undeclared name one edit from a known drug an error, by any edit', () => {
    checkDiagnostics(
      `arm a "A" other {
  cisplatni 75 mg/m2 IV day 1
  ^^^^^^^^^ TPL211
  pemetrexd 500 mg/m2 IV day 1
  ^^^^^^^^^ TPL211
  gemcitabinee 1000 mg/m2 IV day 1
  ^^^^^^^^^^^^ TPL211
}`,
      (code) => /^TPL20|^TPL211$/.test(code),
    );
  });

  it('leaves a declared investigational product alone, by field or by class', () => {
    checkDiagnostics(
      `drug cisplatni "ABC-1, a platinum of the sponsor" { investigational yes }
drug xyz_101 "XYZ-101" { class "investigational anti-TIGIT antibody" }
arm a "A" other {
  cisplatni 75 mg/m2 IV day 1
  xyz_101 10 mg/kg IV day 1
}`,
      (code) => /^TPL20|^TPL211$/.test(code),
    );
  });

  it('flags routes the label does not have and routes it forbids, with the boxed warning in related information', () => {
    const diagnostics = checkDiagnostics(
      `arm a "A" other {
  oxaliplatin 85 mg/m2 PO day 1
                       ^^ TPL222
  vincristine 1.4 mg/m2 IT day 1
                        ^^ TPL223
  doxorubicin 60 mg/m2 IM day 1
                       ^^ TPL223
}`,
      (code) => code === 'TPL222' || code === 'TPL223',
    );
    assert.match(diagnostics[1].related?.[0].message ?? '', /^source: .*boxed warning/);
    assert.match(diagnostics[0].related?.[0].message ?? '', /^labelled: 85 mg\/m2/);
  });

  it('accepts routes of other products of the substance and does not range-check their doses against the IV row', () => {
    checkDiagnostics(
      `arm a "A" other {
  atezolizumab 1875 mg SC q3w
  trastuzumab 600 mg SC q3w
  vinorelbine 60 mg/m2 PO weekly
  methotrexate 12 mg IT once
}`,
      (code) => /^TPL2[12]/.test(code),
    );
  });
});

describe('pharmacist: the label against the eligibility', () => {
  it('says precisely what docetaxel lacks; a limit that is one alternative of an any-of group binds no one (ALP there does not keep the AST and ALT rule out)', () => {
    const [finding] = checkDiagnostics(
      `arm a "A" other { docetaxel 75 mg/m2 IV day 1 }
                  ^^^^^^^^^ TPL262
eligibility {
  include any "liver" { bilirubin <= 1.5 x ULN; alp <= 2.5 x ULN }
  include neutrophils >= 1.5 x10^9/L
}`,
      (code) => code === 'TPL262',
    );
    // A patient may meet the group by bilirubin alone, with any ALP: the AST and ALT rule applies. The bilirubin
    // limit the protocol offers among alternatives is not called missing.
    assert.equal(
      finding.message,
      'docetaxel: its label requires ast <= 1.5 x ULN when alp > 2.5 x ULN (none set) and alt <= 1.5 x ULN when alp > 2.5 x ULN (none set).',
    );
    const [bound] = checkDiagnostics(
      `arm a "A" other { docetaxel 75 mg/m2 IV day 1 }
                  ^^^^^^^^^ TPL262
eligibility {
  include all "liver" { bilirubin <= 1.5 x ULN; alp <= 2.5 x ULN }
  include neutrophils >= 1.5 x10^9/L
}`,
      (code) => code === 'TPL262',
    );
    assert.equal(bound.message, 'docetaxel: its label requires bilirubin <= 1 x ULN (the eligibility admits up to 1.5 x ULN).');
  });

  it('lists every requirement the eligibility lacks', () => {
    const [finding] = checkDiagnostics(
      `arm a "A" other { docetaxel 75 mg/m2 IV day 1 }
                  ^^^^^^^^^ TPL262
eligibility { include ecog 0-1 }`,
      (code) => code === 'TPL262',
    );
    assert.equal(
      finding.message,
      'docetaxel: its label requires bilirubin <= 1 x ULN (none set), ast <= 1.5 x ULN when alp > 2.5 x ULN (none set), alt <= 1.5 x ULN when alp > 2.5 x ULN (none set) and neutrophils >= 1500 /mm3 (none set).',
    );
  });

  it('is satisfied by exclusions, by the renal family, and by a limit it cannot compare', () => {
    checkDiagnostics(
      `drug dexamethasone
arm a "A" other {
  docetaxel 75 mg/m2 IV day 1
  dexamethasone 8 mg PO bid days 1-3
  cisplatin 75 mg/m2 IV day 1
}
eligibility {
  exclude bilirubin > 1 x ULN
  include ast <= 1.5 x ULN
  include alt <= 1.5 x ULN
  include neutrophils >= 1500 /mm3
  include creatinine_clearance >= 60 mL/min
  include platelets >= 100 x10^9/L
}`,
      (code) => /^TPL26[0-4]$/.test(code),
    );
  });

  it('reports pemetrexed below 45 mL/min once, as TPL260, and premedication and class exclusions as information', () => {
    const diagnostics = checkDiagnostics(
      `arm a "A" other {
  pembrolizumab 200 mg IV day 1
  ^^^^^^^^^^^^^ TPL264
  pemetrexed 500 mg/m2 IV day 1
  ^^^^^^^^^^ TPL260
  ^^^^^^^^^^ TPL263
}
eligibility { include creatinine_clearance >= 30 mL/min }`,
      (code) => /^TPL26[0-4]$/.test(code),
    );
    assert.deepEqual(
      diagnostics.map((d) => d.severity),
      ['information', 'warning', 'information'],
    );
    assert.match(diagnostics[2].message, /requires folic acid and vitamin B12 alongside it/);
  });

  it('reads a creatinine clearance band in whole mL/min: > 50 keeps out 30-50, an exclusion < 50 does not', () => {
    checkDiagnostics(
      `arm a "A" other { capecitabine 1250 mg/m2 PO bid days 1-14 }
eligibility { include creatinine_clearance > 50 mL/min }`,
      (code) => code === 'TPL260',
    );
    checkDiagnostics(
      `arm a "A" other { capecitabine 1250 mg/m2 PO bid days 1-14 }
                  ^^^^^^^^^^^^ TPL260
eligibility { exclude creatinine_clearance < 50 mL/min }`,
      (code) => code === 'TPL260',
    );
  });

  it('a clearance limit offered as one alternative of an any-of group bounds no one: FLOT4\'s "creatinine <= 1.5 x ULN or CrCl > 50" admits 30-50 mL/min', () => {
    const [found] = checkDiagnostics(
      `arm a "A" other { capecitabine 1250 mg/m2 PO bid days 1-14 }
                  ^^^^^^^^^^^^ TPL260
eligibility {
  include any "renal" { creatinine <= 1.5 x ULN; creatinine_clearance > 50 mL/min }
}`,
      (code) => code === 'TPL260',
    );
    assert.match(
      found!.message,
      /at a creatinine clearance of 30-50 mL\/min, but the eligibility limits creatinine clearance only as one alternative of an any-of group/,
    );
    // An any-of group of one member, and an all-of group inside the inclusions, bind everyone.
    for (const group of ['any "renal" { creatinine_clearance > 50 mL/min }', 'all "renal" { creatinine <= 1.5 x ULN; creatinine_clearance > 50 mL/min }'])
      checkDiagnostics(`arm a "A" other { capecitabine 1250 mg/m2 PO bid days 1-14 }\neligibility { include ${group} }`, (code) => code === 'TPL260');
    // A label requirement on creatinine stays silent when the protocol speaks of it only among alternatives: the check cannot say it is missing.
    checkDiagnostics(
      `arm a "A" other { cisplatin 75 mg/m2 IV day 1 }
eligibility {
  include platelets >= 100 x10^9/L
  include any "renal" { creatinine < 1.5 mg/dL; creatinine_clearance > 60 mL/min }
}`,
      (code) => code === 'TPL262',
    );
  });

  it('finds premedication named in an intervention or a dose note', () => {
    checkDiagnostics(
      `intervention vitamins dietary_supplement "Folic acid 400 mcg daily; vitamin B12 1000 mcg IM every 9 weeks"
arm a "A" other {
  pemetrexed 500 mg/m2 IV day 1
  docetaxel 75 mg/m2 IV day 1 "after dexamethasone premedication"
}`,
      (code) => code === 'TPL263',
    );
  });
});

describe('pharmacist: no false alarms', () => {
  it('the two samples keep only the diagnostics docs/diagnostics.md lists', () => {
    // NCT04669496 keeps TPL261 (lenvatinib 8 mg for every weight; its label's weight rule is for HCC).
    const expected: Record<string, string[]> = { NCT04669496: ['TPL261'], NCT03951597: [] };
    for (const [name, codes] of Object.entries(expected)) {
      const found = service
        .analyze(sample(`${name}.trial`))
        .diagnostics.filter((d) => PHARMACIST_CODES.test(d.code))
        .map((d) => d.code);
      assert.deepEqual(found, codes, name);
    }
  });

  it('the 120 ClinicalTrials.gov corpus records, imported, carry none of these checks', function () {
    if (!existsSync(CORPUS_DIR)) {
      if (process.env.CI) throw new Error(`the corpus is missing from ${CORPUS_DIR}`);
      this.skip();
    }
    const files = readdirSync(CORPUS_DIR).filter((file) => file.endsWith('.json'));
    assert.equal(files.length, 120, 'the corpus holds 120 records');
    const found: string[] = [];
    for (const file of files) {
      const text = fromCtgov(JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8'))).text;
      for (const d of service.analyze(text).diagnostics) if (PHARMACIST_CODES.test(d.code)) found.push(`${file}: ${d.code} ${d.message}`);
    }
    assert.deepEqual(found, []);
  });
});
