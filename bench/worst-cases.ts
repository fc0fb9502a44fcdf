/**
 * The worst cases of docs/performance.md: each service function the server calls, on shapes at
 * two sizes four times apart, with the ratio of the two times (about 4 when linear, 16 when
 * quadratic). `npx tsx bench/worst-cases.ts [shape…]`; `preview` measures the preview alone on
 * generated protocols up to 150,000 lines (4.6 MB). Figures vary by ±30 % on a shared machine;
 * small times are noise.
 */

import { DEFAULT_SETTINGS } from '../server/src/features/legend';
import { createProtocolService } from '../server/src/service';
import { generateProtocol } from './generate';

const service = createProtocolService();

/** The median time of `runs` calls, in ms. */
function time(run: () => unknown, runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const SHAPES: Record<string, { sizes: [number, number]; make: (n: number) => string }> = {
  generated: { sizes: [5000, 20000], make: (n) => generateProtocol(n) },
  'one-analyte': {
    sizes: [500, 2000],
    make: (n) => `trial NCT00000001 { title "x" }\neligibility {\n${'  include platelets >= 100 x10^9/L\n'.repeat(n)}}\n`,
  },
  'dose-lines': {
    sizes: [1000, 4000],
    make: (n) => `trial NCT00000001 { title "x" }\narm a "A" other {\n  cycle 21 days x 4 {\n${'    gemcitabine 1000 mg/m2 IV day 1\n'.repeat(n)}  }\n}\n`,
  },
  nesting: {
    sizes: [200, 800],
    make: (n) => `trial NCT00000001 { title "x" }\neligibility {\n${'include any {\n  include platelets >= 100 x10^9/L\n'.repeat(n)}${'}\n'.repeat(n + 1)}`,
  },
  'long-line': { sizes: [1000, 4000], make: (n) => `trial NCT00000001 {\n  title "${'x'.repeat(n * 100)}"\n}\n` },
};

function measureShape(name: string): void {
  const { sizes, make } = SHAPES[name];
  const rows = new Map<string, number[]>();
  const add = (key: string, ms: number) => rows.set(key, [...(rows.get(key) ?? []), ms]);
  for (const n of sizes) {
    const text = make(n);
    add(
      'analyze',
      time(() => service.analyze(text), 1),
    );
    const analysis = service.analyze(text);
    const near = Math.floor(text.length * 0.9);
    const middle = text.length >> 1;
    const all = { offset: 0, length: text.length };
    const requests: Record<string, () => unknown> = {
      hover: () => service.hover(analysis, near, DEFAULT_SETTINGS),
      completion: () => service.complete(analysis, near),
      definition: () => service.definition(analysis, near),
      references: () => service.references(analysis, near, { includeDeclaration: true }),
      highlights: () => service.highlights(analysis, near),
      rename: () => service.rename(analysis, near, 'renamed'),
      outline: () => service.outline(analysis),
      'outline (parse only)': () => service.outlineOfText(text),
      folding: () => service.foldingRanges(analysis),
      selection: () => service.selectionRanges(analysis, [middle]),
      tokens: () => service.semanticTokens(analysis),
      'inlay hints': () => service.inlayHints(analysis, { offset: middle, length: 3000 }),
      'quick fixes': () => service.quickFixes(analysis, all),
      'fix all': () => service.fixAll(analysis),
      preview: () => service.previewBody(analysis),
      'export ctgov': () => service.exportDocument(analysis, 'ctgov'),
      'export usdm': () => service.exportDocument(analysis, 'usdm'),
      'export markdown': () => service.exportDocument(analysis, 'markdown'),
      'range formatting': () => service.formatRange(analysis, { offset: middle, length: 2000 }),
      formatting: () => service.formatDocument(analysis),
    };
    for (const [key, run] of Object.entries(requests)) add(key, time(run, key.includes('formatting') || key.startsWith('export') ? 1 : 3));
  }
  process.stdout.write(`\n${name}: ${sizes.join(' -> ')}\n`);
  for (const [key, [small, large]] of rows) {
    process.stdout.write(
      `  ${key.padEnd(22)} ${small.toFixed(1).padStart(9)} ms -> ${large.toFixed(1).padStart(9)} ms   x${(large / Math.max(small, 0.05)).toFixed(1)}\n`,
    );
  }
}

function measurePreview(): void {
  for (const lines of [10_000, 30_000, 150_000]) {
    const text = generateProtocol(lines);
    const analysis = service.analyze(text);
    let html = '';
    const ms = time(() => (html = service.previewBody(analysis)));
    process.stdout.write(
      `preview of ${lines} lines (${(text.length / 1e6).toFixed(2)} MB, ${analysis.protocol.arms.length} arms): ${(html.length / 1e6).toFixed(2)} MB of HTML, median ${ms.toFixed(0)} ms\n`,
    );
  }
}

const asked = process.argv.slice(2);
for (const name of asked.length ? asked : Object.keys(SHAPES)) {
  if (name === 'preview') measurePreview();
  else if (SHAPES[name]) measureShape(name);
  else process.stderr.write(`worst-cases: no shape '${name}'; the shapes are ${Object.keys(SHAPES).join(', ')}, preview\n`);
}
