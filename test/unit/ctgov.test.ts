/**
 * ClinicalTrials.gov export and import: `toCtgov` against the registry's schema and the seed
 * records' facts, `fromCtgov` on a hand-written API v2 record and on the export of each sample
 * (a round trip), and the `export` / `import` commands end to end.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIELD_SPECS } from '../../server/src/language/fields';
import type * as S from '../../server/src/model/schema';
import { createProtocolService } from '../../server/src/service';
import { criterionText, regimenText, toCtgov } from '../../server/src/summary/ctgov';
import { ProtocolSection } from '../../server/src/summary/ctgov-schema';
import { CtgovImportError, fromCtgov } from '../../server/src/summary/import';
import type { TrialSummary } from '../../server/src/summary/summary';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLE_A = 'samples/NCT04669496.trial';
const SAMPLE_B = 'samples/NCT03951597.trial';
const RECORD_B = 'test/fixtures/ctgov/NCT03951597.json';

const service = createProtocolService();

function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

function exported(file: string): ProtocolSection {
  return toCtgov(service.analyze(read(file)).protocol);
}

/** Parses with the schema and checks that nothing was stripped: the export has no field the schema lacks. */
function validated(section: unknown): ProtocolSection {
  const parsed = ProtocolSection.safeParse(section);
  assert.ok(parsed.success, `the export does not validate: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  assert.deepEqual(parsed.data, section, 'the export holds fields the schema does not know');
  return parsed.data;
}

function errorsOf(text: string): string[] {
  return service
    .analyze(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message} at ${JSON.stringify(text.slice(d.offset, d.offset + d.length))}`);
}

function allCriteria(criteria: readonly S.Criterion[]): S.Criterion[] {
  return criteria.flatMap((criterion) => (criterion.kind === 'group' ? [criterion, ...allCriteria(criterion.criteria)] : [criterion]));
}

function thresholds(protocol: S.Protocol): Extract<S.Criterion, { kind: 'threshold' }>[] {
  const eligibility = protocol.eligibility;
  if (!eligibility) return [];
  return allCriteria([...eligibility.inclusion, ...eligibility.exclusion]).filter(
    (c): c is Extract<S.Criterion, { kind: 'threshold' }> => c.kind === 'threshold',
  );
}

