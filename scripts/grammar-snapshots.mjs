#!/usr/bin/env node
// Snapshot tests of the TextMate grammar over the sample trials, with vscode-tmgrammar-snap.
// The tool keeps a snapshot next to its source (`X.trial.snap`); the samples stay in samples/
// and their snapshots live in test/grammar/snapshots/, so the samples are copied with their
// snapshots into a temporary folder and the tool runs there. Then every token of every sample
// must carry a scope of its own: a word left with only `source.trial` and `meta.*` scopes fails.
//   node scripts/grammar-snapshots.mjs            compare; a missing snapshot fails
//   node scripts/grammar-snapshots.mjs --update   rewrite the snapshots, on purpose only
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = join(root, 'samples');
const snapshotsDir = join(root, 'test/grammar/snapshots');
const update = process.argv.includes('--update');

/** The tokens of a snapshot that hold text but no scope beyond `source.trial` and `meta.*`. */
function unscopedTokens(snapshotText) {
  const found = [];
  let source = '';
  let lineNumber = 0;
  for (const line of snapshotText.split('\n')) {
    if (line.startsWith('>')) {
      source = line.slice(1);
      lineNumber++;
      continue;
    }
    const assertion = /^#(\s*)(\^+) (.*)$/.exec(line);
    if (!assertion) continue;
    const start = assertion[1].length;
    const text = source.slice(start, start + assertion[2].length);
    const scopes = assertion[3].trim().split(/\s+/);
    const innermost = scopes[scopes.length - 1];
    if (text.trim() !== '' && (innermost === 'source.trial' || innermost.startsWith('meta.')))
      found.push(`line ${lineNumber}: '${text.trim()}' (${innermost})`);
  }
  return found;
}

function main() {
  const samples = readdirSync(samplesDir).filter((name) => name.endsWith('.trial'));
  const missing = samples.filter((sample) => !existsSync(join(snapshotsDir, `${sample}.snap`)));
  if (missing.length > 0 && !update) {
    process.stderr.write(`grammar-snapshots: no snapshot for ${missing.join(', ')}; run \`npm run test:grammar:update\` and review the new files\n`);
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'trial-grammar-'));
  try {
    for (const sample of samples) {
      copyFileSync(join(samplesDir, sample), join(work, sample));
      const snapshot = join(snapshotsDir, `${sample}.snap`);
      if (existsSync(snapshot)) copyFileSync(snapshot, join(work, `${sample}.snap`));
    }
    const require = createRequire(import.meta.url);
    const tool = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist/snapshot.js');
    const args = [tool, '--config', join(root, 'package.json'), ...(update ? ['--updateSnapshot'] : []), join(work, '*.trial')];
    if (spawnSync(process.execPath, args, { stdio: 'inherit' }).status !== 0) return 1;
    let failed = false;
    for (const sample of samples) {
      const unscoped = unscopedTokens(readFileSync(join(work, `${sample}.snap`), 'utf8'));
      for (const token of unscoped) process.stderr.write(`grammar-snapshots: ${sample} ${token} has no scope of its own\n`);
      failed ||= unscoped.length > 0;
    }
    if (failed) return 1;
    if (update) {
      mkdirSync(snapshotsDir, { recursive: true });
      for (const sample of samples) copyFileSync(join(work, `${sample}.snap`), join(snapshotsDir, `${sample}.snap`));
      process.stdout.write(`grammar-snapshots: wrote ${samples.length} snapshots to test/grammar/snapshots/\n`);
    } else {
      process.stdout.write(`grammar-snapshots: ${samples.length} samples match their snapshots, every token scoped\n`);
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
