/**
 * The extension as a user sees it: a real VS Code workbench (the VS Code server bundled with
 * code-server, the extension installed in its extensions folder like a .vsix) in Debian's
 * Chromium, driven by playwright-core through the page alone — the Explorer, the status bar,
 * typing, hover, the suggest widget, the command palette and the preview's webview. Screenshots
 * go to test-artifacts/ (and, when missing or with UPDATE_SCREENSHOTS=1, the preview's to
 * docs/screenshot-vscode.png). Run by scripts/test-editors.sh after scripts/install-editor-tools.sh.
 */

import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  checkPrerequisites,
  installExtension,
  launchChromium,
  ROOT,
  sampleWorkspace,
  startVsCodeServer,
  temporaryFolder,
  type VsCodeServer,
} from '../vscode/vscode-server';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const DOCS_SCREENSHOT = path.join(ROOT, 'docs', 'screenshot-vscode.png');
const SAMPLE = 'NCT04669496.trial';
/** The limit of each wait for the workbench; it usually answers within a second. */
const WAIT_MS = 20_000;

/**
 * Console errors expected on a machine without internet: the extension gallery (open-vsx.org),
 * the GitHub sign-in provider, resources the bare VS Code server does not serve (code-server's
 * service worker, which its own wrapper would) and host names that do not resolve.
 */
const HARMLESS_CONSOLE_ERRORS = [
  /open-vsx\.org/,
  /authentication provider 'github'/,
  /\[Service Worker\]/,
  /Failed to load resource/,
  /bad HTTP response code \(404\)/,
];

/** Editor text uses non-breaking spaces; matching is on plain spaces. */
function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

function lineOf(text: string, needle: string): number {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' is in the sample`);
  return text.slice(0, offset).split('\n').length;
}

