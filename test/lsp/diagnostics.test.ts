import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, freshUri, positionAt, ROOT, useServer } from './client';
import type { FixtureName } from './fixtures';
import { describeDiagnostics, expectedDiagnostics, load, rangeOfText, sample, SAMPLES, textAt } from './helpers';

const DOCS = path.join(ROOT, 'docs', 'diagnostics.md');

/** The GitHub anchors of the headings of docs/diagnostics.md, by code: `## TPL104 \`model.unknown-unit\`` -> tpl104-modelunknown-unit. */
function documentedAnchors(): Map<string, string> {
  const anchors = new Map<string, string>();
  for (const line of readFileSync(DOCS, 'utf8').split('\n')) {
    const heading = /^## (TPL\d{3}) (.*)$/.exec(line);
    if (!heading) continue;
    const slug = line
      .slice(3)
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, '')
      .replace(/ /g, '-');
    anchors.set(heading[1], slug);
  }
  return anchors;
}

/** The diagnostics each sample keeps (docs/diagnostics.md, "Diagnostics the samples keep"), with their severities. */
const SAMPLE_CODES: Record<(typeof SAMPLES)[number], string[]> = {
  'NCT04669496.trial': ['TPL254 2', 'TPL255 2', 'TPL261 3'],
  'NCT03951597.trial': ['TPL254 2', 'TPL255 2'],
};

function checkShape(uri: string, diagnostic: Diagnostic, anchors: Map<string, string>): void {
  const where = JSON.stringify(diagnostic);
  assert.match(String(diagnostic.code), /^TPL\d{3}$/, where);
  assert.ok(diagnostic.severity !== undefined && 1 <= diagnostic.severity && diagnostic.severity <= 4, where);
  assert.equal(diagnostic.source, 'trial', where);
  assert.ok(diagnostic.message.length > 0, where);
  const { start, end } = diagnostic.range;
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `range runs backwards: ${where}`);
  const href = diagnostic.codeDescription?.href;
  assert.ok(href, `no codeDescription: ${where}`);
  const [file, fragment] = href.split('#');
  assert.equal(file, pathToFileURL(DOCS).href, 'codeDescription.href must be the file URL of docs/diagnostics.md');
  assert.equal(fragment, anchors.get(String(diagnostic.code)), `the anchor must be the heading of ${diagnostic.code} in docs/diagnostics.md`);
  for (const related of diagnostic.relatedInformation ?? []) assert.equal(related.location.uri, uri, 'related information points into the same document');
}

