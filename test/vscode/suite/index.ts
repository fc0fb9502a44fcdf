/**
 * The extension-host suite's entry: VS Code loads this module (bundled as
 * test/vscode/out/suite/index.js) inside the extension host and awaits `run()`; a rejection
 * makes the test run exit with 1. Both runners use it: run-electron.ts (@vscode/test-electron)
 * and run-server.ts (the VS Code server in Chromium).
 */

import Mocha from 'mocha';
import { registerEditorTests } from './editor.test';
import { registerExtensionTests } from './extension.test';

/** Runs the suite; rejects when a test fails. */
export function run(): Promise<void> {
  // The `spec` reporter writes through console.log, which the extension host forwards to the
  // runner (the test-electron terminal, or the page's codeAutomationLog). No colours: the
  // output is read in logs.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  // The tests are bundled with this file, so they are registered here rather than loaded from
  // files: 'pre-require' gives `describe` and `it` to the global scope first.
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  registerExtensionTests();
  registerEditorTests();
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
