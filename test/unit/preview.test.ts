import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, renderPage } from '../../server/src/summary/page';
import { asRevealMessage, PREVIEW_DEBOUNCE_MS, updateMessage } from '../../server/src/summary/preview-protocol';

describe('preview wiring (no VS Code)', () => {
  it('accepts only well-formed reveal messages from the webview', () => {
    assert.deepEqual(asRevealMessage({ type: 'reveal', offset: 42 }), { type: 'reveal', offset: 42 });
    for (const bad of [
      null,
      'reveal',
      { type: 'reveal' },
      { type: 'reveal', offset: '42' },
      { type: 'reveal', offset: -1 },
      { type: 'reveal', offset: 1.5 },
      { type: 'reveal', offset: Number.NaN },
      { type: 'open', offset: 1 },
    ]) {
      assert.equal(asRevealMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('accepts a reveal message for the old or the new version of a comparison, and no other side', () => {
    assert.deepEqual(asRevealMessage({ type: 'reveal', offset: 7, side: 'old' }), { type: 'reveal', offset: 7, side: 'old' });
    assert.deepEqual(asRevealMessage({ type: 'reveal', offset: 7, side: 'new' }), { type: 'reveal', offset: 7, side: 'new' });
    assert.equal(asRevealMessage({ type: 'reveal', offset: 7, side: 'left' }), undefined);
    assert.equal(asRevealMessage({ type: 'reveal', offset: 7, side: 1 }), undefined);
  });

  it('sends content updates as messages', () => {
    assert.deepEqual(updateMessage('<p>x</p>'), { type: 'update', body: '<p>x</p>' });
    assert.ok(PREVIEW_DEBOUNCE_MS <= 300, 'the preview follows typing within 300 ms');
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    assert.equal(nonces.size, 1000);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  });

  it('has a strict Content-Security-Policy: nothing remote, no inline code without the nonce', () => {
    const csp = contentSecurityPolicy('N0NCE', 'https://file+.vscode-resource.vscode-cdn.net');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0NCE'(;|$)/);
    assert.match(csp, /style-src 'nonce-N0NCE'(;|$)/);
    assert.match(csp, /img-src data: https:\/\/file\+\.vscode-resource\.vscode-cdn\.net/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.doesNotMatch(contentSecurityPolicy('N0NCE'), /https?:/);
  });

  it('puts the nonce on its one style and one script, and escapes the title', () => {
    const page = renderPage('<p>body</p>', { nonce: 'N0NCE', title: '<script>alert(1)</script>' });
    assert.equal((page.match(/<script/g) ?? []).length, 1);
    assert.match(page, /<script nonce="N0NCE">/);
    assert.match(page, /<style nonce="N0NCE">/);
    assert.match(page, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
  });
});
