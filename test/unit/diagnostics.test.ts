import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Codes } from '../../server/src/analysis/codes';
import { createProtocolService } from '../../server/src/service';
import { checkDiagnostics, fixture, ROOT } from './util';

/** A trial with every field the registry requires, and nothing to report. */
const COMPLETE_TRIAL = `trial NCT00000001 {
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
const CASES: Record<keyof typeof Codes, { bad: string; good: string }> = {
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
    bad: `arm a "A" other { oxaliplatine 85 mg/m2 day 1 }
                  ^^^^^^^^^^^^ TPL201`,
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
  TPL210: {
    bad: `arm a "A" other { gemcitabine 1000 mg days 1, 8 }
                                   ^^ TPL210`,
    good: `arm a "A" other { gemcitabine 1000 mg/m2 days 1, 8 }`,
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
};

describe('diagnostics: every code has a failing and a passing fixture', () => {
  it('covers every code in the table', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(Codes).sort());
  });

  for (const [code, { bad, good }] of Object.entries(CASES)) {
    it(`${code} ${Codes[code as keyof typeof Codes].name}`, () => {
      // Each fixture is about its own code; other checks may have their say on it too.
      checkDiagnostics(bad, (c) => c === code);
      checkDiagnostics(good, (c) => c === code);
    });
  }

  it('a complete trial has nothing to report', () => {
    checkDiagnostics(COMPLETE_TRIAL);
  });

  it('lists every code in docs/diagnostics.md, with its name and default severity', () => {
    const docs = readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    for (const info of Object.values(Codes)) {
      const heading = new RegExp(`^## ${info.code} \`${info.name.replace('.', '\\.')}\`$`, 'm');
      assert.match(docs, heading, `${info.code} has no heading in docs/diagnostics.md`);
      const section = docs.slice(docs.search(heading)).split(/\n(?=## )/)[0];
      assert.match(section, new RegExp(`Default severity: ${info.severity}`), `${info.code}: severity not documented`);
    }
  });
});

/** Syntax and model codes: what recovery is about. */
const structural = (code: string) => /^TPL[01]/.test(code);

describe('diagnostics: recovery', () => {
  it('reports five independent mistakes in one file, each once, with exact ranges', () => {
    checkDiagnostics(
      `trial NCT04669496 {
  phase 2/3
  status runing
         ^^^^^^ TPL101
  enrollment "many"
             ^^^^^^ TPL010
}
arm neoadjuvant "Neoadjuvant treatment" experimental {
  cycle 21 days x 3 {
    oxaliplatin 85 day 1
                   ^^^ TPL010
    gemcitabine 1 g/m2 days 1, 8 wat
                                 ^^^ TPL011
  }
  lenvatinib 8 mg daily for 9 weeks
}
eligibility {
  include platelets >= 90 x10^9/L
  include bilirubin <= 1.5 x UNL
                             ^^^ TPL010
}`,
      structural,
    );
  });

  it('keeps reading a block after a damaged header', () => {
    checkDiagnostics(
      `arm a "A" other {
  cycle 21 dayz x 3 {
           ^^^^ TPL010
    oxaliplatin 85 mg/m2 day 1
    gemcitabine 1 gg/m2 days 1, 8
                  ^^^^^ TPL104
  }
}`,
      structural,
    );
  });

  it('closes an unclosed block at the next top-level statement, and still reads that statement', () => {
    const diagnostics = checkDiagnostics(
      `arm a "A" other {
                ^ TPL012
  cycle 21 days x 3 {
                    ^ TPL012
    oxaliplatin 85 mg/m2 day 1
eligibility {
  include ecog 9 9
                 ^ TPL013
}`,
      structural,
    );
    assert.equal(diagnostics.length, 3);
  });

  it('reports an unterminated string once and goes on at the next line', () => {
    checkDiagnostics(
      `trial NCT00000001 {
  title "no end
        ^^^^^^^ TPL002
  status recruting
         ^^^^^^^^^ TPL101
}`,
      structural,
    );
  });

  it('skips a whole unknown block without reporting inside it', () => {
    checkDiagnostics(
      `protocol x {
^^^^^^^^ TPL011
  oxaliplatin 85 day 1
}
trial NCT00000001 { phase 2 }`,
      structural,
    );
  });

  it('reports a missing value at the keyword when the line ends early', () => {
    checkDiagnostics(
      `trial NCT00000001 {
  status
  ^^^^^^ TPL010
  phase 2
}`,
      structural,
    );
  });

  it('never reports twice on one token', () => {
    const { text } = fixture('arm a "A" other { x 1 2 3 § § }');
    const diagnostics = createProtocolService().analyze(text).diagnostics;
    const starts = diagnostics.map((d) => d.offset);
    assert.equal(new Set(starts).size, starts.length);
  });
});
