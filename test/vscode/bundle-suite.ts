/**
 * Bundles the extension-host suite (test/vscode/suite/index.ts) with esbuild into
 * test/vscode/out/suite/index.js, the `extensionTestsPath` both runners give VS Code. `vscode` is
 * provided by the extension host; mocha is required at run time from the repository's
 * node_modules, which Node finds from the bundle's own path (also when VS Code loads it through
 * a vscode-remote URI, which the server maps back to that path).
 */

import { build } from 'esbuild';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The bundled suite's path. */
export const SUITE_BUNDLE = path.join(ROOT, 'test', 'vscode', 'out', 'suite', 'index.js');

/** Writes the bundle and returns its path. */
export async function bundleSuite(): Promise<string> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['test/vscode/suite/index.ts'],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return SUITE_BUNDLE;
}
