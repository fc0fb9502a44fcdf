/**
 * The editor conveniences at the level of the language service (issue 18): suppression
 * comments, the quick fix that writes one, code lenses, completion lists that fit the place,
 * hovers that say what matters first, and one-sentence messages. The CLI's honouring of the
 * comments is checked here too, end to end, since it is the same analysis.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { snippetTable } from '../../server/src/features/completion';
import { DEFAULT_SETTINGS } from '../../server/src/features/legend';
import { applyEdits } from '../../server/src/features/format';
import { createProtocolService } from '../../server/src/service';
import { allFixtureSources } from './fixtures';
import { fixture, ROOT, sample } from './util';

const service = createProtocolService();

const codesOf = (text: string) => service.analyze(text).diagnostics.map((d) => d.code);

const DOSE_ABOVE_LABEL = 'arm a "A" other {\n  gemcitabine 2000 mg/m2 day 1\n  gemcitabine 2000 mg/m2 day 8\n}\n';

describe('suppression comments', () => {
  it('silence the named code on the next line only', () => {
    assert.deepEqual(
      codesOf(DOSE_ABOVE_LABEL).filter((c) => c === 'TPL220'),
      ['TPL220', 'TPL220'],
    );
    const text = DOSE_ABOVE_LABEL.replace('  gemcitabine 2000 mg/m2 day 1', '  // trial-disable-next-line TPL220\n  gemcitabine 2000 mg/m2 day 1');
    const diagnostics = service.analyze(text).diagnostics.filter((d) => d.code === 'TPL220');
    assert.equal(diagnostics.length, 1);
    assert.equal(text.slice(diagnostics[0].offset).split('\n')[0], '2000 mg/m2 day 8');
  });

  it('take codes by number or name, separated by commas or spaces, with a reason after --', () => {
    for (const comment of [
      '// trial-disable-next-line dose.outside-label',
      '// trial-disable-next-line TPL201,TPL220',
      '// trial-disable-next-line TPL201 TPL220 -- a dose-finding arm',
      '//trial-disable-next-line TPL220',
    ]) {
      const text = `arm a "A" other {\n  ${comment}\n  gemcitabine 2000 mg/m2 day 1\n}\n`;
      assert.ok(!codesOf(text).includes('TPL220'), comment);
      assert.ok(!codesOf(text).includes('TPL014'), comment);
    }
  });

  it('without a code, silence every code of the next line except syntax errors', () => {
    const text = 'arm a "A" other {\n  // trial-disable-next-line\n  oxaliplatine 85 mg/m2 day 40 wat\n}\n';
    // TPL256 (no trial block) stands on the first line, not the silenced one.
    assert.deepEqual(codesOf(text).sort(), ['TPL011', 'TPL256']);
  });

  it('report an unknown code, or a syntax code, in the comment itself (TPL014), and still silence the valid ones', () => {
    const text = 'arm a "A" other {\n  // trial-disable-next-line TPL22O, TPL220, TPL010\n  gemcitabine 2000 mg/m2 day 1\n}\n';
    const unknown = service.analyze(text).diagnostics.filter((d) => d.code === 'TPL014');
    assert.deepEqual(
      unknown.map((d) => text.slice(d.offset, d.offset + d.length)),
      ['TPL22O', 'TPL010'],
    );
    assert.equal(unknown[0].severity, 'warning');
    assert.match(unknown[1].message, /syntax error/);
    assert.ok(!codesOf(text).includes('TPL220'));
  });

  it('silence nothing when they name only codes they cannot silence', () => {
    const text = 'arm a "A" other {\n  // trial-disable-next-line TPL999\n  gemcitabine 2000 mg/m2 day 1\n}\n';
    assert.ok(codesOf(text).includes('TPL220'));
  });

  it('are line comments: a block comment, a longer word or a comment two lines up silences nothing', () => {
    for (const text of [
      'arm a "A" other {\n  /* trial-disable-next-line TPL220 */\n  gemcitabine 2000 mg/m2 day 1\n}\n',
      'arm a "A" other {\n  // trial-disable-next-line-please TPL220\n  gemcitabine 2000 mg/m2 day 1\n}\n',
      'arm a "A" other {\n  // trial-disable-next-line TPL220\n\n  gemcitabine 2000 mg/m2 day 1\n}\n',
    ])
      assert.ok(codesOf(text).includes('TPL220'), text);
  });

  it('are honoured by `trial check`', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'trial-suppress-'));
    try {
      const file = path.join(folder, 'typo.trial');
      writeFileSync(
        file,
        'trial NCT00000001 { title "T" }\narm a "A" other {\n  // trial-disable-next-line TPL221 -- a typo guard test\n  gemcitabine 10000 mg/m2 day 1\n}\n',
      );
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'trial.js'), 'check', file], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.ok(!run.stdout.includes('TPL221'), run.stdout);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the quick fix that suppresses a diagnostic', () => {
  function suppress(text: string, code: string): string {
    const analysis = service.analyze(text);
    const diagnostic = analysis.diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `no ${code} in:\n${text}`);
    const action = service.quickFixes(analysis, diagnostic).find((a) => a.title === `Suppress ${code} on this line`);
    assert.ok(
      action,
      service
        .quickFixes(analysis, diagnostic)
        .map((a) => a.title)
        .join(' | '),
    );
    assert.equal(action.preferred, undefined, 'never applied by fix all or `trial check --fix`');
    return applyEdits(text, action.edits);
  }

  it('inserts the comment above the line with its indentation (spaces or a tab), and the diagnostic goes', () => {
    const fixed = suppress(DOSE_ABOVE_LABEL, 'TPL220');
    assert.equal(fixed, DOSE_ABOVE_LABEL.replace('  gemcitabine 2000 mg/m2 day 1', '  // trial-disable-next-line TPL220\n  gemcitabine 2000 mg/m2 day 1'));
    assert.equal(codesOf(fixed).filter((c) => c === 'TPL220').length, 1);
    const tabbed = 'arm a "A" other {\n\tgemcitabine 2000 mg/m2 day 1\n}\n';
    assert.equal(suppress(tabbed, 'TPL220'), 'arm a "A" other {\n\t// trial-disable-next-line TPL220\n\tgemcitabine 2000 mg/m2 day 1\n}\n');
  });

  it('adds the code to a suppression comment already above the line, before its reason', () => {
    const text = 'drug cisplatin\narm a "A" other {\n  // trial-disable-next-line TPL202 -- declared elsewhere\n  gemcitabine 2000 mg/m2 day 1\n}\n';
    const fixed = suppress(text, 'TPL220');
    assert.ok(fixed.includes('  // trial-disable-next-line TPL202, TPL220 -- declared elsewhere\n'), fixed);
    assert.ok(!codesOf(fixed).includes('TPL220'));
  });

  it('writes CRLF in a CRLF document', () => {
    const text = DOSE_ABOVE_LABEL.replace(/\n/g, '\r\n');
    assert.ok(suppress(text, 'TPL220').includes('  // trial-disable-next-line TPL220\r\n  gemcitabine'));
  });

  it('is not offered for a syntax error', () => {
    const text = 'arm a "A" other {\n  oxaliplatin 85 day 1\n}\n';
    const analysis = service.analyze(text);
    const syntax = analysis.diagnostics.find((d) => d.code === 'TPL010')!;
    assert.ok(!service.quickFixes(analysis, syntax).some((a) => a.title.startsWith('Suppress')));
  });
});

