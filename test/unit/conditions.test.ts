/**
 * Misuse of the regimen and eligibility constructs of issue 11, and what the checks make of
 * conditions, alternatives and time windows: a cycle selection outside a cycle block, a placebo
 * matching a drug no one knows, unknown analytes in conditions, weight bands, and criteria that
 * are only comparable under the same condition, window or alternative.
 */

import * as assert from 'node:assert/strict';
import { createProtocolService } from '../../server/src/service';
import { scheduleOf } from '../../server/src/model/schedule';
import { toCtgov } from '../../server/src/summary/ctgov';
import { renderMarkdown } from '../../server/src/summary/markdown';
import { exportUsdm } from '../../server/src/summary/usdm';
import { checkDiagnostics } from './util';

const only =
  (...codes: string[]) =>
  (code: string) =>
    codes.includes(code);

describe('conditions: regimen misuse', () => {
  it("TPL237: 'cycles 1-4' and 'from cycle 2' outside a cycle block, and the line's count is unknown, not guessed", () => {
    const text = `arm a "A" other {
  pembrolizumab 200 mg IV q3w cycles 1-4
                              ^^^^^^^^^^ TPL237
  pembrolizumab 200 mg IV q3w from cycle 2
                              ^^^^^^^^^^^^ TPL237
  cycle 21 days x 4 { pembrolizumab 200 mg IV day 1 cycles 1-2 }
}`;
    const diagnostics = checkDiagnostics(text, only('TPL237'));
    assert.match(diagnostics[0]!.message, /'cycles 1-4' picks cycles of a cycle block/);
    const analysis = createProtocolService().analyze(text.replace(/^\s*\^+ TPL\d+\n/gm, ''));
    const totals = scheduleOf(analysis.protocol).doses.map((line) => line.total);
    assert.deepEqual(totals, [{ kind: 'unknown' }, { kind: 'unknown' }, { kind: 'exact', value: 2 }]);
  });

  it('a placebo matching an unknown drug: the matched name is checked like any drug name', () => {
    checkDiagnostics(
      `drug placebo "Placebo"
drug pembrolizumab "Pembrolizumab"
arm a "A" placebo_comparator {
  placebo matching pembrolizumab IV q3w x 4
  placebo matching pembrolizumb IV q3w x 4
                   ^^^^^^^^^^^^ TPL211
                   ^^^^^^^^^^^^ TPL202
  placebo matching nonsense IV q3w x 4
                   ^^^^^^^^ TPL201
                   ^^^^^^^^ TPL202
}`,
      only('TPL201', 'TPL202', 'TPL211'),
    );
  });

  it('TPL204: unknown analytes in the conditions of dose lines, criteria and alternatives', () => {
    checkDiagnostics(
      `arm a "A" other {
  lenvatinib 8 mg PO daily x 28 if wieght < 60 kg
                                   ^^^^^^ TPL204
}
eligibility {
  include creatinine_clearance >= 60 mL/min if creatinin > 1.5 x ULN
                                               ^^^^^^^^^ TPL204
  include ast <= 3 x ULN or <= 5 x ULN if liver_mets > 0
                                          ^^^^^^^^^^ TPL204
  include alt <= 3 x ULN or <= 5 x ULN if "liver metastases"
}`,
      only('TPL204'),
    );
  });

  it("TPL261: a weight band is clean when it is the label's band and dose, reported when it is not", () => {
    const diagnostics = checkDiagnostics(
      `drug lenvatinib "Lenvatinib"
arm a "A" other {
  cycle 28 days x 4 {
    lenvatinib 8 mg PO daily if weight < 60 kg
    lenvatinib 12 mg PO daily if weight >= 60 kg
  }
}
arm b "B" other {
  cycle 28 days x 4 {
    lenvatinib 12 mg PO daily if weight < 60 kg
               ^^ TPL261
    lenvatinib 8 mg PO daily if weight >= 50 kg
               ^ TPL261
    lenvatinib 8 mg PO daily if weight <= 60 kg
               ^ TPL261
    lenvatinib 8 mg PO daily if ecog >= 1
               ^ TPL261
  }
}`,
      only('TPL261'),
    );
    assert.match(diagnostics[0]!.message, /this line gives 12 mg when weight < 60 kg/);
    assert.match(diagnostics[3]!.message, /at every weight/);
  });
});

