import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Codes } from '../../server/src/language/codes';
import { createProtocolService } from '../../server/src/service';
import { CASES, COMPLETE_TRIAL } from './fixtures';
import { checkDiagnostics, fixture, ROOT } from './util';

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