describe('code lenses', () => {
  it('count the drugs, cycles and administrations of each arm, total each cycle, and offer "Preview" over each arm', () => {
    const text = sample('NCT04669496.trial');
    const lenses = service.codeLenses(service.analyze(text)).map((lens) => `${text.slice(lens.offset).split('\n')[0].split(' "')[0]} | ${lens.title}`);
    assert.deepEqual(lenses, [
      'arm neoadjuvant | 5 drugs · 11 cycles · 299 administrations',
      'arm neoadjuvant | Preview',
      'cycle 21 days x 3 { | 3 x 21 days = 63 days · oxaliplatin 255 mg/m2, gemcitabine 6000 mg/m2 in total',
      'cycle 21 days x 8 { capecitabine 1250 mg/m2 bid days 1-14 } | 8 x 21 days = 168 days · capecitabine 280000 mg/m2 in total',
      'arm traditional | 1 drug · 8 cycles · 224 administrations',
      'arm traditional | Preview',
      'cycle 21 days x 8 { capecitabine 1250 mg/m2 bid days 1-14 } | 8 x 21 days = 168 days · capecitabine 280000 mg/m2 in total',
    ]);
  });

  it('say what the source leaves open: a cycle without a count, a dose without a schedule', () => {
    const text = 'arm a "A" other {\n  cycle 21 days {\n    oxaliplatin 85 mg/m2 day 1\n  }\n  gemcitabine dose unstated\n}\n';
    const titles = service.codeLenses(service.analyze(text)).map((lens) => lens.title);
    assert.deepEqual(titles, [
      '2 drugs · cycles not counted · administrations not counted',
      'Preview',
      '21 days, count not given · oxaliplatin 85 mg/m2 per cycle',
    ]);
  });
});