describe('ClinicalTrials.gov export', function () {
  for (const file of [SAMPLE_A, SAMPLE_B]) {
    it(`the export of ${file} validates against the API v2 schema, enums included`, function () {
      validated(exported(file));
    });
  }

  it('holds the facts of record NCT04669496', function () {
    const section = validated(exported(SAMPLE_A));
    assert.equal(section.identificationModule?.nctId, 'NCT04669496');
    assert.equal(section.identificationModule?.orgStudyIdInfo?.id, 'ZSAB-neoGOLP');
    assert.equal(section.statusModule?.overallStatus, 'ACTIVE_NOT_RECRUITING');
    assert.deepEqual(section.statusModule?.startDateStruct, { date: '2021-01-20' });
    const design = section.designModule;
    assert.equal(design?.studyType, 'INTERVENTIONAL');
    assert.deepEqual(design?.phases, ['PHASE2', 'PHASE3']);
    assert.deepEqual(design?.designInfo, {
      allocation: 'RANDOMIZED',
      interventionModel: 'PARALLEL',
      primaryPurpose: 'TREATMENT',
      maskingInfo: { masking: 'NONE' },
    });
    assert.deepEqual(design?.enrollmentInfo, { count: 178 });
    const arms = section.armsInterventionsModule?.armGroups ?? [];
    assert.deepEqual(
      arms.map((arm) => [arm.label, arm.type]),
      [
        ['Neoadjuvant treatment', 'EXPERIMENTAL'],
        ['Traditional group', 'NO_INTERVENTION'],
      ],
    );
    assert.deepEqual(arms[0].interventionNames, ['Drug: Neoadjuvant treatment']);
    assert.equal(arms[1].interventionNames, undefined);
    const interventions = section.armsInterventionsModule?.interventions ?? [];
    assert.deepEqual(
      interventions.map((intervention) => [intervention.type, intervention.name, intervention.armGroupLabels]),
      [['DRUG', 'Neoadjuvant treatment', ['Neoadjuvant treatment']]],
    );
    const eligibility = section.eligibilityModule;
    assert.equal(eligibility?.minimumAge, '18 Years');
    assert.equal(eligibility?.maximumAge, '70 Years');
    assert.equal(eligibility?.sex, 'ALL');
    assert.equal(eligibility?.healthyVolunteers, false);
    const sponsors = section.sponsorCollaboratorsModule;
    assert.deepEqual(sponsors?.leadSponsor, { name: 'Shanghai Zhongshan Hospital', class: 'OTHER' });
    assert.deepEqual(sponsors?.responsibleParty, { type: 'SPONSOR' });
    assert.equal(sponsors?.collaborators?.length, 26);
    assert.deepEqual(sponsors?.collaborators?.[1], { name: 'Shanghai Public Health Clinical Center', class: 'OTHER_GOV' });
    const references = section.referencesModule?.references ?? [];
    assert.equal(references.length, 5);
    assert.deepEqual(
      references.map((reference) => [reference.type, reference.pmid]),
      [
        ['BACKGROUND', '15192785'],
        ['BACKGROUND', '20014463'],
        ['BACKGROUND', '20165987'],
        ['BACKGROUND', '22762399'],
        ['BACKGROUND', '18751418'],
      ],
    );
    assert.deepEqual(section.contactsLocationsModule?.overallOfficials, [
      { name: 'Jia Fan, MD & PhD', affiliation: 'Shanghai Zhongshan Hospital', role: 'STUDY_CHAIR' },
    ]);
    assert.equal(section.outcomesModule, undefined, 'the record lists no outcome measures');
  });

  it('holds the facts of record NCT03951597', function () {
    const section = validated(exported(SAMPLE_B));
    const design = section.designModule;
    assert.deepEqual(design?.phases, ['PHASE2']);
    assert.equal(design?.designInfo?.allocation, 'NA');
    assert.equal(design?.designInfo?.interventionModel, 'SINGLE_GROUP');
    assert.deepEqual(design?.enrollmentInfo, { count: 30, type: 'ESTIMATED' });
    assert.deepEqual(section.statusModule?.startDateStruct, { date: '2019-05-10', type: 'ACTUAL' });
    assert.deepEqual(section.statusModule?.completionDateStruct, { date: '2021-11-10', type: 'ESTIMATED' });
    assert.equal(section.statusModule?.statusVerifiedDate, '2021-07');
    assert.equal(section.eligibilityModule?.maximumAge, '75 Years');
    assert.deepEqual(section.sponsorCollaboratorsModule, { responsibleParty: { oldOrganization: 'Shanghai Zhongshan Hospital' } });
    assert.deepEqual(section.oversightModule, { isFdaRegulatedDrug: false, isFdaRegulatedDevice: false });
    assert.deepEqual(section.ipdSharingStatementModule, { ipdSharing: 'NO' });
  });

  it('writes the eligibility criteria in the registry layout, each readable', function () {
    const text = exported(SAMPLE_A).eligibilityModule?.eligibilityCriteria ?? '';
    assert.ok(text.startsWith('Inclusion Criteria:\n\n* Sign written informed consent\n'), text.slice(0, 80));
    assert.ok(text.includes('\n\nExclusion Criteria:\n\n* '));
    for (const line of [
      '* ECOG performance status 0',
      '* Child-Pugh class A',
      '  * platelets ≥ 90 x10^9/L',
      '  * bilirubin ≤ 1.5 x ULN',
      '  * creatinine clearance ≥ 60 mL/min',
      '* The functional indicators of important organs meet the following requirements:',
      '* Resectable ICC patients with high risk factors for recurrence, any of the following:',
      '  * CA19-9 > 37 U/mL (Preoperative)',
      '* Prior PD1 antibody, PDL1 antibody, CTLA4 antibody, lenvatinib, chemotherapy',
      '* HBV DNA > 10^4 copies/mL (after antiviral therapy)',
    ]) {
      assert.ok(text.split('\n').includes(line), `missing line ${JSON.stringify(line)}`);
    }
    assert.ok(exported(SAMPLE_B).eligibilityModule?.eligibilityCriteria?.startsWith('Inclusion Criteria:\n\n'));
  });

  it('renders each kind of criterion', function () {
    const span = { offset: 0, length: 0 };
    const base = { analyteSpan: span, valueSpan: span, span };
    const cases: [S.Criterion, string][] = [
      [{ kind: 'text', text: 'Signed\nconsent', span }, 'Signed consent'],
      [{ kind: 'threshold', analyte: 'hemoglobin', comparator: '>=', value: 9, valueText: '9', unit: 'g/dL', ...base }, 'hemoglobin ≥ 9 g/dL'],
      [{ kind: 'threshold', analyte: 'alt', comparator: '<=', value: 3, valueText: '3', multipleOf: 'ULN', ...base }, 'ALT ≤ 3 x ULN'],
      [
        { kind: 'threshold', analyte: 'hcv_rna', comparator: '>', value: 1000, valueText: '1000', note: 'no unit given', ...base },
        'HCV RNA > 1000 (no unit given)',
      ],
      [{ kind: 'score', analyte: 'ecog', from: 0, to: 1, ...base }, 'ECOG performance status 0-1'],
      [
        {
          kind: 'prior',
          items: [
            { name: 'PD1 antibody', isDrug: false, span },
            { name: 'lenvatinib', isDrug: true, span },
          ],
          span,
        },
        'Prior PD1 antibody, lenvatinib',
      ],
      [{ kind: 'group', mode: 'any', criteria: [], span }, 'Any of the following:'],
    ];
    for (const [criterion, text] of cases) assert.equal(criterionText(criterion), text);
    const labelled = (mode: 'any' | 'all', label: string): S.Criterion => ({ kind: 'group', mode, label, criteria: [], span });
    assert.equal(
      criterionText(labelled('all', 'Adequate organ function'), 'all'),
      'Adequate organ function:',
      'a list of requirements in an inclusion says nothing more',
    );
    assert.equal(criterionText(labelled('any', 'Adequate organ function'), 'all'), 'Adequate organ function, any of the following:');
    assert.equal(criterionText(labelled('any', 'One of the following histologies'), 'all'), 'One of the following histologies:');
    assert.equal(criterionText(labelled('all', 'High risk'), 'any'), 'High risk, all of the following:');
  });

  it('describes an arm by its regimen only when the protocol gives the arm no description', function () {
    const a = exported(SAMPLE_A).armsInterventionsModule?.armGroups ?? [];
    assert.ok(a[0].description?.startsWith('1. Gemox chemotherapy D1'), 'the written description stays as it is');
    assert.ok(!a[0].description?.includes('cycle of 21 days'));
    const b = exported(SAMPLE_B).armsInterventionsModule?.armGroups ?? [];
    assert.equal(b[0].description, 'Oxaliplatin dose unstated; gemcitabine dose unstated; lenvatinib dose unstated; toripalimab dose unstated');
    const dosed = service.analyze(
      'arm a "A" experimental {\n  neoadjuvant {\n    cycle 21 days x 3 { oxaliplatin 85 mg/m2 IV day 1; gemcitabine 1 g/m2 days 1, 8 }\n  }\n  surgery "resection"\n}\n',
    );
    assert.equal(
      regimenText(dosed.protocol.arms[0]),
      'Neoadjuvant: cycle of 21 days x 3 (oxaliplatin 85 mg/m2 IV day 1; gemcitabine 1 g/m2 days 1, 8)\nSurgery (resection)',
    );
  });

  it("writes a cycle's choice as one of its options, never as if every option were given, and says a phase is optional", function () {
    const chosen = service.analyze(`arm a "A" experimental {
  cycle 21 days until progression, up to 35 cycles {
    pembrolizumab 200 mg IV day 1
    choice "Platinum" {
      option "Cisplatin" { cisplatin 75 mg/m2 IV day 1 cycles 1-4 }
      option "Carboplatin" { carboplatin AUC 5 IV day 1 cycles 1-4 }
    }
  }
  maintenance optional "Pemetrexed maintenance" { pemetrexed 500 mg/m2 IV q3w until progression }
}
`);
    assert.equal(
      regimenText(chosen.protocol.arms[0]),
      'Cycle of 21 days until progression, up to 35 cycles (pembrolizumab 200 mg IV day 1; one of (Platinum): Cisplatin: cisplatin 75 mg/m2 IV day 1 cycles 1-4 | Carboplatin: carboplatin AUC 5 IV day 1 cycles 1-4)\n' +
        'Maintenance (optional: Pemetrexed maintenance): pemetrexed 500 mg/m2 IV q3w until progression',
    );
  });

  it('puts each outcome in the list of its kind, and an outcome without a kind in otherOutcomes', function () {
    const text = [
      'outcome primary "ORR" { time_frame "12 months" }',
      'outcome secondary "OS" { time_frame "24 months" }',
      'outcome other "QoL"',
      'outcome "PFS" { description "no kind given" }',
      '',
    ].join('\n');
    const outcomes = validated(toCtgov(service.analyze(text).protocol)).outcomesModule;
    assert.deepEqual(outcomes, {
      primaryOutcomes: [{ measure: 'ORR', timeFrame: '12 months' }],
      secondaryOutcomes: [{ measure: 'OS', timeFrame: '24 months' }],
      otherOutcomes: [{ measure: 'QoL' }, { measure: 'PFS', description: 'no kind given' }],
    });
    const b = exported(SAMPLE_B).outcomesModule;
    assert.equal(b?.primaryOutcomes, undefined);
    assert.equal(b?.otherOutcomes?.length, 4);
  });
});