describe('VS Code workbench with the extension (UI)', function () {
  this.timeout(120_000);
  let temp: ReturnType<typeof temporaryFolder>;
  let server: VsCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  let currentTest = 'start-up';
  const sampleText = readFileSync(path.join(ROOT, 'samples', SAMPLE), 'utf8');

  before(async () => {
    checkPrerequisites();
    mkdirSync(ARTIFACTS, { recursive: true });
    temp = temporaryFolder('trial-vscode-ui-');
    const workspace = sampleWorkspace(temp.folder);
    const extensionsDir = path.join(temp.folder, 'extensions');
    installExtension(extensionsDir);
    server = await startVsCodeServer({ stateDir: path.join(temp.folder, 'state'), extensionsDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (!HARMLESS_CONSOLE_ERRORS.some((pattern) => pattern.test(text))) consoleErrors.push(`${currentTest}: ${text} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${currentTest}: page error: ${error.message}`));
    await page.goto(server.url(workspace));
  });

  beforeEach(function () {
    currentTest = this.currentTest?.title ?? '';
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page.screenshot({ path: path.join(ARTIFACTS, `vscode-ui-failed-${name}.png`) }).catch(() => undefined);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    temp?.remove();
  });

  const statusItem = (id: string) => page.locator(`[id="${id}"]`);
  const editor = () => page.locator('.editor-instance .monaco-editor').first();

  /** Waits until the status bar's problems item says `label` exactly ("Errors: 1, Warnings: 2"; zero counts are left out). */
  async function problemsSay(label: string): Promise<void> {
    await statusItem('status.problems')
      .and(page.locator(`[aria-label="${label}"]`))
      .waitFor()
      .catch(async () =>
        assert.fail(`the status bar's problems never said "${label}"; it says "${await statusItem('status.problems').getAttribute('aria-label')}"`),
      );
  }

  /** Moves the cursor to the start of a line with the Go to Line box (Ctrl+G). */
  async function goToLine(line: number): Promise<void> {
    await editor().click();
    await page.keyboard.press('Control+g');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Runs a command from the command palette (F1) by its title. */
  async function runCommand(title: string): Promise<void> {
    await editor().click();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  function viewLine(pattern: RegExp): Locator {
    return editor().locator('.view-line').filter({ hasText: pattern });
  }

  it('opens the sample from the Explorer; the status bar names the language "Trial Protocol"', async () => {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: SAMPLE });
    await row.click();
    await page.locator('.tabs-container .tab.active', { hasText: SAMPLE }).waitFor();
    // The status bar says "Plain Text" until the extension's language is known.
    await statusItem('status.editor.mode').filter({ hasText: 'Trial Protocol' }).waitFor();
    assert.equal((await statusItem('status.editor.mode').innerText()).trim(), 'Trial Protocol');
    await viewLine(/trial\sNCT04669496\s\{/).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-opened.png') });
  });

  it("shows the sample's warnings in the status bar, and a squiggle and an error for a mistake until it is undone", async () => {
    // docs/diagnostics.md: TPL254 and TPL255 (warnings), TPL261 (information).
    await problemsSay('Warnings: 2, Infos: 1');
    assert.equal(await editor().locator('.squiggly-error').count(), 0, 'the sample has no error');

    await goToLine(lineOf(sampleText, 'oxaliplatin 85 mg/m2'));
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('bogus 1');
    await page.keyboard.press('Escape');
    await editor().locator('.squiggly-error').first().waitFor();
    await problemsSay('Errors: 1, Warnings: 2, Infos: 1');
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-squiggle.png') });

    await page.keyboard.press('Control+Shift+k'); // Delete Line: the text is the sample's again.
    await viewLine(/bogus/).waitFor({ state: 'detached' });
    await problemsSay('Warnings: 2, Infos: 1');
    await editor().locator('.squiggly-error').first().waitFor({ state: 'detached' });
  });

  it('hovering a drug in a dose line shows its dose in mg/m2', async () => {
    await goToLine(lineOf(sampleText, 'oxaliplatin 85 mg/m2'));
    const drug = viewLine(/oxaliplatin\s85\smg\/m2/)
      .locator('span > span')
      .filter({ hasText: /^oxaliplatin$/ });
    await drug.hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'mg/m2' });
    await hover.first().waitFor();
    const text = normalise(await hover.first().innerText());
    assert.ok(text.includes('oxaliplatin'), text);
    assert.ok(text.includes('85 mg/m2'), `the hover gives the line's dose: ${text}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-hover.png') });
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  it('the suggest widget lists the drugs on a new line in an arm', async () => {
    await goToLine(lineOf(sampleText, 'oxaliplatin 85 mg/m2'));
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-widget.suggest-widget');
    await widget.locator('.monaco-list-row', { hasText: 'gemcitabine' }).first().waitFor();
    const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((label) => normalise(label).trim());
    assert.ok(labels.includes('capecitabine'), `suggested: ${labels.join(', ')}`);
    assert.ok(!labels.includes('title'), `no trial field in an arm: ${labels.join(', ')}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-completion.png') });
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Shift+k');
  });

  it('"Trial: Open Preview to the Side" from the command palette shows the summary with its timeline', async () => {
    await runCommand('Trial: Open Preview to the Side');
    await page.locator('.tabs-container .tab', { hasText: `Preview ${SAMPLE}` }).waitFor();
    // A webview is an iframe (VS Code's host page) holding the content's iframe.
    const content = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    const timeline = content.locator('svg.timeline').first();
    await timeline.waitFor();
    const body = normalise(await content.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const fact of ['NCT04669496', 'Neoadjuvant treatment', 'Traditional group', 'Phase 2/3'])
      assert.ok(body.includes(fact), `'${fact}' is not in the preview`);
    const drugs = await content.locator('section.arm[data-arm="neoadjuvant"] g.row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-drug')));
    assert.deepEqual(drugs, ['oxaliplatin', 'gemcitabine', 'lenvatinib', 'toripalimab', 'capecitabine']);
    assert.equal(
      await content.locator('section.arm[data-arm="neoadjuvant"] g.row[data-drug="gemcitabine"] rect.mark').count(),
      6,
      'gemcitabine: days 1 and 8 of 3 cycles',
    );

    // The screenshot shows the editor beside the preview's arms and timeline.
    await content.locator('section.arm[data-arm="neoadjuvant"]').scrollIntoViewIfNeeded();
    const screenshot = path.join(ARTIFACTS, 'vscode-ui-preview.png');
    await page.screenshot({ path: screenshot });
    if (!existsSync(DOCS_SCREENSHOT) || process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(screenshot, DOCS_SCREENSHOT);
  });

  it('logs no console error besides those expected without internet', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