describe('completion that fits the place', () => {
  function complete(source: string) {
    const { text, cursor } = fixture(source);
    return service.complete(service.analyze(text), cursor!).items;
  }

  it('offers snippets only where a statement starts', () => {
    for (const source of [
      'trial NCT00000001 {\n  status $0\n}',
      'trial NCT00000001 {\n  $0\n}',
      'arm a "A" other {\n  gemcitabine 1000 $0\n}',
      'eligibility {\n  include $0\n}',
      'eligibility {\n  include any "x" {\n    $0\n  }\n}',
      'drug $0',
      'arm a "A" $0',
    ])
      assert.deepEqual(
        complete(source).filter((item) => item.snippet),
        [],
        source,
      );
    for (const [source, snippet] of [
      ['$0', 'trial block'],
      ['arm a "A" other {\n  $0\n}', 'cycle block'],
      ['arm a "A" other {\n  neoadjuvant {\n    $0\n  }\n}', 'dose line'],
      ['arm a "A" other {\n  cycle 21 days x 3 {\n    $0\n  }\n}', 'dose line'],
      ['eligibility {\n  $0\n}', 'include threshold'],
    ])
      assert.ok(
        complete(source).some((item) => item.snippet && item.label === snippet),
        `${snippet} at ${source}`,
      );
  });

  it('never offers two entries with one label, anywhere in the fixtures', () => {
    for (const source of allFixtureSources()) {
      const { text } = fixture(source);
      const analysis = service.analyze(text);
      // Every line start and every position after a space: where completion is asked for.
      for (let offset = 0; offset <= text.length; offset++) {
        if (offset > 0 && text[offset - 1] !== ' ' && text[offset - 1] !== '\n') continue;
        const labels = service.complete(analysis, offset).items.map((item) => item.label);
        assert.equal(new Set(labels).size, labels.length, `duplicates at ${offset} in:\n${text}\n${labels.join(', ')}`);
      }
    }
  });

  it('offers the drugs of the table after `drug`, not those already declared', () => {
    const labels = complete('drug gemcitabine\ndrug $0').map((item) => item.label);
    assert.ok(labels.includes('oxaliplatin') && labels.includes('capecitabine'), labels.slice(0, 10).join(', '));
    assert.ok(!labels.includes('gemcitabine'));
    assert.ok(complete('drug $0').every((item) => item.kind === 'drug'));
  });

  it('inserts a keyword with its trailing space, except a word that ends its statement', () => {
    const insertOf = (source: string, label: string) => {
      const item = complete(source).find((i) => i.label === label);
      assert.ok(item, `${label} at ${source}`);
      return item.insertText ?? item.label;
    };
    assert.equal(insertOf('$0', 'arm'), 'arm ');
    assert.equal(insertOf('eligibility {\n  $0\n}', 'include'), 'include ');
    assert.equal(insertOf('trial NCT00000001 {\n  $0\n}', 'status'), 'status ');
    assert.equal(insertOf('arm a "A" other {\n  gemcitabine 1000 mg/m2 $0\n}', 'IV'), 'IV ');
    assert.equal(insertOf('arm a "A" other {\n  gemcitabine dose $0\n}', 'unstated'), 'unstated');
    assert.equal(insertOf('eligibility {\n  include bilirubin <= 1.5 x $0\n}', 'ULN'), 'ULN');
    assert.equal(insertOf('arm a "A" other {\n  lenvatinib 8 mg daily for 9 $0\n}', 'weeks'), 'weeks');
  });

  it('knows the regimen words of issue 11 where they fit: course ends, reasons, modes, infusion units, choices, conditions', () => {
    const labels = (source: string) => complete(source).map((item) => item.label);
    const has = (source: string, ...expected: string[]) => {
      const found = labels(source);
      for (const label of expected) assert.ok(found.includes(label), `'${label}' at ${source}: ${found.join(' ')}`);
      return found;
    };
    has('arm a "A" other {\n  cycle 21 days $0\n}', 'x', 'for', 'up to', 'until');
    assert.deepEqual(labels('arm a "A" other {\n  cycle 21 days until $0\n}'), [
      'progression',
      'recurrence',
      'toxicity',
      'withdrawal',
      'death',
      'loss_of_benefit',
    ]);
    assert.deepEqual(labels('arm a "A" other {\n  cycle 21 days until progression $0\n}'), ['or']);
    assert.deepEqual(labels('arm a "A" other {\n  cycle 21 days up to 4 $0\n}'), ['cycles', 'weeks', 'months', 'years']);
    const inCycle = has(
      'arm a "A" other {\n  cycle 21 days x 4 {\n    cisplatin 75 mg/m2 IV $0\n  }\n}',
      'continuous',
      'over',
      'max',
      'loading',
      'cycles',
      'from',
      'if',
      'up to',
      'until',
    );
    assert.ok(!inCycle.includes('option'));
    // Outside a cycle block, a line picks no cycles (TPL237).
    const outside = labels('arm a "A" other {\n  cisplatin 75 mg/m2 IV q3w $0\n}');
    assert.ok(!outside.includes('cycles') && !outside.includes('from'), outside.join(' '));
    assert.deepEqual(labels('arm a "A" other {\n  cisplatin 75 mg/m2 IV q3w up to 4 $0\n}'), ['days', 'weeks', 'months', 'years', 'cycles', 'doses']);
    assert.deepEqual(labels('arm a "A" other {\n  fluorouracil 2400 mg/m2 IV continuous over 46 $0\n}'), ['min', 'hours']);
    has('arm a "A" other {\n  lenvatinib 8 mg PO daily x 28 if $0\n}', 'weight', 'creatinine_clearance');
    has('arm a "A" other {\n  placebo $0\n}', 'matching');
    has('arm a "A" other {\n  placebo matching $0\n}', 'pembrolizumab');
    assert.deepEqual(labels('arm a "A" other {\n  choice "Platinum" {\n    $0\n  }\n}'), ['option']);
    has('arm a "A" other {\n  cycle 21 days x 4 {\n    choice {\n      option "A" { $0 }\n    }\n  }\n}', 'cisplatin', 'choice');
    assert.deepEqual(labels('arm a "A" other {\n  maintenance $0\n}'), ['optional']);
  });

  it('knows conditions, alternatives and time windows in criteria', () => {
    const labels = (source: string) => complete(source).map((item) => item.label);
    assert.deepEqual(labels('eligibility {\n  include alt <= 3 x ULN $0\n}'), ['if', 'or', 'within', 'more than', 'at least', 'less than']);
    assert.deepEqual(labels('eligibility {\n  include alt <= 3 x ULN or <= 5 x ULN $0\n}'), ['if']);
    assert.deepEqual(labels('eligibility {\n  exclude "Major surgery" $0\n}'), ['within', 'more than', 'at least', 'less than']);
    assert.deepEqual(labels('eligibility {\n  exclude "Major surgery" within 28 $0\n}'), ['days', 'weeks', 'months', 'years']);
    assert.deepEqual(labels('eligibility {\n  exclude "Major surgery" within 28 days $0\n}'), ['before', 'after']);
    assert.deepEqual(labels('eligibility {\n  exclude "Major surgery" within 28 days before $0\n}'), [
      'enrollment',
      'randomization',
      'registration',
      'first_dose',
    ]);
    assert.deepEqual(labels('eligibility {\n  exclude "Radiotherapy" more $0\n}'), ['than']);
    assert.ok(labels('eligibility {\n  include creatinine_clearance >= 60 mL/min if $0\n}').includes('creatinine'));
  });

  it('keeps units by the drug basis', () => {
    assert.equal(complete('arm a "A" other {\n  gemcitabine 1000 $0\n}')[0].label, 'mg/m2');
    assert.equal(complete('arm a "A" other {\n  lenvatinib 8 $0\n}')[0].label, 'mg');
  });

  it('has snippets that expand, with their defaults, to text without syntax or model errors', () => {
    const contexts: Record<string, string> = {
      top: '$',
      arm: 'arm a "A" experimental {\n$\n}',
      phase: 'arm a "A" experimental {\n  neoadjuvant {\n$\n  }\n}',
      cycle: 'arm a "A" experimental {\n  cycle 21 days x 3 {\n$\n  }\n}',
      eligibility: 'eligibility {\n$\n}',
    };
    const expand = (body: string) => {
      let previous = '';
      let result = body;
      while (result !== previous) {
        previous = result;
        result = result
          .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
          .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
          .replace(/\$\d+/g, '');
      }
      return result;
    };
    for (const snippet of snippetTable()) {
      assert.match(snippet.body, /\$\{1[:|]/, `${snippet.label}: tab stops numbered from 1`);
      const text = contexts[snippet.context].replace('$', expand(snippet.body).replace(/drug_name/g, 'gemcitabine'));
      const errors = service.analyze(text).diagnostics.filter((d) => d.code < 'TPL200' && d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => `${d.code} ${d.message}`),
        [],
        `${snippet.label} expands to:\n${text}`,
      );
    }
    const trial = ['trial block', 'arm block', 'eligibility block', 'outcome block'].map((label) =>
      expand(snippetTable().find((s) => s.label === label)!.body),
    );
    const registry = service
      .analyze(trial.join('\n').replace(/drug_name/g, 'gemcitabine'))
      .diagnostics.filter((d) => d.code === 'TPL254' || d.code === 'TPL255');
    assert.deepEqual(
      registry.map((d) => d.message),
      [],
      'the top-level snippets together give a trial the registry accepts',
    );
  });
});

