/**
 * The extension as a user sees it: a real VS Code workbench (the VS Code server bundled with
 * code-server, the extension installed in its extensions folder like a .vsix) in Debian's
 * Chromium, driven by playwright-core through the page alone — the Explorer, the status bar and
 * the extension's status item, typing, hover and its code link, the suggest widget, the command
 * palette, the keybinding, the preview's webview, its timeline and its scroll sync with the
 * editor, and the preview restored after a reload. Screenshots go to test-artifacts/ (and, when
 * missing or with UPDATE_SCREENSHOTS=1, to docs/: the preview's to docs/screenshot-vscode.png,
 * the others to docs/vscode-*.png). Run by scripts/test-editors.sh after
 * scripts/install-editor-tools.sh.
 */

import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
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

/** Copies a screenshot into docs/ when it is missing there, or with UPDATE_SCREENSHOTS=1: a test run does not rewrite tracked files. */
function publishScreenshot(screenshot: string, name: string): void {
  const target = path.join(ROOT, 'docs', name);
  if (!existsSync(target) || process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(screenshot, target);
}
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
  // Reloading the page in the web workbench (the preview's restore test).
  /Long running operations during shutdown are unsupported in the web/,
];

/** Editor text uses non-breaking spaces; matching is on plain spaces. */
function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** The few DOM types the page-side functions use: the test project compiles without the DOM library. */
interface DomElement {
  getBoundingClientRect(): { top: number; height: number };
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
  scrollIntoView(): void;
  getBBox(): { height: number };
}
interface DomWindow {
  readonly scrollY: number;
  readonly innerHeight: number;
  readonly document: DomElement & { readonly documentElement: { readonly scrollHeight: number } };
  requestAnimationFrame(callback: () => void): number;
}

