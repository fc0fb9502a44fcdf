/**
 * The report requests over a real JSON-RPC connection: `trial/diff` compares an open document
 * with another text of it, `trial/screen` screens a FHIR Bundle against an open document; both
 * answer with the page body and the data, and bad input gets a one-line error, not a failure.
 */

import * as assert from 'node:assert/strict';
import { DIFF_REQUEST, SCREEN_REQUEST, type DiffResult, type ScreenResult } from '../../server/src/summary/preview-protocol';
import { bundle, CODES, lab, patient } from '../unit/fhir';
import { freshUri, useServer } from './client';
import { sample } from './helpers';

describe('lsp: trial/diff and trial/screen', () => {
  const server = useServer();
  const uri = freshUri('NCT04669496');
  const text = sample('NCT04669496.trial');

  before(async () => {
    await server().open(text, uri);
  });

  it('compares the open document (the new version) with the text of the old one', async () => {
    const result = await server().request<DiffResult | null>(DIFF_REQUEST, { uri, against: { text: sample('NCT03951597.trial'), name: 'NCT03951597.trial' } });
    assert.ok(result);
    assert.match(result.title, /^Compare NCT03951597\.trial ↔ NCT04669496-\d+\.trial$/);
    const platelets = result.changes.find((change) => change.what === 'inclusion: platelets (lower limit)');
    assert.deepEqual([platelets?.old, platelets?.new, platelets?.direction], ['>= 100 x10^9/L', '>= 90 x10^9/L', 'loosened']);
    assert.match(result.body, /<h1>Summary of changes<\/h1>/);
    assert.match(result.body, /data-side="old" data-offset="\d+"/);
    assert.deepEqual(server().errors(), []);
  });

  it('screens a Bundle against the open document, and answers bad input with a one-line error', async () => {
    const patientBundle = bundle(patient({ birthDate: '1960-01-01', gender: 'male' }), lab(CODES.albumin, 40, 'g/L'));
    const result = await server().request<ScreenResult | null>(SCREEN_REQUEST, {
      uri,
      bundle: JSON.stringify(patientBundle),
      name: 'p.json',
      date: '2024-05-01',
    });
    assert.ok(result && !('error' in result));
    assert.equal(result.verdict, 'undetermined');
    const albumin = result.criteria.find((criterion) => criterion.text === 'albumin >= 3.5 g/dL');
    assert.deepEqual([albumin?.outcome, albumin?.evidence.value, albumin?.evidence.unit], ['pass', 4, 'g/dL']);
    assert.equal(albumin?.line, text.split('\n').findIndex((line) => line.includes('albumin >= 3.5 g/dL')) + 1);
    assert.match(result.body, /<h1>Pre-screening: undetermined<\/h1>/);

    for (const [bundleText, message] of [
      ['{', /^p\.json: is not valid JSON/],
      [JSON.stringify({ resourceType: 'Patient' }), /^p\.json: is a FHIR Patient, not a Bundle$/],
      [JSON.stringify(bundle()), /^p\.json: the Bundle holds no Patient$/],
    ] as const) {
      const refused = await server().request<ScreenResult | null>(SCREEN_REQUEST, { uri, bundle: bundleText, name: 'p.json' });
      assert.ok(refused && 'error' in refused, `${bundleText} is refused`);
      assert.match(refused.error, message);
    }
    const badDate = await server().request<ScreenResult | null>(SCREEN_REQUEST, {
      uri,
      bundle: JSON.stringify(patientBundle),
      name: 'p.json',
      date: '2024-13-01',
    });
    assert.ok(badDate && 'error' in badDate);
    assert.deepEqual(server().errors(), []);
  });

  it('answers null for a document it does not hold or params it cannot read', async () => {
    assert.equal(await server().request(DIFF_REQUEST, { uri: 'file:///nowhere.trial', against: { text: '', name: 'x' } }), null);
    assert.equal(await server().request(DIFF_REQUEST, { uri }), null);
    assert.equal(await server().request(SCREEN_REQUEST, { uri }), null);
    assert.equal(await server().request(SCREEN_REQUEST, null), null);
  });
});