describe('conditions: criteria compare only under the same condition, window and alternatives', () => {
  it('TPL244 finds a text criterion repeated with other spacing or case, and not one with other words', () => {
    const text = [
      'eligibility {',
      '  include "No prior chemotherapy"',
      '  include "no  prior\\tChemotherapy"',
      '  include " No prior chemotherapy "',
      '  include "No prior\u00a0chemotherapy"',
      '  include "No prior\\u2003 chemotherapy"',
      '  include "No prior chemotherapies"',
      '  include "No prior chemo therapy"',
      '}',
    ].join('\n');
    const findings = createProtocolService()
      .analyze(text)
      .findings.filter((finding) => finding.code === 'TPL244');
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    assert.deepEqual(
      findings.map((finding) => lineOf(finding.offset)),
      [3, 4, 5, 6],
    );
  });

  it('TPL244 keeps conditional limits apart from each other and from the unconditional one', () => {
    checkDiagnostics(
      `eligibility {
  include creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN
  include creatinine_clearance >= 50 mL/min if creatinine > 2 x ULN
  include creatinine_clearance >= 40 mL/min
  include creatinine_clearance >= 30 mL/min
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL244
  include hemoglobin >= 9 g/dL if "transfused"
  include hemoglobin >= 8 g/dL if "transfused"
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL244
}`,
      only('TPL244'),
    );
  });

  it('TPL244: a criterion with alternatives is implied only by one within its tightest limit, and implies at its loosest', () => {
    checkDiagnostics(
      `eligibility {
  include ast <= 2.5 x ULN or <= 5 x ULN if "liver metastases"
  include ast <= 3 x ULN
  include alt <= 2.5 x ULN or <= 5 x ULN if "liver metastases"
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL244
  include alt <= 2 x ULN
  include bilirubin <= 1.5 x ULN or <= 3 x ULN if "Gilbert syndrome"
  include bilirubin <= 3 x ULN
          ^^^^^^^^^^^^^^^^^^^^ TPL244
}`,
      (code) => code === 'TPL244',
    );
  });

  it('TPL244: the same limits with alternatives under different conditions are two criteria; the same alternatives twice are a repeat', () => {
    checkDiagnostics(
      `eligibility {
  include alt <= 3 x ULN or <= 5 x ULN if alp > 2.5 x ULN
  include alt <= 3 x ULN or <= 5 x ULN if "liver metastases"
  include ast <= 3 x ULN or <= 5 x ULN if "liver metastases"
  include ast <= 3 x ULN or <= 5 x ULN if "Liver  metastases"
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL244
}`,
      (code) => code === 'TPL244',
    );
  });

  it('TPL244: the same words in two time windows are two criteria; the same window twice is a repeat', () => {
    checkDiagnostics(
      `eligibility {
  exclude "Radiotherapy" within 14 days before randomization
  exclude "Radiotherapy" within 28 days before randomization
  exclude "Radiotherapy" within 28 days before "surgery"
  exclude "Radiotherapy"
  exclude "Radiotherapy" within 28 days before randomization
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL244
}`,
      only('TPL244'),
    );
  });

  it('TPL242: a conditional limit contradicts only limits under its condition', () => {
    checkDiagnostics(
      `eligibility {
  include creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN
  include creatinine_clearance <= 50 mL/min
  include hemoglobin >= 10 g/dL if "transfused"
  include hemoglobin < 9 g/dL if "transfused"
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL242
}`,
      only('TPL242'),
    );
  });

  it('TPL243: an exclusion empties the inclusion only where the inclusion binds everyone', () => {
    checkDiagnostics(
      `eligibility {
  include ast <= 2.5 x ULN or <= 5 x ULN if "liver metastases"
  exclude ast <= 2.5 x ULN
  include alt <= 2.5 x ULN
  exclude alt <= 2.5 x ULN
          ^^^^^^^^^^^^^^^^ TPL243
}`,
      only('TPL243'),
    );
  });
});

