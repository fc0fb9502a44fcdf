/**
 * The amendment diff (server/src/summary/diff.ts): on the two seed trials, every difference the
 * issue lists with its direction and its lines; then clause by clause on small protocols, each
 * case written so that a wrong pairing, a wrong unit comparison or a wrong direction fails it.
 */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProtocolService } from '../../server/src/service';
import type * as S from '../../server/src/model/schema';
import { diffProtocols, type Change } from '../../server/src/summary/diff';
import { diffHtml, diffJson, diffMarkdown, diffText } from '../../server/src/summary/diff-report';

const ROOT = join(__dirname, '..', '..');
const service = createProtocolService();

function read(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}

/** The 1-based line of the first line of `text` that contains `needle`, found independently of the engine. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `'${needle}' is in the text`);
  return index + 1;
}

function diff(oldText: string, newText: string): readonly Change[] {
  return service.diff(service.analyze(oldText), service.analyze(newText)).changes;
}

/** The one change whose clause is `what`; fails with the list of clauses otherwise. */
function only(changes: readonly Change[], what: string): Change {
  const found = changes.filter((change) => change.what === what);
  assert.equal(found.length, 1, `one change '${what}' in:\n${changes.map((change) => `${change.kind} ${change.what}`).join('\n')}`);
  return found[0];
}

/** A protocol of just an eligibility block with these statements. */
function eligibility(...statements: string[]): string {
  return `eligibility {\n${statements.map((statement) => `  ${statement}\n`).join('')}}\n`;
}

/** The change to a single-criterion protocol: `[kind, what, old, new, direction]`. */
function criterionChange(before: string, after: string): [string, string, unknown, unknown, string | null] {
  const changes = diff(eligibility(before), eligibility(after));
  assert.equal(changes.length, 1, `one change from '${before}' to '${after}': ${JSON.stringify(changes)}`);
  const [change] = changes;
  return [change.kind, change.what, change.old, change.new, change.direction];
}

