/**
 * The label limits that wait for the schedule engine (issue 11), tested as functions of the
 * numbers the engine will give: each expected number is worked out here from the label, not read
 * back from the function.
 */

import * as assert from 'node:assert/strict';
import { createProtocolService } from '../../server/src/service';
import { findDrug } from '../../server/src/knowledge/index';
import type { Drug } from '../../server/src/knowledge/drugs';
import {
  calvertProblem,
  courseLimitProblems,
  infusionTimeProblem,
  lifetimeProblem,
  perCycleProblem,
  scheduleIntensityProblem,
} from '../../server/src/analysis/checks/regimen-limits';

function drug(name: string): Drug {
  const row = findDrug(name);
  assert.ok(row, `${name} is in the drug table`);
  return row;
}

describe('regimen limits: dose intensity per week against the labelled regimens', () => {
  it('flags docetaxel 75 mg/m2 on days 1, 8 and 15 of a 21-day cycle: 75 a week against 100 every 3 weeks', () => {
    // 75 mg/m2 x 3 days / 3 weeks = 75 mg/m2 a week; the label's most intense is 100 / 3 = 33.3.
    const problem = scheduleIntensityProblem(drug('docetaxel'), { basis: 'bsa', perWeek: 75 });
    assert.ok(problem);
    assert.match(problem.message, /^75 mg\/m2 a week of docetaxel is above its most intense labelled regimen, 33\.3 mg\/m2 a week \(100 mg\/m2/);
    assert.match(problem.labelled, /60-100 mg\/m2 every 3 weeks/);
  });

  it('flags irinotecan 350 mg/m2 every week: 350 a week against 350 every 3 weeks (116.7)', () => {
    const problem = scheduleIntensityProblem(drug('irinotecan'), { basis: 'bsa', perWeek: 350 });
    assert.ok(problem);
    assert.match(problem.message, /above its most intense labelled regimen, 117 mg\/m2 a week/);
  });

  it('passes the labelled regimens themselves and weekly docetaxel at 35 mg/m2 on days 1, 8, 15 of 28', () => {
    assert.equal(scheduleIntensityProblem(drug('docetaxel'), { basis: 'bsa', perWeek: 100 / 3 }), undefined);
    assert.equal(scheduleIntensityProblem(drug('docetaxel'), { basis: 'bsa', perWeek: (35 * 3) / 4 }), undefined);
    assert.equal(scheduleIntensityProblem(drug('irinotecan'), { basis: 'bsa', perWeek: (180 * 1) / 2 }), undefined);
    assert.equal(scheduleIntensityProblem(drug('oxaliplatin'), { basis: 'bsa', perWeek: 85 / 2 }), undefined);
  });

  it('passes doses on a basis the label gives per kg (toripalimab 3 mg/kg every 2 weeks, nivolumab 3 mg/kg every 3 weeks)', () => {
    assert.equal(scheduleIntensityProblem(drug('toripalimab'), { basis: 'weight', perWeek: 3 / 2 }), undefined);
    assert.equal(scheduleIntensityProblem(drug('nivolumab'), { basis: 'weight', perWeek: 3 / 3 }), undefined);
  });

  it('says nothing where a labelled dose has no schedule in numbers (leucovorin, gemcitabine): the most intense is unknown', () => {
    assert.equal(scheduleIntensityProblem(drug('leucovorin'), { basis: 'bsa', perWeek: 400 / 2 }), undefined);
    assert.equal(scheduleIntensityProblem(drug('gemcitabine'), { basis: 'bsa', perWeek: 10000 }), undefined);
  });
});

describe('regimen limits: course, lifetime, per-cycle and Calvert limits', () => {
  it("flags 40 cycles of temozolomide maintenance against the label's 6, with the indication", () => {
    const [problem] = courseLimitProblems(drug('temozolomide'), { cycles: 40 });
    assert.equal(problem.kind, 'exceeds');
    assert.equal(problem.indication, 'newly diagnosed glioblastoma, maintenance phase');
    assert.match(problem.message, /^40 cycles of temozolomide are more than the label's 6 in newly diagnosed glioblastoma/);
    assert.deepEqual(courseLimitProblems(drug('temozolomide'), { cycles: 6 }), []);
  });

  it('says when pembrolizumab runs until progression with no cap, and not when it stops at 24 months', () => {
    const problems = courseLimitProblems(drug('pembrolizumab'), { openEnded: true });
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.kind === 'unbounded'));
    assert.match(problems[0].message, /pembrolizumab runs until progression with no cap; the label stops at 24 months/);
    // 24 months meets the general limit; the adjuvant one (12 months) comes back with its indication, for the caller to weigh.
    const capped = courseLimitProblems(drug('pembrolizumab'), { months: 24, openEnded: true });
    assert.deepEqual(
      capped.map((p) => [p.kind, p.indication]),
      [['exceeds', 'adjuvant melanoma (stage IIB, IIC or III); adjuvant RCC']],
    );
  });

  it("flags a tretinoin course of 120 days against the label's 90", () => {
    const [problem] = courseLimitProblems(drug('tretinoin'), { days: 120 });
    assert.equal(problem.kind, 'exceeds');
    assert.equal(problem.indication, undefined);
  });

  it('flags doxorubicin 75 mg/m2 x 8 cycles: 600 mg/m2, beyond the lifetime 550', () => {
    const problem = lifetimeProblem(drug('doxorubicin'), { value: 75 * 8, unit: 'mg/m2' });
    assert.ok(problem);
    assert.match(problem.message, /gives 600 mg\/m2 of doxorubicin, beyond its lifetime maximum of 550 mg\/m2/);
    assert.equal(lifetimeProblem(drug('doxorubicin'), { value: 60 * 4, unit: 'mg/m2' }), undefined);
    // In g/m2: 0.6 g/m2 is 600 mg/m2.
    assert.ok(lifetimeProblem(drug('doxorubicin'), { value: 0.6, unit: 'g/m2' }));
  });

  it('flags cisplatin 25 mg/m2 on days 1-5 (125 a cycle), not the testicular 20 mg/m2 x 5 (100)', () => {
    const problem = perCycleProblem(drug('cisplatin'), { value: 25 * 5, unit: 'mg/m2' });
    assert.ok(problem);
    assert.match(problem.message, /^125 mg\/m2 of cisplatin in one cycle is above the label's 100 mg\/m2 per cycle/);
    assert.equal(perCycleProblem(drug('cisplatin'), { value: 20 * 5, unit: 'mg/m2' }), undefined);
  });

  it("holds carboplatin to the FDA's Calvert cap: AUC 5 gives at most 5 x 150 = 750 mg", () => {
    const problem = calvertProblem(drug('carboplatin'), { targetAuc: 5, capMg: 800 });
    assert.ok(problem);
    assert.match(problem.message, /cap of 800 mg is above 750 mg/);
    assert.equal(calvertProblem(drug('carboplatin'), { targetAuc: 5, capMg: 750 }), undefined);
    assert.ok(calvertProblem(drug('carboplatin'), { targetAuc: 5, gfr: 140 }));
    assert.equal(calvertProblem(drug('carboplatin'), { targetAuc: 5, gfr: 125 }), undefined);
    assert.equal(calvertProblem(drug('cisplatin'), { targetAuc: 5, capMg: 2000 }), undefined);
  });
});

describe('regimen limits: infusion time', () => {
  it('flags docetaxel over 30 minutes (labelled: 1 hour) and cetuximab over 30 minutes (labelled 60-120)', () => {
    const docetaxel = infusionTimeProblem(drug('docetaxel'), 30);
    assert.ok(docetaxel);
    assert.match(docetaxel.message, /^docetaxel over 30 minutes is faster than its labelled infusion of 60 minutes/);
    assert.ok(infusionTimeProblem(drug('cetuximab'), 30));
    assert.match(infusionTimeProblem(drug('cetuximab'), 180)!.message, /slower than its labelled infusion of 60-120 minutes/);
    assert.equal(infusionTimeProblem(drug('docetaxel'), 60), undefined);
    assert.equal(infusionTimeProblem(drug('gemcitabine'), 5), undefined, 'no labelled time, nothing to say');
  });
});

describe('regimen limits: wired to the schedule engine', () => {
  const service = createProtocolService();
  const findings = (text: string, code: RegExp = /^TPL22[4-9]|TPL239$/) =>
    service
      .analyze(text)
      .diagnostics.filter((d) => code.test(d.code))
      .map((d) => `${d.code} ${text.slice(d.offset, d.offset + d.length)}: ${d.message}`);

  it('sums a lifetime-limited drug over the arm, in order, and reports where the sum passes the maximum', () => {
    // 6 x 60 = 360, then 3 x 60 = 180: 540 mg/m2 is within 550; a fourth cycle makes 600.
    const arm = (cycles: number) =>
      `arm a "A" other {\n  cycle 21 days x 6 { doxorubicin 60 mg/m2 IV day 1 }\n  cycle 21 days x ${cycles} { doxorubicin 60 mg/m2 IV day 1 }\n}`;
    assert.deepEqual(findings(arm(3)), []);
    const [finding, ...rest] = findings(arm(4));
    assert.deepEqual(rest, []);
    assert.match(finding!, /^TPL227 60: With this line the arm gives 600 mg\/m2 of doxorubicin/);
  });

  it('says at which administration an open-ended line passes the maximum, counting the earlier lines', () => {
    // 4 x 60 = 240 before; (550 - 240) / 60 = 5.17, so the 6th administration of the open line passes 550.
    const text = `arm a "A" other {\n  cycle 21 days x 4 { doxorubicin 60 mg/m2 IV day 1 }\n  doxorubicin 60 mg/m2 IV q3w until progression\n}`;
    assert.deepEqual(
      findings(text).map((f) => f.replace(/ \(.*$/, '')),
      [
        "TPL227 60: doxorubicin runs with no end; at 60 mg/m2 each after the arm's earlier 240 mg/m2, its 6th administration passes the lifetime maximum of 550 mg/m2.",
      ],
    );
  });

  it('does not add up the options of a choice, the bands of a condition, or a line whose total is unknown', () => {
    const text = `arm a "A" other {
  cycle 21 days x 5 {
    choice {
      option "A" { doxorubicin 60 mg/m2 IV day 1 }
      option "B" { doxorubicin 75 mg/m2 IV day 1 }
    }
  }
  cycle 21 days x 4 { doxorubicin 60 mg/m2 IV day 1 if weight < 60 kg }
  cycle 21 days { doxorubicin 60 mg/m2 IV day 1 }
}`;
    // Option B alone: 5 x 75 = 375; the weight band alone: 240; the block without a count is unknown — nothing passes 550.
    assert.deepEqual(findings(text, /^TPL227$/), []);
  });

  it('reports a cap of one indication only where the trial is about it, by its words or their abbreviation', () => {
    const arm = 'arm a "A" other { pembrolizumab 200 mg IV q3w until progression }';
    assert.deepEqual(findings(arm), [], 'a trial naming no condition');
    assert.deepEqual(findings(`trial NCT00000001 { conditions "Breast Cancer" }\n${arm}`), []);
    const lung = findings(`trial NCT00000001 { conditions "Carcinoma, Non-Small-Cell Lung" }\n${arm}`);
    assert.equal(lung.length, 1);
    assert.match(lung[0]!, /^TPL239 until progression: pembrolizumab runs until progression with no cap; the label stops at 24 months in this indication\.$/);
    const related = service
      .analyze(`trial NCT00000001 { conditions "Carcinoma, Non-Small-Cell Lung" }\n${arm}`)
      .diagnostics.find((d) => d.code === 'TPL239')
      ?.related?.map((r) => r.message);
    assert.match(related?.[0] ?? '', /^the label's indication: NSCLC, HNSCC/);
    // Small-cell lung cancer is not non-small-cell: the abbreviation is not read into it.
    assert.deepEqual(findings(`trial NCT00000001 { conditions "Small Cell Lung Cancer" }\n${arm}`), []);
    const melanoma = findings(`trial NCT00000001 { conditions "Melanoma" }\narm a "A" other { pembrolizumab 200 mg IV q3w for 18 months }`);
    // q3w for 18 months: administrations on days 1, 22, ... 547 (26 doses), 546 days = 17.9 months after the first, above 12.
    assert.equal(melanoma.length, 1);
    assert.match(melanoma[0]!, /^TPL239 for 18 months: 17\.9 months of pembrolizumab are more than the label's 12 in this indication\.$/);
  });

  it('compares a per-kg intensity with the flat regimens for the reference patient before calling it above the label', () => {
    // Nivolumab 3 mg/kg every 2 weeks (CheckMate 227): 1.5 mg/kg a week, a labelled pediatric dose; 10 mg/kg every 2 weeks
    // is 5 mg/kg a week, 350 mg a week for 70 kg, above the flat 480 mg every 4 weeks (120 mg a week).
    const line = (mgPerKg: number) => `arm a "A" other { nivolumab ${mgPerKg} mg/kg IV q2w x 10 }`;
    assert.deepEqual(findings(line(3)), []);
    assert.match(findings(line(10)).join('\n'), /^TPL225 10: 5 mg\/kg a week of nivolumab is above its most intense labelled regimen/);
  });

  it("checks an infusion time against the drug's required time, not against one labelled regimen's", () => {
    assert.deepEqual(findings('arm a "A" other { cycle 14 days x 8 { fluorouracil 2600 mg/m2 IV day 1 over 24 hours } }'), []);
    assert.match(
      findings('arm a "A" other { cycle 21 days x 4 { paclitaxel 175 mg/m2 IV day 1 over 1 hour } }').join(),
      /TPL224 over 1 hour: paclitaxel over 60 minutes is faster/,
    );
  });

  it('says nothing of an unstated dose or a course it cannot count', () => {
    assert.deepEqual(findings('arm a "A" other { cycle 21 days { cisplatin dose unstated IV days 1-5 } }'), []);
    assert.deepEqual(findings('arm a "A" other { docetaxel 75 mg/m2 IV q3w }'), []);
  });
});