describe('conditions: TPL270 alternative limits', () => {
  it('an alternative on the other side, one no looser, and one another criterion caps', () => {
    const diagnostics = checkDiagnostics(
      `eligibility {
  include bilirubin <= 1.5 x ULN or >= 3 x ULN if "liver metastases"
                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL270
  include alt <= 2.5 x ULN or <= 2.5 x ULN if "liver metastases"
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL270
  include ast <= 2.5 x ULN or <= 5 x ULN if "liver metastases"
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL270
  include ast <= 3 x ULN
  include alp <= 2.5 x ULN or <= 5 x ULN if "liver or bone metastases"
  exclude creatinine_clearance < 60 mL/min or < 45 mL/min if "on study drug A"
  exclude neutrophils < 1.5 x10^9/L or < 2 x10^9/L if "ethnic neutropenia"
                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TPL270
  exclude platelets < 100 x10^9/L or < 75 x10^9/L if "on anticoagulants"
}`,
      only('TPL270'),
    );
    assert.match(diagnostics[0]!.message, /is a lower limit beside a main upper limit/);
    assert.match(diagnostics[2]!.message, /'ast <= 3 x ULN' holds for everyone/);
  });
});

describe('conditions: label requirements read conditional limits and alternatives honestly', () => {
  it('TPL262: a conditional limit does not meet a requirement for everyone; an alternative admits its loosest value', () => {
    const service = createProtocolService();
    const message = (eligibility: string) =>
      service
        .analyze(`drug docetaxel "Docetaxel"\narm a "A" other { cycle 21 days x 4 { docetaxel 75 mg/m2 IV day 1 } }\neligibility {\n${eligibility}\n}`)
        .diagnostics.find((d) => d.code === 'TPL262')?.message ?? '';
    assert.match(message('include bilirubin <= 1 x ULN if "no Gilbert syndrome"'), /bilirubin <= 1 x ULN \(none set\)/);
    assert.match(message('include bilirubin <= 1 x ULN or <= 3 x ULN if "Gilbert syndrome"'), /bilirubin <= 1 x ULN \([^)]*3 x ULN[^)]*\)/);
    assert.doesNotMatch(message('include bilirubin <= 1 x ULN'), /bilirubin/);
  });
});

describe('conditions: TPL244 against a brute-force oracle', () => {
  /** A seeded random number generator (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  interface Limit {
    readonly comparator: '<' | '<=' | '>' | '>=';
    readonly value: number;
  }

  /** The values a set of limits admits, on a grid fine enough to tell every bound apart (strictness included). */
  function admits(limits: readonly Limit[], x: number): boolean {
    return limits.every(({ comparator, value }) =>
      comparator === '<' ? x < value : comparator === '<=' ? x <= value : comparator === '>' ? x > value : x >= value,
    );
  }

  it('reports exactly the criteria another one implies, or that repeat an earlier one, on 300 random sets', () => {
    const next = random(20261128);
    const grid = Array.from({ length: 81 }, (_, i) => i / 4);
    for (let run = 0; run < 300; run++) {
      // A criterion: one limit, a range written as two criteria is two; some with an alternative that loosens the upper limit.
      const count = 2 + Math.floor(next() * 6);
      const criteria: { text: string; tight: Limit[]; loose: Limit[] }[] = [];
      for (let i = 0; i < count; i++) {
        const comparator = (['<', '<=', '>', '>='] as const)[Math.floor(next() * 4)]!;
        const value = 1 + Math.floor(next() * 8);
        const upper = comparator === '<' || comparator === '<=';
        if (upper && next() < 0.3) {
          const alternative = value + 1 + Math.floor(next() * 3);
          criteria.push({
            text: `include creatinine ${comparator} ${value} mg/dL or ${comparator} ${alternative} mg/dL if "on dialysis"`,
            tight: [{ comparator, value }],
            loose: [{ comparator, value: alternative }],
          });
        } else criteria.push({ text: `include creatinine ${comparator} ${value} mg/dL`, tight: [{ comparator, value }], loose: [{ comparator, value }] });
      }
      const text = `eligibility {\n${criteria.map((c) => `  ${c.text}`).join('\n')}\n}`;
      const reported = new Set(
        createProtocolService()
          .analyze(text)
          .diagnostics.filter((d) => d.code === 'TPL244')
          .map((d) => text.slice(0, d.offset).split('\n').length - 2),
      );
      // The oracle: a criterion is redundant when another admits (at its loosest) only values it admits (at its tightest);
      // of two that admit the same values both ways, the later one repeats the earlier.
      const within = (a: number, b: number) => grid.every((x) => !admits(criteria[a]!.loose, x) || admits(criteria[b]!.tight, x));
      const expected = new Set<number>();
      // A criterion written twice, alternatives and all, repeats the first.
      criteria.forEach((c, b) => {
        if (criteria.slice(0, b).some((earlier) => JSON.stringify([earlier.tight, earlier.loose]) === JSON.stringify([c.tight, c.loose]))) expected.add(b);
      });
      for (let b = 0; b < count; b++)
        for (let a = 0; a < count; a++) {
          if (a === b || !within(a, b)) continue;
          if (within(b, a) && a > b) continue; // the same bounds: only the later one is a repeat
          expected.add(b);
        }
      assert.deepEqual([...reported].sort(), [...expected].sort(), text);
    }
  });
});

