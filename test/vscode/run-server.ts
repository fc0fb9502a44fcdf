/**
 * Runs the extension-host suite in the VS Code server bundled with code-server, on a machine
 * without Electron or internet: starts the server on a free loopback port, opens the workbench
 * in Debian's Chromium with a payload naming the extension (the repository) and the suite as
 * vscode-remote URIs, prints the suite's output (which arrives through `codeAutomationLog`) and
 * exits with the suite's exit code (from `codeAutomationExit`). The server (by its PID) and the
 * browser are always stopped. Needs `npm run build` and scripts/install-editor-tools.sh first.
 *
 *   npx tsx test/vscode/run-server.ts
 */

import * as path from 'node:path';
import { format } from 'node:util';
import { bundleSuite } from './bundle-suite';
import { checkPrerequisites, launchChromium, ROOT, sampleWorkspace, startVsCodeServer, temporaryFolder, withTimeout, type VsCodeServer } from './vscode-server';

/** The whole run, from starting the server to the suite's exit; seen: about 10 s. */
const RUN_TIMEOUT_MS = 180_000;

/**
 * The workbench logs through the same channel as the suite. Shown: the suite's output and
 * errors; hidden (unless TRIAL_VSCODE_VERBOSE=1): the workbench's own tagged chatter, and errors
 * expected on a machine without internet (open-vsx.org, a GitHub sign-in provider, the service
 * worker of a page served over plain http).
 */
const CHATTER = [/^\[[\w:. -]+\] /, /^Resolv(ing|ed) connection token/, /^Creating a socket/, /^Updating additional builtin extensions cache/];
const HARMLESS_ERRORS = [/open-vsx\.org/, /github/i, /\[Service Worker\]/];
const VERBOSE = process.env.TRIAL_VSCODE_VERBOSE === '1';

function printLog(type: string, args: unknown): void {
  const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
  const error = type === 'error' || type === 'warn';
  if (!VERBOSE && (error ? HARMLESS_ERRORS : CHATTER).some((pattern) => pattern.test(text))) return;
  (error ? process.stderr : process.stdout).write(`${text}\n`);
}

async function main(): Promise<number> {
  checkPrerequisites();
  const suite = await bundleSuite();
  const temp = temporaryFolder('trial-vscode-suite-');
  const workspace = sampleWorkspace(temp.folder);
  let server: VsCodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    server = await startVsCodeServer({ stateDir: path.join(temp.folder, 'state'), extensionsDir: path.join(temp.folder, 'extensions') });
    browser = await launchChromium();
    const page = await browser.newPage();
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', printLog);
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(suite)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(server.url(workspace, payload));
    const code = await withTimeout(exited, RUN_TIMEOUT_MS, 'the extension-host suite did not finish (codeAutomationExit was never called)');
    process.stdout.write(`extension-host suite: exit code ${code}\n`);
    return code;
  } catch (error) {
    process.stderr.write(`extension-host suite: ${error instanceof Error ? error.message : String(error)}\n`);
    if (server) process.stderr.write(`VS Code server output:\n${server.output()}\n`);
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    temp.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`extension-host suite: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
