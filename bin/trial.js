#!/usr/bin/env node
// The `trial` command: see server/src/cli.ts. Built output is required (`npm run build`).
'use strict';
let cli;
try {
  cli = require('../server/out/cli.js');
} catch (error) {
  process.stderr.write(`trial: the CLI is not built (${error.code || error.message}); run \`npm run build\` first\n`);
  process.exit(2);
}
cli.main();