describe('lsp: diagnostics', () => {
  const server = useServer();
  const anchors = documentedAnchors();

  for (const name of SAMPLES) {
    it(`publishes, on open of ${name}, exactly the documented diagnostics and no error`, async () => {
      const text = sample(name);
      const uri = freshUri(name);
      const published = await server().open(text, uri);
      assert.equal(published.uri, uri);
      assert.equal(published.version, 1);
      assert.deepEqual(
        published.diagnostics.filter((d) => d.severity === 1).map((d) => `${d.code} ${d.message}`),
        [],
        `${name} must check without errors`,
      );
      assert.deepEqual(published.diagnostics.map((d) => `${d.code} ${d.severity}`).sort(), SAMPLE_CODES[name]);
      assert.deepEqual(describeDiagnostics(text, published.diagnostics), expectedDiagnostics(text));
      for (const diagnostic of published.diagnostics) checkShape(uri, diagnostic, anchors);
    });
  }

  it('gives each of the outcomes of NCT03951597 as related information of TPL255 (no outcome is primary)', async () => {
    const text = sample('NCT03951597.trial');
    const { diagnostics } = await server().open(text);
    const noPrimary = diagnostics.find((d) => d.code === 'TPL255');
    assert.ok(noPrimary);
    const related = (noPrimary.relatedInformation ?? []).map((r) => textAt(text, r.location.range));
    assert.equal(related.length, 4, JSON.stringify(noPrimary));
    for (const [i, measure] of [
      '"Objective response rate"',
      '"safety: the potential side effects"',
      '"overall survival"',
      '"Progression free survival"',
    ].entries()) {
      assert.ok(related[i].includes(measure), `related ${i} is ${JSON.stringify(related[i])}, expected it to include ${measure}`);
    }
  });

  /** Checks that involve another place: the diagnostic's text, and the text of each related location. */
  const RELATED: { fixture: FixtureName; code: string; severity: number; at: string; related: string[] }[] = [
    { fixture: 'unsatisfiable', code: 'TPL242', severity: 1, at: 'platelets < 90 x10^9/L', related: ['platelets >= 100 x10^9/L'] },
    { fixture: 'relatedExcludes', code: 'TPL243', severity: 1, at: 'platelets > 50 x10^9/L', related: ['platelets >= 100 x10^9/L'] },
    { fixture: 'relatedDuplicate', code: 'TPL205', severity: 1, at: '1:5 gemcitabine', related: ['0:5 gemcitabine'] },
    { fixture: 'relatedCourse', code: 'TPL231', severity: 2, at: 'for 12 weeks', related: ['cycle 21 days x 3'] },
  ];
  for (const c of RELATED) {
    it(`gives ${c.code} the related location${c.related.length > 1 ? 's' : ''} it involves (${c.fixture})`, async () => {
      const { text } = load(c.fixture);
      const uri = freshUri(c.fixture);
      const { diagnostics } = await server().open(text, uri);
      const found = diagnostics.filter((d) => d.code === c.code);
      assert.equal(found.length, 1, describeDiagnostics(text, diagnostics).join('\n'));
      const withLine = /^\d+:\d+ /.test(c.at);
      const show = (range: Range) => `${withLine ? `${range.start.line}:${range.start.character} ` : ''}${textAt(text, range)}`;
      assert.equal(show(found[0].range), c.at);
      assert.equal(found[0].severity, c.severity);
      assert.deepEqual(
        (found[0].relatedInformation ?? []).map((r) => show(r.location.range)),
        c.related,
      );
      for (const r of found[0].relatedInformation ?? []) {
        assert.equal(r.location.uri, uri);
        assert.ok(r.message.length > 0, 'a related location says what it is');
      }
      checkShape(uri, found[0], anchors);
    });
  }

  it('reports an unknown unit (TPL104) at the unit, as an error', async () => {
    const { text } = load('unknownUnit');
    const { diagnostics } = await server().open(text);
    assert.deepEqual(
      describeDiagnostics(text, diagnostics).filter((line) => line.startsWith('TPL104')),
      ['TPL104 1 1:17-1:23 "mgg/m2"'],
    );
  });

  for (const [name, expected] of [
    ['unknownUnitCrlf', 'TPL104 1 1:17-1:23 "mgg/m2"'],
    ['unknownUnitAstral', 'TPL104 1 0:38-0:44 "mgg/m2"'],
  ] as const) {
    it(`counts positions in UTF-16 code units and lines by any line break (${name})`, async () => {
      const { text } = load(name);
      const { diagnostics } = await server().open(text);
      assert.deepEqual(
        describeDiagnostics(text, diagnostics).filter((line) => line.startsWith('TPL104')),
        [expected],
      );
      assert.deepEqual(describeDiagnostics(text, diagnostics), expectedDiagnostics(text));
    });
  }

  describe('edits', () => {
    const name = 'NCT04669496.trial';
    const uri = freshUri('edits');
    let text = sample(name);
    let version = 1;
    let baseline: string[] = [];

    before(async () => {
      const published = await server().open(text, uri);
      baseline = describeDiagnostics(text, published.diagnostics);
      assert.deepEqual(baseline, expectedDiagnostics(text));
    });

    /** Sends one incremental change, applies it to the local copy, and returns that version's diagnostics. */
    async function edit(change: { range: ReturnType<typeof rangeOfText>; text: string }): Promise<PublishDiagnosticsParams> {
      version += 1;
      const changes: TextDocumentContentChangeEvent[] = [{ range: change.range, text: change.text }];
      text = applyTextEdits(text, [{ range: change.range, newText: change.text }]);
      const published = await server().change(uri, version, changes);
      assert.equal(published.version, version);
      assert.deepEqual(describeDiagnostics(text, published.diagnostics), expectedDiagnostics(text), `version ${version} must be checked on its own text`);
      return published;
    }

    it('reports `85 mgg/m2` as an unknown unit, then nothing new once the typo is removed', async () => {
      const unit = rangeOfText(text, '85 mg/m2');
      const afterM = { line: unit.start.line, character: unit.start.character + 4 };
      const broken = await edit({ range: { start: afterM, end: afterM }, text: 'g' });
      assert.ok(text.includes('oxaliplatin 85 mgg/m2 day 1'));
      const unknown = broken.diagnostics.filter((d) => d.code === 'TPL104');
      assert.equal(unknown.length, 1);
      assert.equal(unknown[0].severity, 1);
      assert.equal(textAt(text, unknown[0].range), 'mgg/m2');

      const fixed = await edit({ range: { start: afterM, end: { line: afterM.line, character: afterM.character + 1 } }, text: '' });
      assert.equal(text, sample(name));
      assert.deepEqual(describeDiagnostics(text, fixed.diagnostics), baseline);
    });

    it('reports gemcitabine 10000 mg/m2 as beyond the typo bound (TPL221), then nothing new once reverted', async () => {
      const amount = rangeOfText(text, '1 g/m2');
      const broken = await edit({ range: amount, text: '10000 mg/m2' });
      const beyond = broken.diagnostics.filter((d) => d.code === 'TPL221');
      assert.equal(beyond.length, 1, describeDiagnostics(text, broken.diagnostics).join('\n'));
      assert.equal(beyond[0].severity, 1);
      assert.match(textAt(text, beyond[0].range), /10000/);

      const fixed = await edit({ range: rangeOfText(text, '10000 mg/m2'), text: '1 g/m2' });
      assert.equal(text, sample(name));
      assert.deepEqual(describeDiagnostics(text, fixed.diagnostics), baseline);
    });

    it('publishes for the last of five quick changes last, and for its text', async () => {
      const first = version + 1;
      // Typed faster than the server checks: 85 -> 850 -> 8500 -> 8500 mgg/m2 -> 850 mgg/m2 -> 850 mgg/m2 IV.
      const steps: ((t: string) => { range: ReturnType<typeof rangeOfText>; text: string })[] = [
        (t) => ({ range: rangeOfText(t, '85 mg/m2'), text: '850 mg/m2' }),
        (t) => ({ range: rangeOfText(t, '850 mg/m2'), text: '8500 mg/m2' }),
        (t) => ({ range: rangeOfText(t, '8500 mg/m2'), text: '8500 mgg/m2' }),
        (t) => ({ range: rangeOfText(t, '8500 mgg/m2'), text: '850 mgg/m2' }),
        (t) => ({ range: rangeOfText(t, '850 mgg/m2 day 1'), text: '850 mgg/m2 IV day 1' }),
      ];
      for (const step of steps) {
        const change = step(text);
        version += 1;
        text = applyTextEdits(text, [{ range: change.range, newText: change.text }]);
        server().sendChange(uri, version, [{ range: change.range, text: change.text }]);
      }
      assert.equal(version, first + 4);
      assert.ok(text.includes('oxaliplatin 850 mgg/m2 IV day 1'));
      const last = await server().diagnostics(uri, version);
      assert.deepEqual(describeDiagnostics(text, last.diagnostics), expectedDiagnostics(text), 'the last diagnostics reflect the final text');
      assert.ok(last.diagnostics.some((d) => d.code === 'TPL104'));
      // A request answered after the diagnostics: whatever the server sent before it has arrived.
      await server().request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      const versions = server()
        .published(uri)
        .map((p) => p.version ?? -1);
      assert.equal(versions[versions.length - 1], version, `the last published diagnostics carry the last version; published: ${versions.join(', ')}`);
      const sorted = [...versions].sort((a, b) => a - b);
      assert.deepEqual(versions, sorted, `diagnostics were published out of order: ${versions.join(', ')}`);
    });
  });

  it('follows 40 random incremental edits: each version is checked on its own text', async () => {
    // A deterministic generator (mulberry32), so that a failure can be replayed.
    let state = 20_260_101;
    const next = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const inserts = [
      '',
      'g',
      '0',
      ' ',
      '\n',
      '\r\n',
      '"',
      '{',
      '}',
      'x10^9/L',
      ' day 1',
      '\n  gemcitabine 1 g/m2 days 1, 8\n',
      '/*',
      '😀',
      'include platelets >= 100 x10^9/L',
    ];
    let text = sample('NCT03951597.trial');
    const uri = freshUri('random-edits');
    await server().open(text, uri);
    for (let version = 2; version <= 41; version++) {
      const offset = Math.floor(next() * text.length);
      const length = Math.min(text.length - offset, Math.floor(next() * 6));
      const insert = inserts[Math.floor(next() * inserts.length)];
      const range = { start: positionAt(text, offset), end: positionAt(text, offset + length) };
      text = applyTextEdits(text, [{ range, newText: insert }]);
      const published = await server().change(uri, version, [{ range, text: insert }]);
      assert.deepEqual(
        describeDiagnostics(text, published.diagnostics),
        expectedDiagnostics(text),
        `version ${version}: replaced ${length} characters at ${offset} with ${JSON.stringify(insert)}`,
      );
    }
  });

  it('clears the diagnostics of a closed document', async () => {
    const { text } = load('unknownUnit');
    const uri = freshUri();
    const opened = await server().open(text, uri);
    assert.ok(opened.diagnostics.length > 0);
    const count = server().published(uri).length;
    server().close(uri);
    // The clearing publication is the next one for this uri; a request round trip orders it before the answer.
    await server().request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const after = server().published(uri).slice(count);
    assert.equal(after.length, 1, JSON.stringify(after));
    assert.deepEqual(after[0].diagnostics, []);
  });
});
