#!/usr/bin/env node
// The language server for any LSP editor: `trial-language-server --stdio`. The bundle is required (`npm run build`).
'use strict';
try {
  require.resolve('../dist/server.js');
} catch (error) {
  process.stderr.write(`trial-language-server: the server is not built (${error.code || error.message}); run \`npm run build\` first\n`);
  process.exit(2);
}
require('../dist/server.js');
