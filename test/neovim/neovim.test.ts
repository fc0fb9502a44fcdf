/**
 * The language server in Neovim's built-in LSP client (headless): runs test/neovim/lsp.lua with
 * `nvim --headless -u NONE -i NONE`, its XDG folders in a temporary folder, on a copy of a sample,
 * and checks the script's verdict; then on a copy with a dose error, which the script must
 * reject (so its error check can fail). Needs `nvim` (scripts/install-editor-tools.sh installs
 * Debian's) and `npm run build`.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'test', 'neovim', 'lsp.lua');
const SAMPLE = path.join(ROOT, 'samples', 'NCT04669496.trial');
/** The whole Neovim run; seen: about half a second. */
const RUN_TIMEOUT_MS = 60_000;

describe('Neovim LSP client', function () {
  this.timeout(RUN_TIMEOUT_MS + 10_000);
  let temp: string;

  before(() => {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(nvim.status, 0, 'nvim is missing: run `bash scripts/install-editor-tools.sh` (or apt-get install neovim)');
    assert.ok(existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
    temp = mkdtempSync(path.join(tmpdir(), 'trial-neovim-'));
  });

  after(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  /** Runs lsp.lua on a document with `text`; returns its exit status and output. */
  function runNeovim(name: string, text: string): { status: number | null; output: string } {
    const folder = path.join(temp, name);
    const xdg = Object.fromEntries(
      ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME'].map((key) => [key, path.join(folder, key.toLowerCase())]),
    );
    for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
    const document = path.join(folder, path.basename(SAMPLE));
    writeFileSync(document, text);
    const result = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${SCRIPT}`], {
      cwd: folder,
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
      env: { ...process.env, ...xdg, TRIAL_ROOT: ROOT, TRIAL_SAMPLE: document },
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    assert.equal(result.error, undefined, `nvim did not finish within ${RUN_TIMEOUT_MS / 1000} s: ${String(result.error)}\n${output}`);
    return { status: result.status, output };
  }

  it('gets diagnostics (no error), hover with mg/m2 and drug completion for the sample', () => {
    const { status, output } = runNeovim('sample', readFileSync(SAMPLE, 'utf8'));
    assert.equal(status, 0, output);
    for (const line of [
      'ok diagnostics, none an error: TPL254 WARN, TPL255 WARN, TPL261 INFO',
      'ok hover on oxaliplatin',
      'ok completion in the arm',
      'all checks passed',
    ]) {
      assert.ok(output.includes(line), `missing '${line}' in:\n${output}`);
    }
  });

  it('fails, naming the diagnostic, when the document has an error', () => {
    const broken = readFileSync(SAMPLE, 'utf8').replace('gemcitabine 1 g/m2', 'gemcitabine 10000 mg/m2');
    const { status, output } = runNeovim('broken', broken);
    assert.equal(status, 1, output);
    assert.ok(output.includes('FAIL: an error in the sample') && output.includes('TPL221'), output);
  });
});
