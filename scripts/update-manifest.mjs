#!/usr/bin/env node
// Rewrites the schema of the `trial.rules` setting in package.json from the code table
// (server/src/language/codes.ts, read from its build in server/out), so that settings.json offers
// and validates every code and name. Run after adding a code: `npm run build && node scripts/update-manifest.mjs`.
// test/unit/manifest.test.ts fails while the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let codes;
try {
  codes = require(join(root, 'server/out/language/codes.js')).Codes;
} catch (error) {
  process.stderr.write(`update-manifest: the server is not built (${error.code || error.message}); run \`npm run build\` first\n`);
  process.exit(2);
}

const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error'];
const infos = Object.values(codes);
const properties = {};
for (const info of infos) {
  properties[info.code] = {
    enum: SEVERITIES,
    markdownDescription: `\`${info.name}\` (default: ${info.severity}). ${info.summary}`,
  };
}

const packagePath = join(root, 'package.json');
const manifest = JSON.parse(readFileSync(packagePath, 'utf8'));
const rules = manifest.contributes.configuration.properties['trial.rules'];
rules.properties = properties;
rules.propertyNames = { enum: [...infos.map((info) => info.code), ...infos.map((info) => info.name)] };
rules.additionalProperties = { enum: SEVERITIES };
writeFileSync(packagePath, JSON.stringify(manifest, null, 2) + '\n');
process.stdout.write(`update-manifest: trial.rules lists ${infos.length} codes\n`);
