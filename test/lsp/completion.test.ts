import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol/node';
import { cursorOf, freshUri, useServer } from './client';
import type { FixtureName } from './fixtures';
import { labels, load, sortedCompletions, textAt } from './helpers';

const STATUS_VALUES = [
  'active_not_recruiting',
  'completed',
  'enrolling_by_invitation',
  'not_yet_recruiting',
  'recruiting',
  'suspended',
  'terminated',
  'unknown',
  'withdrawn',
];
const ROUTES = ['IV', 'PO', 'SC', 'IM', 'IT', 'IP', 'TOP', 'INH', 'SL', 'PR'];
const FREQUENCIES = ['once', 'daily', 'bid', 'tid', 'qid', 'weekly'];
const ARM_TYPES = ['experimental', 'active_comparator', 'placebo_comparator', 'sham_comparator', 'no_intervention', 'other'];

/**
 * Completion cases: the fixture, labels that must be offered, labels that must not, and the
 * labels the list must start with (in the order an editor shows them: by sortText).
 */
const CASES: { fixture: FixtureName; context: string; includes?: string[]; excludes?: string[]; startsWith?: string[]; exactly?: string[] }[] = [
  {
    fixture: 'completeTopLevel',
    context: 'at top level',
    includes: ['trial', 'drug', 'intervention', 'arm', 'eligibility', 'outcome'],
    excludes: ['title', 'include', 'gemcitabine'],
  },
  {
    fixture: 'completeTrialField',
    context: 'in a trial block',
    includes: ['org_study_id', 'title', 'official_title', 'status', 'phase', 'enrollment', 'start', 'design', 'sponsor', 'conditions'],
    excludes: ['trial', 'arm', 'include', 'gemcitabine'],
  },
  { fixture: 'completeStatus', context: 'after `status `', exactly: STATUS_VALUES },
  {
    fixture: 'completeArmStatement',
    context: 'in an arm (declared drugs first)',
    includes: ['gemcitabine', 'oxaliplatin', 'cycle', 'surgery', 'uses', 'description', 'neoadjuvant', 'adjuvant'],
    excludes: ['include', 'title'],
    startsWith: ['capecitabine'],
  },
  { fixture: 'completeBsaUnit', context: 'after a dose number of a drug dosed per m2', startsWith: ['mg/m2'], includes: ['g/m2'], excludes: ['mg/kg', 'mg'] },
  { fixture: 'completeFlatUnit', context: 'after a dose number of a flat-dosed drug', startsWith: ['mg'], excludes: ['mg/m2', 'mg/kg'] },
  {
    fixture: 'completeDoseModifier',
    context: 'after a dose amount',
    includes: [...ROUTES, ...FREQUENCIES, 'q3w', 'day', 'days', 'for', 'x'],
    excludes: ['mg/m2', 'gemcitabine', 'cycle'],
    startsWith: ['IV'], // gemcitabine's labelled route first
  },
  {
    fixture: 'completeCriterion',
    context: 'after `include `',
    includes: ['platelets', 'bilirubin', 'hemoglobin', 'neutrophils', 'ecog', 'child_pugh', 'creatinine_clearance', 'any', 'all', 'prior'],
    excludes: ['include', 'exclude', 'sex', 'gemcitabine'],
  },
  { fixture: 'completeComparator', context: 'after an analyte', exactly: ['>=', '<=', '>', '<', '='] },
  { fixture: 'completeBilirubinUnit', context: 'after a bilirubin value', includes: ['umol/L', 'mg/dL', 'x ULN'], excludes: ['x10^9/L', 'g/dL'] },
  {
    fixture: 'completePlateletsUnit',
    context: 'after a platelets value',
    includes: ['x10^9/L'],
    excludes: ['x ULN', 'x LLN', 'mg/dL'],
    startsWith: ['x10^9/L'],
  },
  { fixture: 'completeArmType', context: 'after `arm id "label" `', exactly: ARM_TYPES },
  { fixture: 'completeDesignValue', context: 'after `allocation ` in a design block', exactly: ['randomized', 'non_randomized', 'na'] },
  { fixture: 'completeUses', context: 'after `uses `: the declared interventions', exactly: ['gemox'] },
  { fixture: 'completeCycleUnit', context: 'after a cycle length', exactly: ['days', 'weeks'] },
  {
    fixture: 'completeInCycle',
    context: 'in a cycle: drugs only, declared first',
    startsWith: ['capecitabine'],
    includes: ['gemcitabine'],
    excludes: ['cycle', 'surgery', 'uses'],
  },
  {
    fixture: 'completePrior',
    context: 'after `prior `: drugs, declared first',
    startsWith: ['lenvatinib'],
    includes: ['gemcitabine'],
    excludes: ['platelets'],
  },
  { fixture: 'completeCourseUnit', context: 'after `for N`', exactly: ['days', 'weeks', 'months', 'years', 'cycles'] },
  { fixture: 'completeInString', context: 'inside a string', exactly: [] },
  { fixture: 'completeInLineComment', context: 'inside a line comment', exactly: [] },
  { fixture: 'completeInBlockComment', context: 'inside a block comment', exactly: [] },
];

