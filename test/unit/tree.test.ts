/**
 * The tree's walk: forEachChild reads each kind's children from one table; every node-valued
 * property is visited, in source order — checked against a walk over every property on the
 * property-test documents. And the parser's token list holds every token, in order.
 */

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, TOKEN_NAMED } from '../../server/src/syntax/parser';
import { createScanner, TokenKind } from '../../server/src/syntax/scanner';
import { forEachChild, type Node } from '../../server/src/syntax/tree';
import { mutatedSample, randomDocument, SAMPLES } from './documents';

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** Every node held by a property of `node`, whatever its name. */
function allChildren(node: Node): Node[] {
  const children: Node[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) children.push(...value.filter(isNode));
    else if (isNode(value)) children.push(value);
  }
  return children;
}

function checkWalk(text: string): void {
  const visit = (node: Node): void => {
    const walked: Node[] = [];
    forEachChild(node, (child) => walked.push(child));
    assert.deepEqual(new Set(walked), new Set(allChildren(node)), `${node.kind}: the table names every child property`);
    for (let i = 1; i < walked.length; i++) assert.ok(walked[i - 1].offset <= walked[i].offset, `${node.kind}: children in source order`);
    walked.forEach(visit);
  };
  visit(parse(text).tree);
}

function checkTokens(text: string): void {
  const { tokens } = parse(text);
  const scanner = createScanner(text);
  const offsets: number[] = [];
  while (scanner.scan() !== TokenKind.EOF) offsets.push(scanner.tokenOffset());
  const recorded: number[] = [];
  for (let t = 0; t < tokens.length; t += 3) recorded.push(tokens[t]);
  // The parser reads a unit as one token where a plain scan sees several: every recorded token
  // starts where a scanned one does, and every scanned token lies inside a recorded one.
  for (let i = 1; i < recorded.length; i++) assert.ok(recorded[i - 1] < recorded[i], 'tokens in order, none twice');
  const scanned = new Set(offsets);
  for (const offset of recorded) assert.ok(scanned.has(offset), `token at ${offset} starts a scanned token`);
  let r = 0;
  for (const offset of offsets) {
    while (r + 1 < recorded.length && recorded[r + 1] <= offset) r++;
    assert.ok(recorded[r] <= offset && offset < recorded[r] + Math.max(1, tokens[3 * r + 1]), `scanned token at ${offset} is covered`);
  }
}

describe('tree', function () {
  this.timeout(120_000);

  it('walks the children of every kind in source order, missing none (samples)', function () {
    SAMPLES.forEach(checkWalk);
  });

  it('walks the children of every kind in source order, missing none (random and mutated documents)', function () {
    fc.assert(fc.property(fc.oneof(randomDocument, mutatedSample), checkWalk), { numRuns: 2000, seed: 11 });
  });

  it('records every token the parser reads, in order, and marks the named ones', function () {
    SAMPLES.forEach(checkTokens);
    fc.assert(fc.property(fc.oneof(randomDocument, mutatedSample), checkTokens), { numRuns: 2000, seed: 12 });
    const { tokens } = parse('arm a "A" other { x 5 mg day 1 }');
    const named: string[] = [];
    for (let t = 0; t < tokens.length; t += 3)
      if (tokens[t + 2] & TOKEN_NAMED) named.push('arm a "A" other { x 5 mg day 1 }'.slice(tokens[t], tokens[t] + tokens[t + 1]));
    assert.deepEqual(named, ['arm', 'a', 'other', 'x', 'day']);
  });
});