describe('hovers say what matters first', () => {
  function hover(source: string): string[] {
    const { text, cursor } = fixture(source);
    const result = service.hover(service.analyze(text), cursor!, DEFAULT_SETTINGS);
    assert.ok(result);
    return result.markdown.split('\n');
  }

  it("a dose line: its totals and intensity, then the drug in one line; the label's doses and sources below a rule", () => {
    const lines = hover('arm a "A" other {\n  cycle 21 days x 3 {\n    gem$0citabine 1 g/m2 days 1, 8\n  }\n}');
    assert.deepEqual(lines.slice(0, 5), [
      'This line: 1 g/m2 = **1000 mg/m2** per administration in a 21-day cycle x 3',
      '- per cycle: 2 administrations, 2000 mg/m2',
      '- whole course: 6 administrations, 6000 mg/m2',
      '- dose intensity: 666.667 mg/m2 per week',
      '- reference patient (BSA 1.73 m2): 1730 mg per administration, 3460 mg per cycle, 10380 mg in total',
    ]);
    const rule = lines.indexOf('---');
    assert.ok(lines.findIndex((line) => line.startsWith('**gemcitabine** — ')) < rule, lines.join('\n'));
    assert.ok(lines.indexOf('Labelled doses:') > rule);
    assert.ok(lines.findIndex((line) => line.startsWith('Typo guard: above 5700 mg/m2')) > rule, 'the bound behind TPL221 and its source');
  });

  it('a course: its intensity per week', () => {
    assert.ok(hover('arm a "A" other {\n  lenva$0tinib 8 mg daily for 9 weeks\n}').includes('- dose intensity: 56 mg per week'));
  });

  it("a threshold: its limit in the other unit system first (≈ when rounded), the analyte's ranges and sources below a rule", () => {
    const lines = hover('eligibility {\n  include bili$0rubin <= 1.5 mg/dL\n}');
    assert.equal(lines[0], 'This criterion: <= 1.5 mg/dL ≈ 25.7 umol/L');
    assert.ok(lines.indexOf('---') < lines.findIndex((line) => line.startsWith('Source: ')));
    assert.equal(hover('eligibility {\n  include hemo$0globin >= 9 g/dL\n}')[0], 'This criterion: >= 9 g/dL = 90 g/L');
  });
});

describe('diagnostic messages', () => {
  it('are one sentence each, in every fixture and sample', () => {
    const texts = [...allFixtureSources().map((source) => fixture(source).text), sample('NCT04669496.trial'), sample('NCT03951597.trial')];
    for (const text of texts) {
      for (const diagnostic of service.analyze(text).diagnostics) {
        const message = diagnostic.message;
        assert.match(message, /[.?]$/, `${diagnostic.code}: ${message}`);
        // A full stop or question mark followed by a capital starts a second sentence ("e.g." and "…" aside).
        assert.doesNotMatch(message.replace(/e\.g\./g, 'eg'), /[.?] [A-Z]/, `${diagnostic.code}: ${message}`);
        assert.ok(message.length <= 240 || diagnostic.code === 'TPL254' || diagnostic.code === 'TPL101', `${diagnostic.code} (${message.length}): ${message}`);
      }
    }
  });
});