describe('ClinicalTrials.gov import', function () {
  /**
   * What the registry record can hold, from a summary. Not compared, because the record has no
   * place for them: drug declarations and each arm's phases, cycles and doses (an arm without a
   * description carries its regimen as its description, so that is the description expected);
   * the identifiers of arms and interventions (the import makes them from labels, so arms are
   * matched by label and their interventions by name); MeSH terms and whether results are posted
   * (outside the protocolSection); and the eligibility criteria themselves, whose text is
   * re-read and becomes computable only where unambiguous (the test after this one checks that
   * nothing is invented). An outcome without a kind is exported in otherOutcomes and so comes
   * back as `other`; it is compared as such.
   */
  function registryFacts(summary: TrialSummary, protocol: S.Protocol) {
    const { meshConditions: _mc, meshInterventions: _mi, results: _results, ...trial } = summary.trial!;
    const names = new Map(summary.interventions.map((intervention) => [intervention.id, intervention.name]));
    return {
      trial,
      interventions: summary.interventions.map(({ id: _id, ...rest }) => rest),
      arms: summary.arms.map((arm, i) => ({
        label: arm.label,
        type: arm.type,
        description: arm.description ?? regimenText(protocol.arms[i]),
        interventions: arm.interventions.map((id) => names.get(id)),
      })),
      eligibility: {
        minimumAge: summary.eligibility?.minimumAge,
        maximumAge: summary.eligibility?.maximumAge,
        sex: summary.eligibility?.sex,
        healthyVolunteers: summary.eligibility?.healthyVolunteers,
      },
      outcomes: summary.outcomes.map((outcome) => ({ ...outcome, kind: outcome.kind ?? 'other' })),
    };
  }

  for (const file of [SAMPLE_A, SAMPLE_B]) {
    it(`round-trips what the record holds of ${file}`, function () {
      const original = service.analyze(read(file));
      const imported = fromCtgov(toCtgov(original.protocol));
      assert.deepEqual(errorsOf(imported.text), []);
      const back = service.analyze(imported.text);
      assert.deepEqual(registryFacts(service.summary(imported.text), back.protocol), registryFacts(service.summary(read(file)), original.protocol));
    });

    it(`reads back from the export of ${file} only thresholds the sample has`, function () {
      const original = service.analyze(read(file)).protocol;
      const back = service.analyze(fromCtgov(toCtgov(original)).text).protocol;
      const key = (t: Extract<S.Criterion, { kind: 'threshold' }>) => `${t.analyte} ${t.comparator} ${t.valueText} ${t.multipleOf ?? t.unit ?? ''}`;
      const known = new Set(thresholds(original).map(key));
      const readBack = thresholds(back).map(key);
      assert.ok(readBack.length >= 5, `only ${readBack.length} thresholds read back`);
      for (const threshold of readBack) assert.ok(known.has(threshold), `${threshold} is not in the sample`);
    });
  }

  describe('a record written from seed record 002', function () {
    const record = JSON.parse(read(RECORD_B)) as unknown;
    const result = fromCtgov(record);
    const analysis = service.analyze(result.text);

    it('gives a document that checks with no error', function () {
      assert.deepEqual(errorsOf(result.text), []);
      const trial = analysis.protocol.trial!;
      assert.equal(trial.nctId, 'NCT03951597');
      assert.equal(trial.phase, '2');
      assert.deepEqual(trial.enrollment && { count: trial.enrollment.count, qualifier: trial.enrollment.qualifier }, { count: 30, qualifier: 'estimated' });
      assert.equal(trial.results, 'none');
      assert.deepEqual(trial.meshConditions.slice(0, 2), ['Cholangiocarcinoma', 'Adenocarcinoma']);
      assert.deepEqual(analysis.protocol.arms[0].interventions, [analysis.protocol.interventions[0].id]);
      assert.deepEqual(
        analysis.protocol.outcomes.map((outcome) => outcome.kind),
        ['primary', 'secondary', 'secondary', 'secondary'],
      );
    });

    it('reads "Neutrophils ≥1.5*109/L; platelets≥100*109/L; hemoglobin≥9g/dl; serum albumin≥3g/dl" as four thresholds', function () {
      const found = thresholds(analysis.protocol).map((t) => `${t.analyte} ${t.comparator} ${t.valueText} ${t.unit}|${t.note}`);
      for (const expected of [
        'neutrophils >= 1.5 x10^9/L|Neutrophils ≥1.5*109/L',
        'platelets >= 100 x10^9/L|platelets≥100*109/L',
        'hemoglobin >= 9 g/dL|hemoglobin≥9g/dl',
        'albumin >= 3 g/dL|serum albumin≥3g/dl',
      ]) {
        assert.ok(found.includes(expected), `${expected} not among ${found.join('; ')}`);
      }
      assert.ok(result.text.includes('// The record\'s "1.5*109/L" lost a superscript: 10^9/L was meant.'));
      const group = analysis.protocol.eligibility!.inclusion.find((c) => c.kind === 'group');
      assert.equal(group?.kind === 'group' && group.label, 'Functional indicators of vital organs meet the following requirements');
    });

    it('reads scores and ULN multiples, and gives every computable criterion its sentence as a note', function () {
      const inclusion = allCriteria(analysis.protocol.eligibility!.inclusion);
      const scores = inclusion.filter((c) => c.kind === 'score').map((c) => c.kind === 'score' && `${c.analyte} ${c.from}`);
      assert.deepEqual(scores, ['ecog 0', 'child_pugh A']);
      const multiples = thresholds(analysis.protocol)
        .filter((t) => t.multipleOf)
        .map((t) => `${t.analyte} ${t.comparator} ${t.valueText} x ${t.multipleOf}`);
      // "serum creatinine ≤ 1.5 ULN, creatinine clearance rate ≥ 60ml / min" may be alternatives: kept as text.
      assert.deepEqual(multiples, ['bilirubin <= 1.5 x ULN', 'alt <= 1.5 x ULN', 'ast <= 1.5 x ULN']);
      for (const criterion of inclusion)
        if (criterion.kind === 'threshold' || criterion.kind === 'score') assert.ok(criterion.note, `${criterion.analyte} has no note`);
    });

    it('keeps an ambiguous criterion as text, verbatim', function () {
      const texts = allCriteria([...analysis.protocol.eligibility!.inclusion, ...analysis.protocol.eligibility!.exclusion])
        .filter((c) => c.kind === 'text')
        .map((c) => (c.kind === 'text' ? c.text : ''));
      assert.ok(texts.includes('b Thyroid stimulating hormone (TSH) ≤ 1 times the upper limit of normal value(ULN), T3, T4 are in the normal range'));
      assert.ok(texts.includes('hepatitis B virus (HBV) DNA>2000 copies/ml, hepatitis C virus (HCV) RNA>1000'), 'the Markdown escape \\> is undone');
      assert.ok(texts.includes('age 18-75 years old, male or female'));
    });

    it('lists each conversion decision in the notes', function () {
      assert.ok(result.notes.some((note) => note.startsWith('read "hemoglobin≥9g/dl" as hemoglobin >= 9 g/dL')));
      assert.ok(result.notes.some((note) => note.startsWith('kept as text: "b Thyroid stimulating hormone')));
      assert.ok(result.notes.some((note) => note.includes('no doses') || note.includes('doses or schedules are stated')));
    });
  });

  it('accepts a bare protocolSection and writes strings with escapes the language reads back', function () {
    const title = 'A "quoted" \\ title\nwith a tab\there';
    const result = fromCtgov({ identificationModule: { nctId: 'NCT00000001', briefTitle: title } });
    assert.equal(service.analyze(result.text).protocol.trial?.title, title);
  });

  it('reads ages each in its own unit, and keeps a viral load that may have lost a superscript as text', function () {
    const result = fromCtgov({
      eligibilityModule: {
        minimumAge: '6 Months',
        maximumAge: '17 Years',
        eligibilityCriteria: 'Exclusion Criteria:\n\n* HBV DNA \\>104 copies/ml\n* ECOG ≥ 2\n* INR \\> 1.5',
      },
    });
    assert.ok(result.text.includes('  age 6 months to 17 years\n'), result.text);
    assert.ok(result.text.includes('  exclude "HBV DNA >104 copies/ml"\n'), result.text);
    assert.ok(result.text.includes('  exclude ecog 2-5 "ECOG ≥ 2"\n'), result.text);
    assert.ok(result.text.includes('  exclude inr > 1.5 "INR > 1.5"\n'), result.text);
    assert.ok(result.notes.some((note) => note.includes('104 may be 10^4')));
  });

  it('never claims the record states no doses when a description states them (they are not read into dose lines yet)', function () {
    const record = (description: string) => ({
      identificationModule: { nctId: 'NCT00000001' },
      armsInterventionsModule: { armGroups: [{ label: 'A', type: 'EXPERIMENTAL', description }] },
    });
    const dosed = fromCtgov(record('Paclitaxel 175 mg/m2 IV on day 1 of each 21-day cycle for up to 6 cycles'));
    assert.ok(
      dosed.notes.some((note) => note.startsWith('doses or schedules are stated in the descriptions of the arm "A"')),
      dosed.notes.join('\n'),
    );
    assert.ok(dosed.text.includes('// Doses or schedules are stated in the descriptions of 1 arm(s)'), dosed.text);
    assert.ok(!dosed.notes.some((note) => note.includes('states no doses')));
    const plain = fromCtgov(record('Standard of care, as the treating physician decides'));
    assert.ok(plain.notes.some((note) => note.includes('states no doses or schedules in its structured fields')));
  });

  it('keeps thresholds that a condition governs as text', function () {
    const result = fromCtgov({
      identificationModule: { nctId: 'NCT00000001' },
      eligibilityModule: {
        eligibilityCriteria: [
          'Inclusion Criteria:',
          '',
          '* with liver metastases: ALT ≤ 5 x ULN; AST ≤ 5 x ULN',
          '* ALT ≤ 3 x ULN (≤ 5 x ULN for liver metastases)',
          '* For patients with liver metastases:',
          '  * bilirubin ≤ 3 x ULN',
          '* Adequate organ function: ANC ≥ 1500/mm3; platelets ≥ 100 x 10⁹/L',
        ].join('\n'),
      },
    });
    assert.deepEqual(errorsOf(result.text), []);
    const inclusion = service.analyze(result.text).protocol.eligibility!.inclusion;
    const shown = allCriteria(inclusion).map((c) =>
      c.kind === 'threshold' ? `${c.analyte} ${c.comparator} ${c.valueText} ${c.multipleOf ?? c.unit}` : c.kind,
    );
    assert.deepEqual(shown, ['text', 'text', 'text', 'group', 'neutrophils >= 1500 /mm3', 'platelets >= 100 x10^9/L']);
  });

  it('refuses what is not an API v2 study with a clear error', function () {
    const cases: [unknown, RegExp][] = [
      [42, /not a study object/],
      [[{}], /JSON array/],
      [{ studies: [{}, {}] }, /search response with 2 studies/],
      [{ title: 'x' }, /neither an API v2 study/],
      [{ protocolSection: 'x' }, /protocolSection is not an object/],
      [{ protocolSection: { statusModule: { overallStatus: 'RECRUITING' } } }, /no identificationModule\.nctId/],
    ];
    for (const [json, message] of cases) {
      assert.throws(
        () => fromCtgov(json),
        (error: unknown) => error instanceof CtgovImportError && message.test(error.message) && !error.message.includes('\n'),
        JSON.stringify(json),
      );
    }
  });
});

