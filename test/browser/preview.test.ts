/**
 * The preview page in a real headless Chromium (Debian's, driven by playwright-core): the facts
 * are visible, the timelines have one row per drug with the right marks, nothing logs an error,
 * and markup injected through the document stays text. Screenshots go to test-artifacts/.
 * Run by `npm run test:browser`, which installs Chromium first (scripts/ensure-chromium.sh).
 */

import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../vscode/vscode-server';
import { createProtocolService } from '../../server/src/service';
import { createNonce, renderPage } from '../../server/src/summary/html';

const ROOT = path.resolve(__dirname, '..', '..');

/** The parts of the page's window these tests touch (the test project has no DOM types). */
interface BrowserWindow {
  scrollTo(x: number, y: number): void;
  readonly scrollY: number;
  postMessage(message: unknown, targetOrigin: string): void;
}
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/** The page exactly as `trial summary --html` and the preview build it (the preview with its state). */
function pageFor(text: string, title: string, state?: unknown): string {
  const service = createProtocolService();
  return renderPage(service.previewBody(service.analyze(text)), { nonce: createNonce(), title, state });
}

/**
 * What VS Code's webview provides: acquireVsCodeApi, whose postMessage reaches the extension
 * (here: a list) and whose setState keeps the page's state. A string, not a function: the
 * TypeScript loader would add helpers the page does not have.
 */
const WEBVIEW_API =
  'globalThis.__posted = []; globalThis.__state = undefined; globalThis.acquireVsCodeApi = () => ({ postMessage: (message) => globalThis.__posted.push(message), setState: (state) => { globalThis.__state = state; }, getState: () => globalThis.__state });';

/** The page's window, as the scroll tests read it. */
interface PreviewWindow extends BrowserWindow {
  readonly __posted: { type: string; offset?: number }[];
  readonly __state: unknown;
  readonly document: {
    querySelector(selector: string): { getBoundingClientRect(): { top: number }; getAttribute(name: string): string | null } | null;
  };
}