describe('amendment diff', () => {
  describe('the 2019 seed against its 2021 successor', () => {
    const oldText = read('NCT03951597.trial');
    const newText = read('NCT04669496.trial');
    const changes = diff(oldText, newText);

    it('names the age limit, platelets, albumin and ALT/AST, each with its direction and both lines', () => {
      const expected: [string, unknown, unknown, string, string, string][] = [
        ['maximum age', '75 years', '70 years', 'tightened', 'age 18 to 75 years', 'age 18 to 70 years'],
        ['inclusion: platelets (lower limit)', '>= 100 x10^9/L', '>= 90 x10^9/L', 'loosened', 'platelets >= 100', 'platelets >= 90'],
        ['inclusion: albumin (lower limit)', '>= 3 g/dL', '>= 3.5 g/dL', 'tightened', 'albumin >= 3 g/dL', 'albumin >= 3.5 g/dL'],
        ['inclusion: alt (upper limit)', '<= 1.5 x ULN', '<= 3 x ULN', 'loosened', 'alt <= 1.5 x ULN', 'alt <= 3 x ULN'],
        ['inclusion: ast (upper limit)', '<= 1.5 x ULN', '<= 3 x ULN', 'loosened', 'ast <= 1.5 x ULN', 'ast <= 3 x ULN'],
      ];
      for (const [what, old, now, direction, oldNeedle, newNeedle] of expected) {
        const change = only(changes, what);
        assert.deepEqual([change.kind, change.old, change.new, change.direction], ['changed', old, now, direction], what);
        assert.equal(change.oldLine, lineOf(oldText, oldNeedle), `${what}: old line`);
        assert.equal(change.newLine, lineOf(newText, newNeedle), `${what}: new line`);
      }
    });

    it('names the thyroid criteria: TSH, T3 and T4 limits removed (loosening), the T3/T4 sentence added', () => {
      for (const [what, written] of [
        ['inclusion: tsh (upper limit)', 'tsh <= 1 x ULN'],
        ['inclusion: t3 (lower limit)', 't3 >= 1 x LLN'],
        ['inclusion: t3 (upper limit)', 't3 <= 1 x ULN'],
        ['inclusion: t4 (lower limit)', 't4 >= 1 x LLN'],
        ['inclusion: t4 (upper limit)', 't4 <= 1 x ULN'],
      ]) {
        const change = only(changes, what);
        assert.deepEqual([change.kind, change.old, change.direction, change.oldLine], ['removed', written, 'loosened', lineOf(oldText, written)], what);
      }
      const sentence = changes.find((change) => change.kind === 'added' && String(change.new).includes('T3 and T4 do not exceed'));
      assert.ok(sentence, 'the T3/T4 free text is added');
      assert.equal(sentence.newLine, lineOf(newText, 'T3 and T4 do not exceed'));
    });

    it('names the coagulation criteria: INR added (tightening), the PT exclusion removed (loosening)', () => {
      const inr = only(changes, 'inclusion: inr (upper limit)');
      assert.deepEqual([inr.kind, inr.new, inr.direction, inr.newLine], ['added', 'inr < 1.2', 'tightened', lineOf(newText, 'inr < 1.2')]);
      const pt = only(changes, 'exclusion: pt (lower limit)');
      assert.deepEqual([pt.kind, pt.direction, pt.oldLine], ['removed', 'loosened', lineOf(oldText, 'exclude pt > 14 s')]);
    });

    it('names the arms and the phase', () => {
      const phase = only(changes, 'phase');
      assert.deepEqual(
        [phase.kind, phase.old, phase.new, phase.oldLine, phase.newLine],
        ['changed', '2', '2/3', lineOf(oldText, 'phase 2'), lineOf(newText, 'phase 2/3')],
      );
      assert.equal(only(changes, 'arm combined').kind, 'removed');
      assert.equal(only(changes, 'arm combined').oldLine, lineOf(oldText, 'arm combined'));
      for (const arm of ['neoadjuvant', 'traditional']) {
        const added = only(changes, `arm ${arm}`);
        assert.equal(added.kind, 'added');
        assert.equal(added.newLine, lineOf(newText, `arm ${arm} `));
      }
    });

    it('says the prior-therapy exclusion tightens (lenvatinib and chemotherapy added) and the HBV DNA limit loosens (2000 -> 10^4 copies/mL)', () => {
      const prior = only(changes, 'exclusion: prior therapy');
      assert.deepEqual(prior.new, ['PD1 antibody', 'PDL1 antibody', 'CTLA4 antibody', 'lenvatinib', 'chemotherapy']);
      assert.equal(prior.direction, 'tightened');
      const hbv = only(changes, 'exclusion: hbv_dna (lower limit)');
      assert.deepEqual([hbv.old, hbv.new, hbv.direction], ['> 2000 copies/mL', '> 10^4 copies/mL', 'loosened']);
    });

    it('keeps criteria that did not change out of the list, although their lines moved', () => {
      for (const analyte of ['neutrophils', 'hemoglobin', 'bilirubin', 'creatinine', 'creatinine_clearance', 'ecog', 'child_pugh']) {
        assert.ok(!changes.some((change) => change.what.includes(`: ${analyte} `) || change.what.endsWith(`: ${analyte}`)), `${analyte} did not change`);
      }
      assert.ok(!changes.some((change) => change.what === 'minimum age'));
    });

    it('writes JSON in exactly the issue’s shape', () => {
      const json = JSON.parse(JSON.stringify(diffJson({ changes })));
      assert.equal(json.changes.length, changes.length);
      for (const change of json.changes) {
        assert.deepEqual(Object.keys(change), ['kind', 'what', 'old', 'new', 'oldLine', 'newLine', 'direction']);
        assert.ok(['added', 'removed', 'changed'].includes(change.kind));
        assert.ok([null, 'tightened', 'loosened'].includes(change.direction));
        if (change.kind === 'added') assert.deepEqual([change.old, change.oldLine], [null, null]);
        if (change.kind === 'removed') assert.deepEqual([change.new, change.newLine], [null, null]);
      }
    });

    it('writes an M11-style summary of changes: section, description, an empty rationale, inclusion criteria under 5.2', () => {
      const markdown = diffMarkdown({ changes }, { old: 'NCT03951597.trial', new: 'NCT04669496.trial' });
      assert.match(markdown, /^# Summary of changes\n/);
      assert.match(markdown, /\n\| Section \| Description of change \| Brief rationale \|\n\| --- \| --- \| --- \|\n/);
      const row = markdown.split('\n').find((line) => line.includes('platelets (lower limit)'));
      assert.equal(
        row,
        `| 5.2 Inclusion Criteria | Changed inclusion: platelets (lower limit) from >= 100 x10^9/L to >= 90 x10^9/L; loosens eligibility (line ${lineOf(oldText, 'platelets >= 100')} → ${lineOf(newText, 'platelets >= 90')}). |  |`,
      );
      const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Section') && !line.startsWith('| ---'));
      assert.equal(rows.length, changes.length);
      // Sections in the template's order: the title page before inclusion criteria before exclusion criteria.
      const sections = rows.map((line) => line.split(' | ')[0].slice(2));
      assert.ok(sections.indexOf('Title Page') < sections.indexOf('5.2 Inclusion Criteria'));
      assert.ok(sections.lastIndexOf('5.2 Inclusion Criteria') < sections.indexOf('5.3 Exclusion Criteria'));
    });

    it('links each HTML row to the clause in the version it belongs to', () => {
      const html = diffHtml({ changes }, { old: 'old.trial', new: 'new.trial' });
      const platelets = only(changes, 'inclusion: platelets (lower limit)');
      assert.ok(html.includes(`data-side="old" data-offset="${platelets.oldSpan!.offset}">old ${platelets.oldLine}</a>`));
      assert.ok(html.includes(`data-side="new" data-offset="${platelets.newSpan!.offset}">new ${platelets.newLine}</a>`));
      assert.equal(oldText.slice(platelets.oldSpan!.offset, platelets.oldSpan!.offset + 3), '100');
      assert.equal(newText.slice(platelets.newSpan!.offset, platelets.newSpan!.offset + 2), '90');
      assert.ok(!html.includes('<script'), 'the body holds no script; the page shell brings the one nonce’d script');
    });

    it('prints one text line per change', () => {
      const text = diffText({ changes });
      assert.equal(text.split('\n').filter(Boolean).length, changes.length);
      assert.ok(text.includes('changed inclusion: albumin (lower limit): >= 3 g/dL -> >= 3.5 g/dL, tightened (line'));
    });

    it('finds no change between a file and itself', () => {
      assert.deepEqual(diff(newText, newText), []);
      assert.deepEqual(diff(oldText, oldText), []);
    });
  });

  describe('thresholds', () => {
    it('compares in the analyte’s canonical unit: 3 g/dL against 30 g/L is no change, 35 g/L is a tightening', () => {
      assert.deepEqual(diff(eligibility('include albumin >= 3 g/dL'), eligibility('include albumin >= 30 g/L')), []);
      assert.deepEqual(criterionChange('include albumin >= 3 g/dL', 'include albumin >= 35 g/L'), [
        'changed',
        'inclusion: albumin (lower limit)',
        '>= 3 g/dL',
        '>= 35 g/L',
        'tightened',
      ]);
      assert.deepEqual(diff(eligibility('include hemoglobin >= 9 g/dL'), eligibility('include hemoglobin >= 90 g/L')), []);
    });

    it('gives each bound and polarity its direction', () => {
      const cases: [string, string, string][] = [
        ['include platelets >= 100 x10^9/L', 'include platelets >= 75 x10^9/L', 'loosened'],
        ['include platelets >= 75 x10^9/L', 'include platelets >= 100 x10^9/L', 'tightened'],
        ['include bilirubin <= 1.5 x ULN', 'include bilirubin <= 3 x ULN', 'loosened'],
        ['include bilirubin <= 3 x ULN', 'include bilirubin <= 1.5 x ULN', 'tightened'],
        ['exclude hbv_dna > 2000 copies/mL', 'exclude hbv_dna > 500 copies/mL', 'tightened'],
        ['exclude hbv_dna > 500 copies/mL', 'exclude hbv_dna > 2000 copies/mL', 'loosened'],
        ['exclude hemoglobin < 8 g/dL', 'exclude hemoglobin < 9 g/dL', 'tightened'],
        ['exclude hemoglobin < 9 g/dL', 'exclude hemoglobin < 80 g/L', 'loosened'],
        // The same value, a strict or an inclusive comparator.
        ['include platelets > 100 x10^9/L', 'include platelets >= 100 x10^9/L', 'loosened'],
        ['exclude pt > 14 s', 'exclude pt >= 14 s', 'tightened'],
      ];
      for (const [before, after, direction] of cases) assert.equal(criterionChange(before, after)[4], direction, `${before} -> ${after}`);
    });

    it('gives no direction where the scales do not compare (a ULN multiple against a unit), and says so', () => {
      const changes = diff(eligibility('include alt <= 3 x ULN'), eligibility('include alt <= 120 U/L'));
      assert.equal(changes.length, 1);
      assert.equal(changes[0].direction, null);
      assert.match(changes[0].note ?? '', /not compared: x ULN against U\/L/);
    });

    it('pairs criteria by meaning, not by line: reordered criteria are no change, an upper and a lower limit stay apart', () => {
      const before = eligibility('include platelets >= 100 x10^9/L', 'include alt <= 3 x ULN', 'include t3 >= 1 x LLN', 'include t3 <= 1 x ULN');
      const after = eligibility('include t3 <= 1 x ULN', 'include alt <= 3 x ULN', 'include t3 >= 1 x LLN', 'include platelets >= 100 x10^9/L');
      assert.deepEqual(diff(before, after), []);
      const moved = diff(
        eligibility('include all "organ function" { platelets >= 100 x10^9/L }'),
        eligibility('include all "organs" { platelets >= 90 x10^9/L }'),
      );
      assert.deepEqual(
        moved.map((change) => [change.what, change.direction]),
        [
          ['inclusion: all of: label', null],
          ['inclusion: platelets (lower limit)', 'loosened'],
        ],
      );
    });

    it('reports a changed note, and a threshold moved from inclusion to exclusion as removed and added', () => {
      assert.deepEqual(criterionChange('exclude hcv_rna > 1000', 'exclude hcv_rna > 1000 "after antiviral therapy"').slice(0, 4), [
        'added',
        'exclusion: hcv_rna (lower limit): note',
        null,
        'after antiviral therapy',
      ]);
      const moved = diff(eligibility('include hemoglobin >= 9 g/dL'), eligibility('exclude hemoglobin < 9 g/dL'));
      assert.deepEqual(
        moved.map((change) => [change.kind, change.what, change.direction]),
        [
          ['removed', 'inclusion: hemoglobin (lower limit)', 'loosened'],
          ['added', 'exclusion: hemoglobin (upper limit)', 'tightened'],
        ],
      );
    });
  });

  describe('conditions, alternatives and time windows', () => {
    it('a condition added to an inclusion or an exclusion loosens it (it binds fewer patients); removed, tightens; changed, has no direction', () => {
      assert.deepEqual(criterionChange('include creatinine_clearance >= 60 mL/min', 'include creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN'), [
        'changed',
        'inclusion: creatinine_clearance (lower limit): condition',
        null,
        'if creatinine > 1.5 x ULN',
        'loosened',
      ]);
      assert.equal(criterionChange('exclude hemoglobin < 9 g/dL', 'exclude hemoglobin < 9 g/dL if "on anticoagulants"')[4], 'loosened');
      assert.equal(
        criterionChange('include creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN', 'include creatinine_clearance >= 60 mL/min')[4],
        'tightened',
      );
      const changed = criterionChange(
        'include creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN',
        'include creatinine_clearance >= 60 mL/min if creatinine > 1 x ULN',
      );
      assert.deepEqual(changed.slice(2), ['if creatinine > 1.5 x ULN', 'if creatinine > 1 x ULN', null]);
    });

    it('an alternative added loosens an inclusion and tightens an exclusion; the main limit is compared on its own', () => {
      assert.deepEqual(criterionChange('include alt <= 3 x ULN', 'include alt <= 3 x ULN or <= 5 x ULN if "liver metastases"'), [
        'changed',
        'inclusion: alt (upper limit): alternatives',
        null,
        ['or <= 5 x ULN if "liver metastases"'],
        'loosened',
      ]);
      assert.equal(criterionChange('exclude alt > 5 x ULN', 'exclude alt > 5 x ULN or > 3 x ULN if "liver metastases"')[4], 'tightened');
      assert.equal(criterionChange('include alt <= 3 x ULN or <= 5 x ULN if "liver metastases"', 'include alt <= 3 x ULN')[4], 'tightened');
      const both = diff(
        eligibility('include alt <= 3 x ULN or <= 5 x ULN if "liver metastases"'),
        eligibility('include alt <= 2.5 x ULN or <= 5 x ULN if "liver metastases"'),
      );
      assert.deepEqual(
        both.map((change) => [change.what, change.old, change.new, change.direction]),
        [['inclusion: alt (upper limit)', '<= 3 x ULN', '<= 2.5 x ULN', 'tightened']],
      );
    });

    it('a time window: added narrows the criterion, a longer "within" widens it, a longer "more than" narrows it, 4 weeks is 28 days, another anchor does not compare', () => {
      assert.deepEqual(criterionChange('exclude "Major surgery"', 'exclude "Major surgery" within 28 days before randomization'), [
        'changed',
        'exclusion: free text: time window',
        null,
        'within 28 days before randomization',
        'loosened',
      ]);
      assert.equal(
        criterionChange('exclude "Major surgery" within 28 days before randomization', 'exclude "Major surgery" within 6 weeks before randomization')[4],
        'tightened',
      );
      assert.equal(
        criterionChange('include "Recurrence" more than 6 months after "surgery"', 'include "Recurrence" more than 12 months after "surgery"')[4],
        'tightened',
      );
      assert.equal(
        criterionChange('exclude prior "chemotherapy" within 4 weeks before first_dose', 'exclude prior "chemotherapy" within 2 weeks before first_dose')[4],
        'loosened',
      );
      assert.equal(
        criterionChange('exclude "Major surgery" within 28 days before randomization', 'exclude "Major surgery" within 28 days before enrollment')[4],
        null,
      );
      assert.deepEqual(
        diff(
          eligibility('exclude "Major surgery" within 4 weeks before randomization'),
          eligibility('exclude "Major surgery" within 28 days before randomization'),
        ),
        [],
      );
    });
  });

  describe('other criteria', () => {
    it('scores: a wider range loosens an inclusion, a narrower one tightens it', () => {
      assert.deepEqual(criterionChange('include ecog 0', 'include ecog 0-1'), ['changed', 'inclusion: ecog', '0', '0-1', 'loosened']);
      assert.equal(criterionChange('include ecog 0-2', 'include ecog 0-1')[4], 'tightened');
      assert.equal(criterionChange('include child_pugh A', 'include child_pugh A-B')[4], 'loosened');
      assert.equal(criterionChange('include ecog 0', 'include ecog 1')[4], null);
    });

    it('prior therapy: more therapies listed tighten an exclusion, fewer loosen it; drugs are matched through the drug table', () => {
      assert.equal(criterionChange('exclude prior "PD1 antibody"', 'exclude prior "PD1 antibody", lenvatinib')[4], 'tightened');
      assert.equal(criterionChange('exclude prior "PD1 antibody", lenvatinib', 'exclude prior lenvatinib')[4], 'loosened');
      assert.deepEqual(diff(eligibility('exclude prior pembrolizumab'), eligibility('exclude prior Keytruda')), []);
    });

    it('any and all groups: a member added to an any group loosens an inclusion; to an all group, tightens it; an added group’s members have no direction of their own', () => {
      const anyGroup = diff(eligibility('include any { tumor_diameter > 5 cm }'), eligibility('include any { tumor_diameter > 5 cm; ca19_9 > 37 U/mL }'));
      assert.deepEqual(
        anyGroup.map((change) => [change.kind, change.what, change.direction]),
        [['added', 'inclusion: ca19_9 (lower limit)', 'loosened']],
      );
      const allGroup = diff(eligibility('include all { platelets >= 100 x10^9/L }'), eligibility('include all { platelets >= 100 x10^9/L; inr < 1.2 }'));
      assert.deepEqual(
        allGroup.map((change) => [change.kind, change.what, change.direction]),
        [['added', 'inclusion: inr (upper limit)', 'tightened']],
      );
      const exclusionAny = diff(
        eligibility('exclude any { systolic_bp >= 140 mmHg }'),
        eligibility('exclude any { systolic_bp >= 140 mmHg; diastolic_bp >= 90 mmHg }'),
      );
      assert.equal(exclusionAny[0].direction, 'tightened');
      const newGroup = diff(eligibility(), eligibility('include any "risk" { tumor_diameter > 5 cm; "vascular invasion" }'));
      assert.deepEqual(
        newGroup.map((change) => [change.what, change.direction, change.note ?? '']),
        [
          ['inclusion: any of', 'tightened', ''],
          ['inclusion: tumor_diameter (lower limit)', null, 'in the group added at new line 2'],
          ['inclusion: free text', null, 'in the group added at new line 2'],
        ],
      );
      assert.deepEqual(criterionChange('include all { ecog 0; child_pugh A }', 'include any { ecog 0; child_pugh A }').slice(1), [
        'inclusion: any of: mode',
        'all',
        'any',
        'loosened',
      ]);
    });

    it('free text: a reworded criterion is one change with no direction; an unrelated one is removed and added', () => {
      const reworded = criterionChange('include "Signed written informed consent"', 'include "Written informed consent signed"');
      assert.deepEqual(reworded, ['changed', 'inclusion: free text', 'Signed written informed consent', 'Written informed consent signed', null]);
      const replaced = diff(eligibility('exclude "Active tuberculosis"'), eligibility('exclude "Pregnancy"'));
      assert.deepEqual(
        replaced.map((change) => [change.kind, change.direction]),
        [
          ['removed', 'loosened'],
          ['added', 'tightened'],
        ],
      );
    });

    it('age, sex and healthy volunteers', () => {
      assert.deepEqual(criterionChange('age 18 to 75 years', 'age 18 to 70 years'), ['changed', 'maximum age', '75 years', '70 years', 'tightened']);
      assert.deepEqual(criterionChange('age 18 to 75 years', 'age 16 to 75 years').slice(1), ['minimum age', '18 years', '16 years', 'loosened']);
      assert.deepEqual(diff(eligibility('age >= 18 years'), eligibility('age >= 216 months')), []);
      assert.deepEqual(
        criterionChange('age >= 18 years', 'age 18 to 80 years')
          .slice(0, 2)
          .concat([criterionChange('age >= 18 years', 'age 18 to 80 years')[4]]),
        ['added', 'maximum age', 'tightened'],
      );
      assert.deepEqual(criterionChange('sex all', 'sex female'), ['changed', 'sex', 'all', 'female', 'tightened']);
      assert.equal(criterionChange('sex female', 'sex all')[4], 'loosened');
      assert.equal(criterionChange('sex female', 'sex male')[4], null);
      assert.equal(criterionChange('healthy_volunteers no', 'healthy_volunteers yes')[4], 'loosened');
    });
  });

  describe('arms and doses', () => {
    const arm = (...lines: string[]) => `arm a "Arm A" experimental {\n${lines.map((line) => `  ${line}\n`).join('')}}\n`;

    it('compares each dose field of the same drug in the same phase', () => {
      const before = arm(
        'neoadjuvant {',
        '  cycle 21 days x 3 {',
        '    oxaliplatin 85 mg/m2 IV day 1',
        '    gemcitabine 1 g/m2 days 1, 8',
        '  }',
        '  lenvatinib 8 mg daily for 9 weeks',
        '  toripalimab 240 mg q3w x 3',
        '}',
      );
      const after = arm(
        'neoadjuvant {',
        '  cycle 28 days x 4 {',
        '    oxaliplatin 100 mg/m2 PO day 1',
        '    gemcitabine 1000 mg/m2 days 1, 15',
        '  }',
        '  lenvatinib 8 mg bid for 12 weeks',
        '  toripalimab 240 mg q3w x 4',
        '}',
      );
      const changes = diff(before, after);
      assert.deepEqual(
        changes.map((change) => [change.what, change.old, change.new]),
        [
          ['arm a: neoadjuvant: oxaliplatin: value', '85 mg/m2', '100 mg/m2'],
          ['arm a: neoadjuvant: oxaliplatin: route', 'IV', 'PO'],
          ['arm a: neoadjuvant: oxaliplatin, gemcitabine: cycle', 'cycle 21 days x 3', 'cycle 28 days x 4'],
          ['arm a: neoadjuvant: gemcitabine: days', '1, 8', '1, 15'],
          ['arm a: neoadjuvant: lenvatinib: frequency', 'daily', 'bid'],
          ['arm a: neoadjuvant: lenvatinib: duration', '9 weeks', '12 weeks'],
          ['arm a: neoadjuvant: toripalimab: count', 3, 4],
        ],
      );
      assert.ok(
        changes.every((change) => change.direction === null),
        'doses have no eligibility direction',
      );
      // 1 g/m2 and 1000 mg/m2 are the same dose: gemcitabine's value is not listed.
      assert.ok(!changes.some((change) => change.what.includes('gemcitabine: value')));
    });

    it('reports a change of dose basis as a unit change, and added and removed doses, phases and arms', () => {
      const unit = diff(arm('oxaliplatin 85 mg/m2 day 1'), arm('oxaliplatin 130 mg day 1'));
      assert.deepEqual(
        unit.map((change) => [change.what, change.old, change.new]),
        [
          ['arm a: treatment outside a phase: oxaliplatin: unit', 'mg/m2', 'mg'],
          ['arm a: treatment outside a phase: oxaliplatin: value', '85 mg/m2', '130 mg'],
        ],
      );
      const drugs = diff(arm('oxaliplatin 85 mg/m2 day 1'), arm('capecitabine 1000 mg/m2 bid days 1-14'));
      assert.deepEqual(
        drugs.map((change) => [change.kind, change.what]),
        [
          ['removed', 'arm a: treatment outside a phase: oxaliplatin'],
          ['added', 'arm a: treatment outside a phase: capecitabine'],
        ],
      );
      const phases = diff(arm('surgery'), arm('surgery', 'adjuvant {', '  capecitabine 1250 mg/m2 bid days 1-14', '}'));
      assert.deepEqual(
        phases.map((change) => [change.kind, change.what, change.new]),
        [['added', 'arm a: adjuvant', ['capecitabine']]],
      );
      const arms = diff(arm('surgery'), `${arm('surgery')}arm b "Arm B" no_intervention {\n  surgery\n}\n`);
      assert.deepEqual(
        arms.map((change) => [change.kind, change.what, change.new, change.newLine]),
        [['added', 'arm b', 'Arm B (no_intervention)', 4]],
      );
    });

    it('compares the regimen words of issue 11 in meaning: course caps and stops, cycle selections, ways of giving, infusion times, caps, loading doses, conditions', () => {
      const before = arm(
        'cycle 21 days until progression, up to 35 cycles {',
        '  pembrolizumab 200 mg IV day 1 up to 35 cycles',
        '  cisplatin 75 mg/m2 IV day 1 cycles 1-4',
        '  fluorouracil 2600 mg/m2 IV continuous over 24 hours day 1',
        '  carboplatin AUC 5 IV day 1 max 750 mg',
        '}',
        'trastuzumab 6 mg/kg IV q3w loading 8 mg/kg x 17',
        'lenvatinib 8 mg PO daily if weight < 60 kg until progression',
      );
      const after = arm(
        'cycle 21 days until progression or toxicity, up to 24 cycles {',
        '  pembrolizumab 200 mg IV day 1 up to 24 cycles',
        '  cisplatin 75 mg/m2 IV day 1 cycles 1-6',
        '  fluorouracil 2600 mg/m2 IV infusion over 46 hours day 1',
        '  carboplatin AUC 5-6 IV day 1 max 900 mg',
        '}',
        'trastuzumab 6 mg/kg IV q3w loading 4 mg/kg x 17',
        'lenvatinib 8 mg PO daily if weight < 65 kg until progression or toxicity',
      );
      const where = 'arm a: treatment outside a phase';
      assert.deepEqual(
        diff(before, after).map((change) => [change.what, change.old, change.new]),
        [
          [
            `${where}: pembrolizumab, cisplatin, fluorouracil, carboplatin: cycle`,
            'cycle 21 days until progression, up to 35 cycles',
            'cycle 21 days until progression or toxicity, up to 24 cycles',
          ],
          [`${where}: pembrolizumab: cap on the course`, 'up to 35 cycles', 'up to 24 cycles'],
          [`${where}: cisplatin: cycles`, 'cycles 1-4', 'cycles 1-6'],
          [`${where}: fluorouracil: way of giving`, 'continuous', 'infusion'],
          [`${where}: fluorouracil: infusion time`, 'over 24 hours', 'over 46 hours'],
          [`${where}: carboplatin: value`, 'AUC 5', 'AUC 5-6'],
          [`${where}: carboplatin: cap on each dose`, '750 mg', '900 mg'],
          [`${where}: trastuzumab: loading dose`, '8 mg/kg', '4 mg/kg'],
          [`${where}: lenvatinib: stops`, 'until progression', 'until progression or toxicity'],
          [`${where}: lenvatinib: condition`, 'if weight < 60 kg', 'if weight < 65 kg'],
        ],
      );
    });

    it('pairs a dose with the same drug in the same option of a choice, and says which option; reports a phase made optional', () => {
      const choice = (carboplatin: string, phase: string) =>
        arm(
          'cycle 21 days x 4 {',
          '  choice "Platinum" {',
          '    option "Cisplatin" { cisplatin 75 mg/m2 IV day 1 }',
          `    option "Carboplatin" { ${carboplatin} }`,
          '  }',
          '}',
          `${phase} {`,
          '  pemetrexed 500 mg/m2 IV q3w until progression',
          '}',
        );
      const changes = diff(choice('carboplatin AUC 5 IV day 1', 'maintenance'), choice('carboplatin AUC 6 IV day 1', 'maintenance optional "Pemetrexed"'));
      assert.deepEqual(
        changes.map((change) => [change.what, change.old, change.new]),
        [
          ['arm a: treatment outside a phase: option "Carboplatin": carboplatin: value', 'AUC 5', 'AUC 6'],
          ['arm a: maintenance: optional', 'given to every participant of the arm', 'optional'],
          ['arm a: maintenance: label', null, 'Pemetrexed'],
        ],
      );
      const moved = diff(choice('carboplatin AUC 5 IV day 1', 'maintenance'), choice('cisplatin 75 mg/m2 IV day 1', 'maintenance'));
      assert.deepEqual(
        moved.map((change) => [change.kind, change.what]),
        [
          ['removed', 'arm a: treatment outside a phase: option "Carboplatin": carboplatin'],
          ['added', 'arm a: treatment outside a phase: option "Carboplatin": cisplatin'],
        ],
      );
    });

    it('compares a dose property it does not know as written, and says so, instead of dropping it', () => {
      const analysis = service.analyze(arm('oxaliplatin 85 mg/m2 day 1'));
      const withCap = structuredClone(analysis.protocol);
      const step = withCap.arms[0].phases[0].steps[0] as Extract<S.Step, { kind: 'dose' }>;
      (step.dose as S.Dose & { cap?: unknown }).cap = { value: 130, unit: 'mg' };
      const changes = diffProtocols(analysis, { text: analysis.text, protocol: withCap }).changes;
      assert.equal(changes.length, 1);
      assert.equal(changes[0].kind, 'added');
      assert.equal(changes[0].what, 'arm a: treatment outside a phase: oxaliplatin: cap');
      assert.match(changes[0].note ?? '', /compared as written/);
    });
  });

  describe('criteria of a kind the diff does not know', () => {
    it('pairs only identical ones, reports the rest as added or removed with a note, and does not throw', () => {
      const analysis = service.analyze(eligibility('include platelets >= 100 x10^9/L'));
      const conditional = (limit: number) =>
        ({
          kind: 'conditional',
          analyte: 'alt',
          limits: [{ times: limit }],
          span: analysis.protocol.eligibility!.inclusion[0].span,
        }) as unknown as S.Criterion;
      const withKind = (limit: number): S.Protocol => ({
        ...analysis.protocol,
        eligibility: { ...analysis.protocol.eligibility!, inclusion: [...analysis.protocol.eligibility!.inclusion, conditional(limit)] },
      });
      assert.deepEqual(diffProtocols({ text: analysis.text, protocol: withKind(2.5) }, { text: analysis.text, protocol: withKind(2.5) }).changes, []);
      const changes = diffProtocols({ text: analysis.text, protocol: withKind(2.5) }, { text: analysis.text, protocol: withKind(5) }).changes;
      assert.deepEqual(
        changes.map((change) => [change.kind, change.what]),
        [
          ['removed', 'inclusion: conditional criterion'],
          ['added', 'inclusion: conditional criterion'],
        ],
      );
      assert.ok(changes.every((change) => /compared as written/.test(change.note ?? '')));
    });
  });

  describe('registry fields', () => {
    it('reports fields added, removed and changed, and list items one by one', () => {
      const before = 'trial NCT01234567 {\n  title "A"\n  enrollment 30 estimated\n  keywords "x", "y"\n  collaborator "Site A" other\n}\n';
      const after = 'trial NCT01234567 {\n  title "B"\n  enrollment 40 actual\n  keywords "y", "z"\n  collaborator "Site B" other\n  phase 2\n}\n';
      assert.deepEqual(
        diff(before, after).map((change) => [change.kind, change.what, change.old, change.new]),
        [
          ['changed', 'title', 'A', 'B'],
          ['added', 'phase', null, '2'],
          ['changed', 'enrollment', '30 estimated', '40 actual'],
          ['removed', 'keywords', 'x', null],
          ['added', 'keywords', null, 'z'],
          ['removed', 'collaborator', 'Site A (other)', null],
          ['added', 'collaborator', null, 'Site B (other)'],
        ],
      );
    });
  });
});
