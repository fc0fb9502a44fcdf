import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Codes } from '../../server/src/analysis/codes';
import { createProtocolService } from '../../server/src/service';
import { checkDiagnostics, fixture, ROOT } from './util';

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
};

describe('diagnostics: every code has a failing and a passing fixture', () => {
  it('covers every code in the table', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(Codes).sort());
  });

  for (const [code, { bad, good }] of Object.entries(CASES)) {
    it(`${code} ${Codes[code as keyof typeof Codes].name}`, () => {
      checkDiagnostics(bad);
      checkDiagnostics(good);
    });
  }

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

describe('diagnostics: recovery', () => {
  it('reports five independent mistakes in one file, each once, with exact ranges', () => {
    checkDiagnostics(`trial NCT04669496 {
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
}`);
  });

  it('keeps reading a block after a damaged header', () => {
    checkDiagnostics(`arm a "A" other {
  cycle 21 dayz x 3 {
           ^^^^ TPL010
    oxaliplatin 85 mg/m2 day 1
    gemcitabine 1 gg/m2 days 1, 8
                  ^^^^^ TPL104
  }
}`);
  });

  it('closes an unclosed block at the next top-level statement, and still reads that statement', () => {
    const diagnostics = checkDiagnostics(`arm a "A" other {
                ^ TPL012
  cycle 21 days x 3 {
                    ^ TPL012
    oxaliplatin 85 mg/m2 day 1
eligibility {
  include ecog 9 9
                 ^ TPL013
}`);
    assert.equal(diagnostics.length, 3);
  });

  it('reports an unterminated string once and goes on at the next line', () => {
    checkDiagnostics(`trial NCT00000001 {
  title "no end
        ^^^^^^^ TPL002
  status recruting
         ^^^^^^^^^ TPL101
}`);
  });

  it('skips a whole unknown block without reporting inside it', () => {
    checkDiagnostics(`protocol x {
^^^^^^^^ TPL011
  oxaliplatin 85 day 1
}
trial NCT00000001 { phase 2 }`);
  });

  it('reports a missing value at the keyword when the line ends early', () => {
    checkDiagnostics(`trial NCT00000001 {
  status
  ^^^^^^ TPL010
  phase 2
}`);
  });

  it('never reports twice on one token', () => {
    const { text } = fixture('arm a "A" other { x 1 2 3 § § }');
    const diagnostics = createProtocolService().analyze(text).diagnostics;
    const starts = diagnostics.map((d) => d.offset);
    assert.equal(new Set(starts).size, starts.length);
  });
});
