// The layers of server/src, lowest first, and what each may import: one table that the lint
// rule (eslint.config.mjs) and scripts/check-layers.mjs both read. A folder not listed here is
// a front: service.ts, host.ts, server.ts, cli.ts and cli/ may import every layer.

/** Each layer and the layers below it that it may import (its own folder always). */
export const LAYERS = {
  util: [],
  language: ['util'],
  knowledge: ['util', 'language'],
  syntax: ['util', 'language'],
  model: ['util', 'language', 'knowledge', 'syntax'],
  analysis: ['util', 'language', 'knowledge', 'syntax', 'model'],
  summary: ['util', 'language', 'knowledge', 'syntax', 'model', 'analysis'],
  features: ['util', 'language', 'knowledge', 'syntax', 'model', 'analysis', 'summary'],
};

/** The fronts, which no layer may import. */
export const FRONTS = ['service', 'host', 'server', 'cli'];
