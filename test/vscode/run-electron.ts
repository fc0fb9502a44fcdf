/**
 * Runs the extension-host suite the way extension repositories usually do (`npm run
 * test:vscode`): @vscode/test-electron downloads a VS Code build (into .vscode-test/) and
 * starts it with this repository as the extension under development. It needs internet (VS
 * Code's update server); where that is unreachable it fails at the download with a message
 * saying so, and `npm run test:editors` runs the same suite in the VS Code server instead
 * (run-server.ts). Needs `npm run build` first.
 */

import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { bundleSuite } from './bundle-suite';
import { ROOT, sampleWorkspace, temporaryFolder } from './vscode-server';

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    process.stderr.write('test:vscode: dist/extension.js is missing: run `npm run build` first\n');
    return 1;
  }
  const extensionTestsPath = await bundleSuite();
  const temp = temporaryFolder('trial-vscode-electron-');
  try {
    const workspace = sampleWorkspace(temp.folder);
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (error) {
    if (error instanceof TestRunFailedError) {
      process.stderr.write(`test:vscode: the extension-host suite failed (VS Code exited with ${error.code ?? error.signal})\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `test:vscode: could not download or start VS Code with @vscode/test-electron (${message}).\n` +
        'It downloads VS Code from update.code.visualstudio.com and needs internet. Without it, run the same suite\n' +
        'in the VS Code server bundled with code-server: `npm run test:editors` (or `npx tsx test/vscode/run-server.ts`).\n',
    );
    return 1;
  } finally {
    temp.remove();
  }
}

main().then((code) => process.exit(code));