describe('docs/ctgov.md', function () {
  it('names every field of the field table that has a place in the registry, by keyword and path', function () {
    const doc = read('docs/ctgov.md');
    for (const specs of Object.values(FIELD_SPECS)) {
      for (const spec of Object.values(specs)) {
        if (!spec.registry) continue;
        assert.ok(doc.includes(`\`${spec.keyword}\``), `docs/ctgov.md does not name '${spec.keyword}'`);
        const last = spec.registry.path.split('.').pop()!;
        assert.ok(doc.includes(last), `docs/ctgov.md does not name the registry field '${spec.registry.path}'`);
      }
    }
  });
});

describe('the criteria text written back', function () {
  const TEXT = [
    'Inclusion Criteria:',
    '',
    '1. Signed consent.',
    '2. ANC \\>= 1.5 x 10^9/L',
    '3. Adequate organ function:',
    '',
    '   * Platelets ≥ 100 x 10^9/L',
    '',
    'Exclusion Criteria:',
    '',
    '* Pregnancy',
    '',
  ].join('\n');
  const imported = fromCtgov({ identificationModule: { nctId: 'NCT00000001' }, eligibilityModule: { eligibilityCriteria: TEXT } }).text;
  const exportedText = (text: string) => toCtgov(service.analyze(text).protocol).eligibilityModule?.eligibilityCriteria;

  it('is the record’s text exactly while the criteria are unchanged, also after formatting', function () {
    assert.deepEqual(errorsOf(imported), []);
    assert.equal(exportedText(imported), TEXT);
    const formatted = service.applyEdits(imported, service.formatDocument(service.analyze(imported)));
    assert.equal(exportedText(formatted), TEXT);
  });

  it('keeps the record’s words and numbering for unchanged criteria and writes an edited one in the registry layout in its place', function () {
    const edited = imported.replace('platelets >= 100 x10^9/L', 'platelets >= 120 x10^9/L');
    assert.notEqual(edited, imported);
    assert.equal(
      exportedText(edited),
      [
        'Inclusion Criteria:',
        '',
        '1. Signed consent.',
        '2. ANC \\>= 1.5 x 10^9/L',
        '* Adequate organ function:',
        '  * platelets ≥ 120 x10^9/L (Platelets ≥ 100 x 10^9/L)',
        '',
        'Exclusion Criteria:',
        '',
        '* Pregnancy',
        '',
      ].join('\n'),
    );
  });

  it('writes an added criterion after the last unchanged one of its side, and leaves a removed one out', function () {
    const added = imported
      .replace('  exclude "Pregnancy"\n', '  exclude "Pregnancy"\n  exclude "Breast feeding"\n')
      .replace('  include "Signed consent"\n', '');
    const text = exportedText(added) ?? '';
    assert.ok(text.includes('\n* Pregnancy\n* Breast feeding'), text);
    assert.ok(!text.includes('Signed consent'), text);
    assert.ok(text.includes('2. ANC \\>= 1.5 x 10^9/L'), text);
  });

  it('adds the heading of a side the record did not have', function () {
    const withoutExclusion = fromCtgov({
      identificationModule: { nctId: 'NCT00000001' },
      eligibilityModule: { eligibilityCriteria: 'Inclusion Criteria:\n\n* Signed consent' },
    }).text;
    const added = withoutExclusion.replace('  include "Signed consent"\n', '  include "Signed consent"\n  exclude "Pregnancy"\n');
    assert.equal(exportedText(added), 'Inclusion Criteria:\n\n* Signed consent\n\nExclusion Criteria:\n\n* Pregnancy');
  });

  it('moves no criterion to the other side when one is moved in the protocol', function () {
    const moved = imported
      .replace('  exclude "Pregnancy"\n', '')
      .replace('  include "Signed consent"\n', '  include "Signed consent"\n  include "Pregnancy"\n');
    const text = exportedText(moved) ?? '';
    const [inclusion, exclusion] = text.split('Exclusion Criteria:');
    assert.ok(inclusion.includes('* Pregnancy'), text);
    assert.ok(!exclusion.includes('Pregnancy'), text);
  });
});

