/**
 * `npm run studio`: the extension in a real VS Code in the browser, to try it by hand. Starts the
 * VS Code server bundled with code-server (scripts/install-editor-tools.sh installs it; the
 * script scripts/studio.sh does that and bundles the extension first) with the built extension
 * installed in a temporary extensions folder, opens samples/, prints the local URL and runs until
 * Ctrl-C, which stops the server. TRIAL_STUDIO_PORT picks the port (default: a free one).
 */

import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { checkPrerequisites, installExtension, ROOT, startVsCodeServer, temporaryFolder } from './vscode-server';

async function main(): Promise<void> {
  checkPrerequisites();
  const temp = temporaryFolder('trial-studio-');
  const extensionsDir = path.join(temp.folder, 'extensions');
  installExtension(extensionsDir);
  const port = process.env.TRIAL_STUDIO_PORT ? Number(process.env.TRIAL_STUDIO_PORT) : undefined;
  const server = await startVsCodeServer({ stateDir: path.join(temp.folder, 'state'), extensionsDir, port });
  // Registered after the server's own exit handler, which stops the server first on Ctrl-C.
  process.once('exit', () => rmSync(temp.folder, { recursive: true, force: true }));
  const url = server.url(path.join(ROOT, 'samples'));
  process.stdout.write(`\nTrial Protocol studio: VS Code with the extension, samples/ open:\n\n  ${url}\n\nPress Ctrl-C to stop.\n`);
  await server.exited;
  process.stderr.write(`studio: the VS Code server stopped by itself; it printed:\n${server.output()}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`studio: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
