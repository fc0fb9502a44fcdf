#!/usr/bin/env node
// Checks the import graph of server/src against scripts/layers.mjs: no import cycle between
// files, no layer importing a layer it may not (a higher one, or a front). Prints each problem
// and exits 1 when there is one; `npm run lint` runs it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { FRONTS, LAYERS } from './layers.mjs';

const root = resolve(import.meta.dirname, '..', 'server', 'src');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The relative imports of a file (type-only included), resolved to files of server/src. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), match[1]).replace(/\.(js|ts)$/, '');
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    if (target) found.push(target);
  }
  return found;
}

/** The layer or front a file belongs to: its first folder, or its name for files at the top. */
function unitOf(file) {
  const parts = relative(root, file).split(/[\\/]/);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, '');
}

const files = sources(root);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const problems = [];

for (const [file, targets] of graph) {
  const from = unitOf(file);
  for (const target of targets) {
    const to = unitOf(target);
    if (from === to) continue;
    const allowed = LAYERS[from];
    if (allowed === undefined) continue; // a front imports what it needs
    if (FRONTS.includes(to) || !allowed.includes(to)) problems.push(`runs up: ${relative(root, file)} (${from}) imports ${relative(root, target)} (${to})`);
  }
}

// Cycles: strongly connected components of more than one file (Tarjan's algorithm, iterative
// enough for this graph's depth).
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
function connect(file) {
  index.set(file, counter);
  low.set(file, counter);
  counter++;
  stack.push(file);
  onStack.add(file);
  for (const target of graph.get(file)) {
    if (!index.has(target)) {
      connect(target);
      low.set(file, Math.min(low.get(file), low.get(target)));
    } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
  }
  if (low.get(file) !== index.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(relative(root, member));
  } while (member !== file);
  if (component.length > 1) problems.push(`cycle: ${component.sort().join(', ')}`);
}
for (const file of files) if (!index.has(file)) connect(file);

for (const problem of problems) console.log(problem);
console.log(`check-layers: ${files.length} files, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
process.exit(problems.length ? 1 : 0);