describe('preview page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  /** Opens a page and collects what it logs: console errors, page errors, CSP violations. */
  async function open(html: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.setContent(html, { waitUntil: 'load' });
    return { page, problems };
  }

  async function marks(page: Page, arm: string, drug: string, kind: 'mark' | 'bar'): Promise<number> {
    return page.locator(`section.arm[data-arm="${arm}"] g.row[data-drug="${drug}"] rect.${kind}`).count();
  }

  it('NCT04669496: the facts, a timeline row per drug with the right marks, no errors', async () => {
    const { page, problems } = await open(pageFor(readFileSync(path.join(ROOT, 'samples', 'NCT04669496.trial'), 'utf8'), 'NCT04669496'));
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const fact of [
      'NCT04669496',
      'ZSAB-neoGOLP',
      'Phase 2/3',
      '178',
      'randomized',
      'parallel',
      'Neoadjuvant treatment',
      'Traditional group',
      '18 years to 70 years',
      'x10^9/L',
      'free text',
      'Jia Fan',
    ]) {
      assert.ok(text.includes(fact), `'${fact}' is not visible`);
    }
    assert.deepEqual(await page.locator('section.arm[data-arm="neoadjuvant"] g.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-drug'))), [
      'oxaliplatin',
      'gemcitabine',
      'lenvatinib',
      'toripalimab',
      'capecitabine',
    ]);
    assert.equal(await marks(page, 'neoadjuvant', 'gemcitabine', 'mark'), 6, 'gemcitabine: days 1 and 8 of 3 cycles');
    assert.equal(await marks(page, 'neoadjuvant', 'oxaliplatin', 'mark'), 3);
    assert.equal(await marks(page, 'neoadjuvant', 'toripalimab', 'mark'), 3, 'q3w x 3');
    assert.equal(await marks(page, 'neoadjuvant', 'lenvatinib', 'bar'), 1, 'a continuous course is a bar');
    assert.equal(await marks(page, 'neoadjuvant', 'capecitabine', 'mark'), 14 * 8);
    assert.equal(await page.locator('section.arm[data-arm="neoadjuvant"] svg.timeline rect.cycle').count(), 3 + 8);
    assert.equal(await page.locator('section.arm g.surgery').count(), 2, 'one surgery marker per arm');
    const phaseLabels = await page
      .locator('section.arm[data-arm="neoadjuvant"] text.phase-label')
      .evaluateAll((labels) => labels.map((label) => label.textContent));
    assert.deepEqual(phaseLabels, ['neoadjuvant', 'adjuvant']);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-NCT04669496.png'), fullPage: true });
  });

  it('NCT03951597: drugs without a stated dose are listed, not drawn; no errors', async () => {
    const { page, problems } = await open(pageFor(readFileSync(path.join(ROOT, 'samples', 'NCT03951597.trial'), 'utf8'), 'NCT03951597'));
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const fact of ['NCT03951597', 'zs-ICC-2019', 'Phase 2', '30 (estimated)', 'single group', 'dose unstated', 'Objective response rate', '12 months']) {
      assert.ok(text.includes(fact), `'${fact}' is not visible`);
    }
    assert.equal(await page.locator('rect.mark').count(), 0);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-NCT03951597.png'), fullPage: true });
  });

  it('shows injected markup as text: no element is created from it and no script runs', async () => {
    const hostile = [
      'trial NCT00000001 {',
      '  title "<script>window.__pwned = 1</script>"',
      '  summary "\\"><svg onload=\\"window.__pwned = 2\\">"',
      '}',
      'drug gemcitabine "<img src=x onerror=\\"window.__pwned = 3\\">"',
      'arm a "<img src=x onerror=\\"window.__pwned = 4\\">" experimental {',
      '  gemcitabine 1000 mg/m2 day 1 "<script>window.__pwned = 5</script>"',
      '}',
      'eligibility { include "\\"><svg onload=\\"window.__pwned = 6\\">" }',
    ].join('\n');
    const { page, problems } = await open(pageFor(hostile, '<script>x</script>'));
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script').count(), 1, 'only the page’s own nonce’d script');
    assert.equal(await page.locator('svg[onload]').count(), 0);
    const text = await page.locator('body').innerText();
    assert.ok(text.includes('<script>window.__pwned = 1</script>'), 'the title shows as text');
    assert.ok(text.includes('<img src=x onerror="window.__pwned = 4">'), 'the arm label shows as text');
    assert.deepEqual(
      problems.filter((p) => !p.includes('Content Security Policy')),
      [],
    );
  });

  it('in a webview: a click reveals its source line, and an update replaces the content keeping the scroll', async () => {
    const text = readFileSync(path.join(ROOT, 'samples', 'NCT04669496.trial'), 'utf8');
    const page = await browser.newPage({ viewport: { width: 1200, height: 600 } });
    await page.addInitScript({ content: WEBVIEW_API });
    // A real navigation (init scripts run on it); the page is served from memory, nothing leaves the machine.
    const html = pageFor(text, 'NCT04669496');
    await page.route('http://preview.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto('http://preview.invalid/', { waitUntil: 'load' });
    await page.locator('section.arm[data-arm="neoadjuvant"] g.row[data-drug="gemcitabine"] rect.mark').first().click({ force: true });
    const posted = await page.evaluate(() => (globalThis as unknown as PreviewWindow).__posted);
    assert.deepEqual(
      posted.filter((message) => message.type === 'reveal'),
      [{ type: 'reveal', offset: text.indexOf('gemcitabine 1 g/m2') }],
    );
    await page.evaluate(() => (globalThis as unknown as BrowserWindow).scrollTo(0, 400));
    const service = createProtocolService();
    const edited = text.replace('enrollment 178', 'enrollment 180');
    await page.evaluate(
      (body) => (globalThis as unknown as BrowserWindow).postMessage({ type: 'update', body }, '*'),
      service.previewBody(service.analyze(edited)),
    );
    await page.waitForFunction(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes('180'));
    assert.equal(await page.evaluate(() => (globalThis as unknown as BrowserWindow).scrollY), 400);
    await page.close();
  });

  it('in a webview: says it is ready, keeps its state, scrolls to the element of an offset, and sends its own scrolling but not the one asked for', async () => {
    const text = readFileSync(path.join(ROOT, 'samples', 'NCT04669496.trial'), 'utf8');
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.addInitScript({ content: WEBVIEW_API });
    const html = pageFor(text, 'NCT04669496', { uri: 'file:///samples/NCT04669496.trial' });
    await page.route('http://preview.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto('http://preview.invalid/', { waitUntil: 'load' });
    const window = () =>
      page.evaluate(() => {
        const w = globalThis as unknown as PreviewWindow;
        return { posted: w.__posted, state: w.__state, scrollY: w.scrollY };
      });
    assert.deepEqual((await window()).posted, [{ type: 'ready' }]);
    assert.deepEqual((await window()).state, { uri: 'file:///samples/NCT04669496.trial' });

    // The editor's first line ends after `capecitabine 1250 mg/m2 …` of the adjuvant phase: the page shows that dose line at its top.
    const doseOffset = text.indexOf('capecitabine 1250 mg/m2');
    const lineEnd = text.indexOf('\n', doseOffset);
    await page.evaluate((offset) => (globalThis as unknown as BrowserWindow).postMessage({ type: 'scrollTo', offset }, '*'), lineEnd);
    await page.waitForFunction(() => (globalThis as unknown as BrowserWindow).scrollY > 0);
    const top = await page.evaluate(
      (offset) => (globalThis as unknown as PreviewWindow).document.querySelector(`ul.regimen li.dose[data-offset="${offset}"]`)?.getBoundingClientRect().top,
      doseOffset,
    );
    assert.ok(top !== undefined && Math.abs(top) <= 8, `the dose line is at the top (${top} px)`);
    // A scroll the editor asked for is not sent back.
    const sent = () => window().then((w) => w.posted.filter((message) => message.type === 'scrolled'));
    assert.deepEqual(await sent(), []);

    // The reader scrolls to the eligibility: the page sends the offset of the element at its top.
    const eligibility = text.indexOf('eligibility {');
    await page.evaluate((offset) => {
      const w = globalThis as unknown as PreviewWindow;
      const element = w.document.querySelector(`section[data-offset="${offset}"]`);
      if (element) w.scrollTo(0, w.scrollY + element.getBoundingClientRect().top);
    }, eligibility);
    await page.waitForFunction(() => (globalThis as unknown as PreviewWindow).__posted.some((message) => message.type === 'scrolled'));
    const scrolled = await sent();
    assert.equal(scrolled[scrolled.length - 1].offset, eligibility);
    await page.close();
  });

  it('in a webview: the summary of changes links each row to its line in the old and the new version, and a screening row to its criterion', async () => {
    const oldText = readFileSync(path.join(ROOT, 'samples', 'NCT03951597.trial'), 'utf8');
    const newText = readFileSync(path.join(ROOT, 'samples', 'NCT04669496.trial'), 'utf8');
    const service = createProtocolService();
    const diff = service.diff(service.analyze(oldText), service.analyze(newText));
    const screening = service.screen(
      service.analyze(newText),
      { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', birthDate: '1960-01-01' } }] },
      '2024-05-01',
    );
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.addInitScript({
      content: 'globalThis.__posted = []; globalThis.acquireVsCodeApi = () => ({ postMessage: (message) => globalThis.__posted.push(message) });',
    });
    const pages: Record<string, string> = {
      'http://diff.invalid/': renderPage(service.diffBody(diff, { old: 'NCT03951597.trial', new: 'NCT04669496.trial' }), {
        nonce: createNonce(),
        title: 'diff',
      }),
      'http://screen.invalid/': renderPage(service.screenBody(screening, { protocol: 'NCT04669496.trial', patient: 'p.json' }), {
        nonce: createNonce(),
        title: 'screen',
      }),
    };
    for (const [url, body] of Object.entries(pages)) await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
    await page.goto('http://diff.invalid/', { waitUntil: 'load' });
    const albumin = diff.changes.find((change) => change.what === 'inclusion: albumin (lower limit)')!;
    const row = page.locator('tr.change', { hasText: 'albumin (lower limit)' });
    await row.locator('a[data-side="old"]').click();
    await row.locator('a[data-side="new"]').click();
    // The page also says when it is ready (the preview's scroll sync); the links are the reveals.
    const reveals = () =>
      page.evaluate(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.filter((message) => message.type === 'reveal'));
    const posted = await reveals();
    assert.deepEqual(posted, [
      { type: 'reveal', offset: albumin.oldSpan!.offset, side: 'old' },
      { type: 'reveal', offset: albumin.newSpan!.offset, side: 'new' },
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'diff-NCT03951597-NCT04669496.png'), fullPage: false });
    await page.goto('http://screen.invalid/', { waitUntil: 'load' });
    await page.locator('tr.criterion', { hasText: 'platelets >= 90' }).click();
    const afterScreen = await reveals();
    assert.deepEqual(afterScreen, [{ type: 'reveal', offset: newText.indexOf('platelets >= 90') }]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('blocks an inline script that lacks the nonce (the CSP holds)', async () => {
    const html = pageFor('trial NCT00000001 { title "x" }', 'x').replace('</main>', '<script>window.__pwned = 7</script></main>');
    const { page } = await open(html);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
  });
});