describe('ClinicalTrials.gov commands', function () {
  this.timeout(60_000);
  const BUILT_CLI = join(ROOT, 'server', 'out', 'cli.js');
  let dir = '';

  function trial(...args: string[]) {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'trial.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    if (result.error) throw result.error;
    return result;
  }

  before(function () {
    if (!existsSync(BUILT_CLI)) throw new Error(`the CLI is not built: ${BUILT_CLI} is missing; run \`npx tsc -b\` first`);
    dir = mkdtempSync(join(tmpdir(), 'trial-ctgov-test-'));
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('export --ctgov prints a protocolSection that validates', function () {
    const result = trial('export', '--ctgov', SAMPLE_A);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    validated(JSON.parse(result.stdout));
  });

  it('export --markdown prints the summary', function () {
    const result = trial('export', '--markdown', SAMPLE_B);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.startsWith('# NCT03951597: '));
  });

  it('import prints the document on stdout and the notes on stderr', function () {
    const result = trial('import', RECORD_B);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(errorsOf(result.stdout), []);
    const lines = result.stderr.trimEnd().split('\n');
    assert.ok(lines.length > 5);
    for (const line of lines) assert.match(line, /^trial: note: \S/);
  });

  for (const [name, content] of [
    ['not-json.json', 'trial NCT04669496 {\n}\n'],
    ['odd.json', '{"hello": "world"}'],
  ] as const) {
    it(`import of ${name} exits 2 with one line`, function () {
      const file = join(dir, name);
      writeFileSync(file, content);
      const result = trial('import', file);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^trial: [^\n]+\n$/);
      assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
    });
  }

  it('export without --ctgov or --markdown exits 2 with one line', function () {
    const result = trial('export', SAMPLE_A);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^trial: export needs --ctgov, --usdm or --markdown\n$/);
  });
});