/** The 1-based line of an offset. */
function lineAtOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
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

  /** The extension's status bar item (its element's id ends with the item's id). */
  const trialStatus = () => page.locator('[id$="trial.status"]');

  /** Waits until the extension's status item says `label` (its accessible label). */
  async function trialStatusSays(label: string): Promise<void> {
    await trialStatus()
      .and(page.locator(`[aria-label="${label}"]`))
      .waitFor()
      .catch(async () => assert.fail(`the Trial status item never said "${label}"; it says "${await trialStatus().getAttribute('aria-label')}"`));
  }

  /** The content frame of the visible webview: VS Code's host iframe holds the content's iframe. */
  async function webviewContent(): Promise<Frame> {
    const host = await page.locator('iframe.webview.ready').filter({ visible: true }).first().elementHandle();
    const inner = await (await host?.contentFrame())?.locator('iframe#active-frame').elementHandle();
    const frame = await inner?.contentFrame();
    assert.ok(frame, 'a webview is shown');
    return frame;
  }

  /**
   * The editor's first line (1-based) as VS Code's `visibleRanges` counts it: the line of the
   * first row shown whole, which may be a later row of a wrapped line. Page-side JavaScript in a
   * string: the rows (`.view-line`) and the numbers of the margin, matched by their position.
   */
  const TOP_LINE_JS = `(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    if (!editor) return 0;
    const top = editor.getBoundingClientRect().top;
    const rows = Array.from(editor.querySelectorAll('.view-lines .view-line')).map((row) => row.getBoundingClientRect().top);
    const whole = rows.filter((rowTop) => rowTop >= top - 0.5).sort((a, b) => a - b)[0];
    const numbers = Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'))
      .map((number) => ({ top: number.getBoundingClientRect().top, line: Number.parseInt(number.textContent || '', 10) }))
      .filter((number) => !Number.isNaN(number.line))
      .sort((a, b) => a.top - b.top);
    if (whole === undefined || numbers.length === 0) return 0;
    const at = numbers.filter((number) => number.top <= whole + 0.5).pop();
    return at ? at.line : numbers[0].line - 1;
  })()`;

  /** The first line the text editor shows whole (1-based). */
  function editorTopLine(): Promise<number> {
    return page.evaluate(TOP_LINE_JS) as Promise<number>;
  }

  /** Waits until the text editor's first line is `line`. */
  async function editorTopLineIs(line: number, what: string): Promise<void> {
    await page
      // Polled on an interval, not on animation frames, which the workbench page may not get while a webview has focus.
      .waitForFunction(`${TOP_LINE_JS} === ${line}`, undefined, { timeout: WAIT_MS, polling: 50 })
      .catch(async () => assert.fail(`${what}: the editor's first line is ${await editorTopLine()}, not ${line}`));
  }

  /**
   * In the preview: the offset of the element the page shows at its top (as the page's script
   * computes it), whether the page is scrolled as far as it goes, and its scroll position.
   */
  function previewTop(frame: Frame): Promise<{ offset: number; atEnd: boolean; scrollY: number; elementTop: number }> {
    return frame.evaluate(() => {
      const window = globalThis as unknown as DomWindow;
      const document = window.document;
      const synced = Array.from(document.querySelectorAll('[data-offset]:not(svg *):not(.errors *)'));
      let found: DomElement | undefined;
      for (const element of synced) {
        if (element.getBoundingClientRect().top <= 6) found = element;
        else if (found) break;
      }
      const limit = document.documentElement.scrollHeight - window.innerHeight;
      return {
        offset: found ? Number(found.getAttribute('data-offset')) : 0,
        atEnd: window.scrollY >= limit - 1,
        scrollY: window.scrollY,
        elementTop: found ? found.getBoundingClientRect().top : 0,
      };
    });
  }

  /** The synced element the preview should show at its top for an editor whose first line ends at `lineEnd`. */
  function previewTargetFor(frame: Frame, lineEnd: number): Promise<number> {
    return frame.evaluate((end) => {
      const document = (globalThis as unknown as DomWindow).document;
      let best = -1;
      for (const element of Array.from(document.querySelectorAll('[data-offset]:not(svg *):not(.errors *)'))) {
        const offset = Number(element.getAttribute('data-offset'));
        if (offset <= end && offset >= best) best = offset;
      }
      return best;
    }, lineEnd);
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

  it("the Trial status item shows the file's errors and warnings and the server's state, and opens the Problems view", async () => {
    await trialStatusSays('Trial Protocol: 0 errors, 2 warnings; the language server is running');
    await goToLine(lineOf(sampleText, 'oxaliplatin 85 mg/m2'));
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('bogus 1');
    await page.keyboard.press('Escape');
    await trialStatusSays('Trial Protocol: 1 error, 2 warnings; the language server is running');
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-status.png') });
    await page.keyboard.press('Control+Shift+k');
    await trialStatusSays('Trial Protocol: 0 errors, 2 warnings; the language server is running');

    await trialStatus().click();
    const problems = page.locator('.markers-panel');
    await problems.waitFor();
    await problems.locator('.monaco-list-row', { hasText: 'TPL254' }).first().waitFor();
    // Back to the editor, with the panel closed.
    await page.keyboard.press('Control+j');
    await problems.waitFor({ state: 'hidden' });
  });

  it("a diagnostic's code in the hover opens that code's documentation, rendered", async () => {
    await goToLine(lineOf(sampleText, 'trial NCT04669496'));
    const nct = viewLine(/trial\sNCT04669496\s\{/)
      .locator('span > span')
      .filter({ hasText: /NCT04669496/ })
      .first();
    await nct.hover();
    const link = page.locator('.monaco-hover a.code-link', { hasText: 'TPL254' }).first();
    await link.waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-code-link.png') });
    await link.click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'TPL254 registry.required-field' });
    await tab.waitFor();
    const content = await webviewContent();
    await content.locator('body[data-code="TPL254"] h2').first().waitFor();
    const text = normalise(await content.locator('body').innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes('TPL254 registry.required-field'), text.slice(0, 300));
    assert.ok(text.includes('Default severity: warning'), text.slice(0, 300));
    assert.ok(!text.includes('TPL255'), `only TPL254's section is shown: ${text.slice(0, 600)}`);
    const screenshot = path.join(ARTIFACTS, 'vscode-ui-rule.png');
    await page.screenshot({ path: screenshot });
    publishScreenshot(screenshot, 'vscode-rule.png');
    await page.keyboard.press('Control+w');
    await tab.waitFor({ state: 'detached' });
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
    // What matters first: the totals and intensity come before the label's list of doses.
    assert.ok(text.indexOf('intensity') >= 0 && text.indexOf('intensity') < text.indexOf('Labelled doses'), text);
    const screenshot = path.join(ARTIFACTS, 'vscode-ui-hover.png');
    await page.screenshot({ path: screenshot });
    publishScreenshot(screenshot, 'vscode-hover.png');
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

  it('the suggest widget offers keywords and snippets once each where a statement starts, and drug names after `drug `', async () => {
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-widget.suggest-widget');
    await widget.locator('.monaco-list-row', { hasText: 'eligibility block' }).first().waitFor();
    const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((label) => normalise(label).trim());
    assert.equal(new Set(labels).size, labels.length, `each entry once: ${labels.join(', ')}`);
    for (const expected of ['arm', 'drug', 'outcome', 'arm block', 'outcome block'])
      assert.ok(labels.includes(expected), `'${expected}' in: ${labels.join(', ')}`);
    const screenshot = path.join(ARTIFACTS, 'vscode-ui-completion-statement.png');
    await page.screenshot({ path: screenshot });
    publishScreenshot(screenshot, 'vscode-completion.png');

    // Choosing the keyword `drug` inserts it with its space and asks again: the drug names follow.
    await page.keyboard.type('dru');
    await widget.locator('.monaco-list-row.focused', { hasText: /^drug/ }).waitFor();
    await page.keyboard.press('Enter');
    await viewLine(/^drug\s$/).waitFor();
    await widget.locator('.monaco-list-row').first().waitFor();
    // Drugs only (the function icon), no keyword or snippet.
    const rows = await widget.locator('.monaco-list-row').count();
    const drugs = await widget.locator('.monaco-list-row:has(.codicon-symbol-function)').count();
    assert.equal(drugs, rows, `after 'drug ': ${(await widget.locator('.monaco-list-row .label-name').allInnerTexts()).join(', ')}`);
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Shift+k');
    await page.keyboard.press('Control+s');
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

    // Legible beside the editor: an axis of weeks, a legend, phases named, one scale for both arms.
    const legend = normalise(await content.locator('.timeline-legend').first().innerText());
    for (const key of ['administration', 'daily, continuous', 'cycle', 'surgery']) assert.ok(legend.includes(key), legend);
    const axis = await content.locator('section.arm[data-arm="neoadjuvant"] svg.timeline .tick-label').allTextContents();
    assert.equal(axis[0], 'day 1');
    assert.ok(
      axis.some((label) => /^wk \d+$/.test(label)),
      axis.join(', '),
    );
    const phases = await content.locator('section.arm[data-arm="neoadjuvant"] svg.timeline .phase-label').allTextContents();
    assert.deepEqual(phases, ['neoadjuvant', 'adjuvant']);
    const viewBoxes = await content.locator('svg.timeline').evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('viewBox')));
    assert.equal(new Set(viewBoxes.map((box) => box?.split(' ')[2])).size, 1, `one width for every arm: ${viewBoxes.join(' | ')}`);
    const fontSize = await content
      .locator('section.arm[data-arm="neoadjuvant"] svg.timeline text.drug')
      .first()
      .evaluate((element) => {
        const text = element as unknown as DomElement;
        return (text.getBoundingClientRect().height / text.getBBox().height) * 13;
      });
    assert.ok(fontSize >= 10, `the timeline's text is ${fontSize.toFixed(1)} px high beside the editor`);

    // The screenshot shows the editor beside the preview's arms and timeline: the preview scrolls
    // the arm's heading to its top, and the editor follows to the arm.
    await content.locator('section.arm[data-arm="neoadjuvant"] h3').evaluate((heading) => (heading as unknown as DomElement).scrollIntoView());
    await editorTopLineIs(lineOf(sampleText, 'arm neoadjuvant'), 'after the preview scrolled to the arm');
    const screenshot = path.join(ARTIFACTS, 'vscode-ui-preview.png');
    await page.screenshot({ path: screenshot });
    if (!existsSync(DOCS_SCREENSHOT) || process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(screenshot, DOCS_SCREENSHOT);
    // Closed for the next test, which opens it with the keybinding.
    await page.locator('.tabs-container .tab', { hasText: `Preview ${SAMPLE}` }).click();
    await page.keyboard.press('Control+w');
    await page.locator('.tabs-container .tab', { hasText: `Preview ${SAMPLE}` }).waitFor({ state: 'detached' });
  });

  it('Ctrl+K V opens the preview to the side, and the editor and the preview scroll together both ways', async () => {
    await goToLine(1);
    await page.keyboard.press('Control+k');
    await page.keyboard.press('v');
    await page.locator('.tabs-container .tab', { hasText: `Preview ${SAMPLE}` }).waitFor();
    const frame = await webviewContent();
    await frame.locator('svg.timeline').first().waitFor();

    // The editor scrolls to the exclusions (Go to Line centres the line; Ctrl+Down then scrolls a
    // row, which leaves a whole row at the top): the preview follows to the element of its first line.
    await goToLine(lineOf(sampleText, 'exclude hbv_dna'));
    await page.keyboard.press('Control+ArrowDown');
    await frame.waitForFunction(() => (globalThis as unknown as DomWindow).scrollY > 100, undefined, { timeout: WAIT_MS });
    const top = await editorTopLine();
    const lineEnd = sampleText.split('\n').slice(0, top).join('\n').length;
    const target = await previewTargetFor(frame, lineEnd);
    await frame
      .waitForFunction(
        (expected) => {
          const window = globalThis as unknown as DomWindow;
          const document = window.document;
          const matching = Array.from(document.querySelectorAll(`[data-offset="${expected}"]:not(svg *):not(.errors *)`));
          const element = matching[matching.length - 1];
          const limit = document.documentElement.scrollHeight - window.innerHeight;
          return element !== undefined && (Math.abs(element.getBoundingClientRect().top) <= 8 || window.scrollY >= limit - 1);
        },
        target,
        { timeout: WAIT_MS },
      )
      .catch(async () =>
        assert.fail(`the preview does not show the element at ${target} (editor line ${top}) at its top: ${JSON.stringify(await previewTop(frame))}`),
      );
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-scroll-editor.png') });

    // The preview scrolls (to the arms): the editor shows the line of the element at the preview's top.
    await frame.evaluate(() =>
      (globalThis as unknown as DomWindow).document.querySelector('section.arm[data-arm="neoadjuvant"] ul.regimen li.dose')?.scrollIntoView(),
    );
    const shown = await previewTop(frame);
    const expectedLine = lineAtOffset(sampleText, shown.offset);
    await editorTopLineIs(expectedLine, `after the preview scrolled to offset ${shown.offset}`);
    assert.match(sampleText.split('\n')[expectedLine - 1], /oxaliplatin|cycle 21 days x 3|neoadjuvant/);
    // No echo: the editor's move did not scroll the preview again.
    assert.equal((await previewTop(frame)).scrollY, shown.scrollY);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-scroll-preview.png') });
  });

  it('restores the preview after the window reloads (Developer: Reload Window)', async () => {
    // The command, not a bare page reload: it saves the workbench's state (its editors) first.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: WAIT_MS });
    await runCommand('Developer: Reload Window').catch(() => undefined);
    await reloaded;
    await page.locator('.tabs-container .tab', { hasText: `Preview ${SAMPLE}` }).waitFor();
    await page.locator('.tabs-container .tab', { hasText: `Preview ${SAMPLE}` }).click();
    const frame = await webviewContent();
    await frame.locator('svg.timeline').first().waitFor();
    const body = normalise(await frame.locator('body').innerText());
    assert.ok(body.includes('Neoadjuvant treatment'), body.slice(0, 300));
  });

  it('logs no console error besides those expected without internet', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
