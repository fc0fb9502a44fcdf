import * as assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { cursorOf, freshUri, useServer } from './client';
import type { FixtureName } from './fixtures';
import { load, textAt } from './helpers';

/** Hover cases: the fixture (cursor at `$0`), the text the hover's range covers, and lines its markdown must contain. */
const CASES: { name: string; fixture: FixtureName; range: string; contains: string[] }[] = [
  {
    name: 'a drug in a dose line: the normalised dose, per cycle, whole course and the reference patient',
    fixture: 'hoverDoseDrug',
    range: 'gemcitabine 1 g/m2 days 1, 8',
    contains: [
      'This line: 1 g/m2 = **1000 mg/m2** per administration in a 21-day cycle x 3',
      '- per cycle: 2 administrations, 2000 mg/m2',
      '- whole course: 6 administrations, 6000 mg/m2',
      '- reference patient (BSA 1.73 m2): 1730 mg per administration, 3460 mg per cycle, 10380 mg in total',
      '**gemcitabine** — ',
    ],
  },
  {
    name: 'the amount of a dose line: the same dose hover',
    fixture: 'hoverDoseAmount',
    range: 'gemcitabine 1 g/m2 days 1, 8',
    contains: ['**1000 mg/m2**', '- per cycle: 2 administrations, 2000 mg/m2'],
  },
  {
    name: 'a drug declaration: the drug table row',
    fixture: 'hoverDrugDeclaration',
    range: 'gemcitabine',
    contains: ['**gemcitabine** — ', 'dosed per body surface (mg/m2)', 'Labelled doses:', 'Source: '],
  },
  {
    name: 'an analyte in a threshold: the value converted',
    fixture: 'hoverAnalyte',
    range: 'hemoglobin >= 9 g/dL',
    contains: ['This criterion: >= 9 g/dL = 90 g/L', '**hemoglobin** — Hemoglobin', 'normalised to g/L'],
  },
  {
    name: 'a keyword: its documentation line',
    fixture: 'hoverKeyword',
    range: 'cycle',
    contains: ["**cycle** — A treatment cycle: 'cycle 21 days x 3 { … }' repeats its doses 3 times, scheduled by day."],
  },
  {
    name: 'an enum value: its documentation line',
    fixture: 'hoverEnumValue',
    range: 'active_not_recruiting',
    contains: ['**active_not_recruiting** — Ongoing, but no longer recruiting. (a status value)'],
  },
];

describe('lsp: hover', () => {
  const server = useServer();

  for (const c of CASES) {
    it(`on ${c.name}`, async () => {
      const fixture = load(c.fixture);
      const uri = freshUri(c.fixture);
      await server().open(fixture.text, uri);
      const hover = await server().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursorOf(fixture) });
      assert.ok(hover, 'no hover');
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, 'markdown');
      const lines = contents.value.split('\n');
      for (const expected of c.contains) {
        assert.ok(
          lines.some((line) => line.includes(expected)),
          `the hover lacks ${JSON.stringify(expected)}:\n${contents.value}`,
        );
      }
      assert.ok(hover.range, 'the hover has no range');
      assert.equal(textAt(fixture.text, hover.range), c.range);
    });
  }

  for (const fixture of ['hoverBlankLine', 'hoverIndentation'] as const) {
    it(`answers null on whitespace (${fixture})`, async () => {
      const { text, cursor } = load(fixture);
      const uri = freshUri(fixture);
      await server().open(text, uri);
      const hover = await server().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursorOf({ text, cursor }) });
      assert.equal(hover, null);
    });
  }
});
