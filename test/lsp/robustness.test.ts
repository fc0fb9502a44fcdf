import * as assert from 'node:assert/strict';
import { ResponseError, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { freshUri, spawnBareServer, useServer, within, type BareServer } from './client';
import { random } from '../../bench/generate';
import { load, sample } from './helpers';

/** Random "bytes": every code unit 0-255 (NUL included), lone surrogates, CR/LF mixes and pieces of the language. */
function randomDocument(seed: number, length: number): string {
  const next = random(seed);
  const pieces = [
    '\u0000',
    '\uD800',
    '\uDC00',
    '\uDBFF\uDFFF',
    '\r',
    '\n',
    '\r\n',
    '{',
    '}',
    '"',
    '/*',
    '*/',
    '//',
    '10^',
    'x10^9/L',
    'arm ',
    'drug ',
    'eligibility {',
    'include ',
    'cycle 21 days x 3 {',
    'gemcitabine 1 g/m2 ',
    '\\u12',
  ];
  let out = '';
  while (out.length < length) {
    out += next() < 0.7 ? String.fromCharCode(Math.floor(next() * 256)) : pieces[Math.floor(next() * pieces.length)];
  }
  return out;
}

/** Every request a document can be asked, at a position. */
function everyRequest(uri: string, position: { line: number; character: number }): [string, unknown][] {
  const textDocument = { uri };
  const range = { start: { line: 0, character: 0 }, end: position };
  return [
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
    ['textDocument/documentHighlight', { textDocument, position }],
    ['textDocument/prepareRename', { textDocument, position }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/selectionRange', { textDocument, positions: [position] }],
    ['textDocument/semanticTokens/full', { textDocument }],
    ['textDocument/inlayHint', { textDocument, range }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/rangeFormatting', { textDocument, range, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
    ['workspace/symbol', { query: 'a' }],
  ];
}

describe('lsp: robustness (the server answers and stays alive)', function () {
  const server = useServer();
  const probe = load('small');
  const probeUri = freshUri('probe');

  before(async () => {
    await server().open(probe.text, probeUri);
  });

  /** A normal hover still works: the server is alive and its state is intact. */
  async function assertAlive(): Promise<void> {
    const hover = await server().request<Hover | null>('textDocument/hover', { textDocument: { uri: probeUri }, position: { line: 1, character: 4 } });
    assert.ok(hover, 'a normal hover answered null');
    assert.match((hover.contents as MarkupContent).value, /\*\*gemcitabine\*\*/);
  }

  /** Sends a request and resolves with its result or its error: what matters is that it is answered. */
  async function answer(method: string, params: unknown): Promise<{ result?: unknown; error?: ResponseError<unknown> }> {
    try {
      return { result: await server().request(method, params) };
    } catch (error) {
      assert.ok(error instanceof ResponseError, `${method} did not answer: ${String(error)}`);
      return { error };
    }
  }

  it('answers an unknown method with MethodNotFound (-32601)', async () => {
    const { error } = await answer('trial/noSuchMethod', { x: 1 });
    assert.ok(error, 'an unknown method must be answered with an error');
    assert.equal(error.code, -32601);
    await assertAlive();
  });

  it('answers requests with bad params with InvalidParams (-32602): hover without a position, without a document, with a position of strings, with null', async () => {
    for (const params of [{ textDocument: { uri: probeUri } }, {}, { textDocument: { uri: probeUri }, position: { line: 'one', character: null } }, null]) {
      const { result, error } = await answer('textDocument/hover', params);
      assert.equal(error?.code, -32602, `hover with ${JSON.stringify(params)} answered ${JSON.stringify(result)}`);
    }
    await assertAlive();
  });

  it('answers every position request with a fractional, negative, NaN, oversized or missing position with InvalidParams (-32602)', async () => {
    const uri = freshUri('bad-positions');
    await server().open(probe.text, uri);
    const BAD: Record<string, unknown> = {
      'a fractional line': { line: 1.5, character: 0 },
      'a fractional character': { line: 1, character: 2.5 },
      'a negative line': { line: -1, character: 0 },
      'a negative character': { line: 1, character: -3 },
      'NaN (null on the wire)': { line: NaN, character: 0 },
      'a line past uinteger': { line: 2 ** 31, character: 0 },
      'a character of a string': { line: 1, character: '4' },
      'no character': { line: 1 },
      'no position': undefined,
    };
    const failures: string[] = [];
    for (const [what, position] of Object.entries(BAD)) {
      const good = { line: 1, character: 4 };
      const textDocument = { uri };
      const requests: [string, unknown][] = [
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
        ['textDocument/documentHighlight', { textDocument, position }],
        ['textDocument/prepareRename', { textDocument, position }],
        ['textDocument/rename', { textDocument, position, newName: 'x1' }],
        ['textDocument/selectionRange', { textDocument, positions: [good, position] }],
        ['textDocument/inlayHint', { textDocument, range: { start: good, end: position } }],
        ['textDocument/rangeFormatting', { textDocument, range: { start: position, end: good }, options: { tabSize: 2, insertSpaces: true } }],
        ['textDocument/codeAction', { textDocument, range: { start: good, end: position }, context: { diagnostics: [] } }],
      ];
      for (const [method, params] of requests) {
        const { result, error } = await answer(method, params);
        if (error?.code !== -32602)
          failures.push(`${method} with ${what}: ${error ? `${error.code} ${error.message}` : `answered ${JSON.stringify(result)?.slice(0, 120)}`}`);
      }
    }
    assert.deepEqual(failures, []);
    await assertAlive();
  });

  it('answers every request at a position past the end of the document, without an error', async () => {
    const uri = freshUri('past-end');
    await server().open(probe.text, uri);
    const failures: string[] = [];
    for (const position of [
      { line: 1, character: 10_000 },
      { line: 10_000, character: 0 },
      { line: 10_000, character: 10_000 },
    ]) {
      for (const [method, params] of everyRequest(uri, position)) {
        const { error } = await answer(method, params);
        if (error) failures.push(`${method} at ${position.line}:${position.character}: ${error.code} ${error.message}`);
      }
      const { error } = await answer('textDocument/rename', { textDocument: { uri }, position, newName: 'x1' });
      if (error && !/Only drugs, arms and interventions/.test(error.message))
        failures.push(`rename at ${position.line}:${position.character}: ${error.message}`);
    }
    assert.deepEqual(failures, []);
    await assertAlive();
  });

  it('checks a 5 MB document and still answers', async function () {
    this.timeout(60_000);
    const base = sample('NCT04669496.trial');
    const arm = base.slice(base.indexOf('arm neoadjuvant'), base.indexOf('// The record assigns'));
    const parts = [base];
    let size = base.length;
    for (let i = 0; size < 5_000_000; i++) {
      const copy = arm.replace('arm neoadjuvant', `arm copy_${i}`);
      parts.push(copy);
      size += copy.length + 1;
    }
    const text = parts.join('\n');
    assert.ok(text.length >= 5_000_000);
    const uri = freshUri('big');
    const started = process.hrtime.bigint();
    const published = await server().open(text, uri, { timeoutMs: 55_000 });
    const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`      (5 MB document, ${parts.length - 1} extra arms: diagnostics after ${Math.round(milliseconds)} ms)\n`);
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['TPL254', 'TPL255', 'TPL261']);
    const hover = await server().request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: text.split('\n').length - 5, character: 8 },
    });
    assert.ok(hover, 'a hover on the last arm of the 5 MB document');
    server().close(uri);
    await assertAlive();
  });

  for (const seed of [1, 2, 3]) {
    it(`survives a document of random bytes, NULs and lone surrogates (seed ${seed}), and answers every request on it`, async () => {
      const text = randomDocument(seed, 20_000);
      const uri = freshUri(`random-${seed}`);
      const errorsBefore = server().errors().length;
      const published = await server().open(text, uri);
      assert.ok(Array.isArray(published.diagnostics));
      const lines = text.split(/\r\n|\r|\n/);
      const failures: string[] = [];
      for (const line of [0, Math.floor(lines.length / 2), lines.length - 1]) {
        for (const character of [0, Math.floor(lines[line].length / 2), lines[line].length]) {
          for (const [method, params] of everyRequest(uri, { line, character })) {
            const { error } = await answer(method, params);
            if (error) failures.push(`${method} at ${line}:${character}: ${error.code} ${error.message}`);
          }
        }
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(server().errors().slice(errorsBefore), [], 'a handler failed on the random document (logged by the server)');
      server().close(uri);
      await assertAlive();
    });
  }

  it('answers requests on a closed document with empty results', async () => {
    const uri = freshUri('closed');
    await server().open(load('navigation').text, uri);
    server().close(uri);
    const results: Record<string, unknown> = {};
    for (const [method, params] of everyRequest(uri, { line: 6, character: 5 })) {
      if (method === 'workspace/symbol') continue;
      const { result, error } = await answer(method, params);
      assert.ok(!error, `${method} on a closed document: ${error?.message}`);
      results[method] = result;
    }
    for (const [method, result] of Object.entries(results)) {
      assert.ok(
        result === null ||
          (Array.isArray(result) && result.length === 0) ||
          (typeof result === 'object' && Array.isArray((result as { data?: unknown[] }).data) && (result as { data: unknown[] }).data.length === 0),
        `${method} on a closed document answered ${JSON.stringify(result)}`,
      );
    }
    await assertAlive();
  });

  it('ends with empty diagnostics for a document closed before it was checked', async () => {
    const uri = freshUri('open-close');
    void server().connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'trial', version: 1, text: load('unknownUnit').text },
    });
    server().close(uri);
    await assertAlive(); // a round trip: whatever was published before the answer has arrived
    const published = server().published(uri);
    assert.ok(published.length >= 1, 'the close publishes empty diagnostics');
    assert.deepEqual(published[published.length - 1].diagnostics, [], `published: ${JSON.stringify(published)}`);
  });

  it('ignores a didChange for a document never opened', async () => {
    const uri = freshUri('never-opened');
    server().sendChange(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: load('unknownUnit').text }]);
    const hover = await server().request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } });
    assert.equal(hover, null, 'a document that was never opened has no content');
    assert.deepEqual(server().published(uri), [], 'no diagnostics for a document that was never opened');
    await assertAlive();
  });

  it('keeps a document that was opened twice at its latest text', async () => {
    const uri = freshUri('reopened');
    await server().open(load('misspeltDrug').text, uri);
    const again = await server().open(load('small').text, uri, { version: 7 });
    assert.equal(again.version, 7);
    assert.ok(!again.diagnostics.some((d) => d.code === 'TPL211'), 'the diagnostics are those of the second text');
    await assertAlive();
  });
});

