#!/usr/bin/env node
// Bundles the extension and the language server with esbuild into dist/:
//   client/src/extension.ts -> dist/extension.js  (vscode is provided by the editor)
//   server/src/server.ts    -> dist/server.js     (self-contained: every dependency inlined,
//                                                  @lhncbc/ucum-lhc's unit table included)
// `--watch` rebuilds on change. Type checking is tsc's job (`tsc -b`), not this script's.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // Keep the sources out of the maps: the maps are for stack traces, and sources would double the size.
  sourcesContent: false,
  // Whitespace and syntax only: names stay, so a stack trace in the output channel stays readable.
  minifyWhitespace: !watch,
  minifySyntax: !watch,
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
];

for (const build of builds) {
  const entry = build.entryPoints[0];
  if (!existsSync(join(root, entry))) {
    process.stderr.write(`bundle: ${entry} does not exist\n`);
    process.exit(1);
  }
}

if (watch) {
  for (const build of builds) await (await esbuild.context(build)).watch();
  process.stdout.write('bundle: watching for changes\n');
} else {
  const results = await Promise.all(builds.map((build) => esbuild.build({ ...build, metafile: true })));
  for (const result of results) {
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) process.stdout.write(`bundle: ${relative(root, join(root, file))} ${(output.bytes / 1024).toFixed(0)} KiB\n`);
    }
  }
}