describe('conditions: every rendering keeps what qualifies a limit', () => {
  const text = `trial NCT00000001 { title "Clauses" }
eligibility {
  include alt <= 3 x ULN or <= 5 x ULN if "liver metastases"
  include creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN
  exclude "Major surgery" within 28 days before randomization
  exclude prior "chemotherapy" less than 4 weeks before first_dose
  exclude hemoglobin < 9 g/dL within 14 days before enrollment
}
`;
  const service = createProtocolService();
  const analysis = service.analyze(text);

  it('the Markdown summary writes each condition, alternative and window after its limit', () => {
    const markdown = renderMarkdown(service.summary(text));
    for (const line of [
      '- alt <= 3 x ULN or <= 5 x ULN if "liver metastases"',
      '- creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN',
      '- Major surgery within 28 days before randomization *(free text)*',
      '- prior "chemotherapy" less than 4 weeks before first_dose',
      '- hemoglobin < 9 g/dL [= 90 g/L] within 14 days before enrollment',
    ])
      assert.ok(markdown.split('\n').includes(line), `missing: ${line}\n${markdown}`);
  });

  it('the preview shows them under the limit or after the text', () => {
    const html = service.previewBody(analysis);
    assert.match(html, /3 x ULN<br><span class="clauses">or &lt;= 5 x ULN if &quot;liver metastases&quot;<\/span>/);
    assert.match(html, /60<br><span class="clauses">if creatinine &gt; 1.5 x ULN<\/span>/);
    assert.match(html, /Major surgery within 28 days before randomization/);
  });

  it("the registry export's criteria text keeps them, in the registry's words", () => {
    const criteria = toCtgov(analysis.protocol).eligibilityModule?.eligibilityCriteria ?? '';
    for (const line of [
      '* ALT ≤ 3 x ULN or ≤ 5 x ULN if liver metastases',
      '* creatinine clearance ≥ 60 mL/min if creatinine > 1.5 x ULN',
      '* Major surgery within 28 days before randomization',
      '* Prior chemotherapy less than 4 weeks before first dose',
      '* hemoglobin < 9 g/dL within 14 days before enrollment',
    ])
      assert.ok(criteria.split('\n').includes(line), `missing: ${line}\n${criteria}`);
  });

  it('the USDM export carries them as extension attributes of the criterion', () => {
    const json = JSON.stringify(exportUsdm(analysis.protocol));
    for (const value of [
      '<= 5 x ULN if \\"liver metastases\\"',
      'if creatinine > 1.5 x ULN',
      'within 28 days before randomization',
      'less than 4 weeks before first_dose',
      'within 14 days before enrollment',
    ])
      assert.ok(json.includes(`"valueString":"${value}"`), `missing: ${value}`);
  });
});