describe('lsp: a wrong Content-Length over stdio (the server says so and reads on)', () => {
  let bare: BareServer | undefined;
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && bare) process.stderr.write(`\n--- server log ---\n${bare.log()}\n---\n`);
    bare?.dispose();
    bare = undefined;
  });

  async function initialized(): Promise<BareServer> {
    const started = spawnBareServer();
    await within(started.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), 'the answer to initialize');
    void started.connection.sendNotification('initialized', {});
    // A round trip, so that everything the connection writes is written before the raw bytes of a test.
    await within(started.connection.sendRequest('workspace/symbol', { query: '' }), 'a first request');
    return started;
  }

  /** A request framed with a Content-Length `wrongBy` bytes off. */
  function badlyFramed(id: string, wrongBy: number): string {
    const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'workspace/symbol', params: { query: 'x' } });
    return `Content-Length: ${Buffer.byteLength(body) + wrongBy}\r\n\r\n${body}`;
  }

  /** A valid request after the bad bytes is answered: the reader found its way back. */
  async function assertReadsOn(server: BareServer): Promise<void> {
    assert.deepEqual(await within(server.connection.sendRequest('workspace/symbol', { query: 'x' }), 'the answer to a valid request after the bad one'), []);
  }

  for (const [what, wrongBy] of [
    ['5 bytes too short', -5],
    ['40 bytes too short (inside the JSON)', -40],
    ['5 bytes too long', 5],
    ['1,000 bytes too long', 1000],
  ] as const) {
    it(`logs a Content-Length ${what}, answers that request by its true length and the next one`, async () => {
      bare = await initialized();
      bare.write(badlyFramed('bad', wrongBy));
      await assertReadsOn(bare);
      assert.match(await bare.logged(/Content-Length was wrong/), /Content-Length was wrong/);
      // The bad request itself was read up to the next header and answered.
      assert.match(bare.output(), /"id":"bad","result":\[\]/);
    });
  }

  it('says what it waits for when a Content-Length is too long and nothing follows, and reads on when a message comes', async () => {
    bare = await initialized();
    bare.write(badlyFramed('waiting', 50));
    assert.match(await bare.logged(/waiting for 50 more bytes of a message of Content-Length \d+/), /if that length is wrong/);
    await assertReadsOn(bare);
    assert.match(bare.output(), /"id":"waiting","result":\[\]/);
  });

  for (const [what, bytes, logged] of [
    ['a Content-Length that is not a number', 'Content-Length: many\r\n\r\n{}', /not a number of bytes/],
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /has no Content-Length/],
    ['bytes that are no header at all', 'hello there\r\n\r\n', /is not `Name: value`/],
    ['a body that is not JSON', 'Content-Length: 7\r\n\r\nnot {}!', /not JSON/],
  ] as const) {
    it(`logs ${what} and answers the next request`, async () => {
      bare = await initialized();
      bare.write(bytes);
      await assertReadsOn(bare);
      assert.match(await bare.logged(logged), logged);
      assert.equal(bare.process.exitCode, null, 'the server is still running');
    });
  }
});