describe('lsp: completion', () => {
  const server = useServer();

  async function complete(name: FixtureName): Promise<{ items: CompletionItem[]; text: string }> {
    const fixture = load(name);
    const uri = freshUri(name);
    await server().open(fixture.text, uri);
    const result = await server().request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: cursorOf(fixture),
    });
    assert.ok(result, 'completion answered null');
    return { items: Array.isArray(result) ? result : result.items, text: fixture.text };
  }

  for (const c of CASES) {
    it(`${c.context}`, async () => {
      const { items } = await complete(c.fixture);
      const offered = labels(items);
      const shown = offered.join(' ');
      if (c.exactly) assert.deepEqual([...offered].sort(), [...c.exactly].sort(), shown);
      for (const label of c.includes ?? []) assert.ok(offered.includes(label), `'${label}' is not offered: ${shown}`);
      for (const label of c.excludes ?? []) assert.ok(!offered.includes(label), `'${label}' is offered: ${shown}`);
      if (c.startsWith) assert.deepEqual(offered.slice(0, c.startsWith.length), c.startsWith, shown);
    });
  }

  it('offers the top-level snippets as snippets, each labelled apart from its keyword', async () => {
    const { items } = await complete('completeTopLevel');
    const snippets = items.filter((item) => item.kind === 15 /* Snippet */);
    assert.deepEqual(snippets.map((s) => s.label).sort(), [
      'arm block',
      'drug declaration',
      'eligibility block',
      'intervention declaration',
      'outcome block',
      'trial block',
    ]);
    for (const snippet of snippets) {
      assert.equal(snippet.insertTextFormat, 2 /* Snippet */);
      assert.match((snippet.textEdit as TextEdit).newText, /\$\{1/);
    }
  });

  it('sorts every declared drug before every known drug in an arm', async () => {
    const { items } = await complete('completeArmStatement');
    const drugs = sortedCompletions(items).filter((item) => item.kind === 3 /* Function */);
    assert.equal(drugs[0].label, 'capecitabine');
    assert.ok(drugs.length > 10, `only ${drugs.length} drugs offered`);
    assert.equal(drugs.filter((d) => d.label === 'capecitabine').length, 1, 'a declared drug is offered once');
  });

  it('replaces the word being typed', async () => {
    const { items, text } = await complete('completePartialDrug');
    const gemcitabine = items.find((item) => item.label === 'gemcitabine');
    assert.ok(gemcitabine, labels(items).join(' '));
    const edit = gemcitabine.textEdit as TextEdit;
    assert.equal(textAt(text, edit.range), 'gemc');
    assert.equal(edit.newText, 'gemcitabine');
  });

  it('completes on the text as typed: a space typed after the dose number triggers the units', async () => {
    const { text } = load('completeTyping');
    const uri = freshUri('typing');
    await server().open(text, uri);
    const end = { line: 1, character: '  gemcitabine 1000'.length };
    const typed = await server().change(uri, 2, [{ range: { start: end, end }, text: ' ' }]);
    assert.equal(typed.version, 2);
    const position = { line: 1, character: end.character + 1 };
    const result = await server().request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position,
      context: { triggerKind: 2, triggerCharacter: ' ' },
    });
    assert.deepEqual(labels(result).slice(0, 1), ['mg/m2']);
    for (const item of result)
      assert.deepEqual((item.textEdit as TextEdit).range, { start: position, end: position }, 'nothing typed yet: the item is inserted at the cursor');
  });
});
