/**
 * The eligibility-prose reader (server/src/summary/prose.ts), fixture by fixture: how the
 * registry's text is cut into sides, items and sub-items, what each item means, and which
 * clauses become computable. Every reading has near misses beside it that must stay text. Each
 * fixture's criteria are shown as the language prints them (`include …` / `exclude …`), one
 * top-level criterion per entry, with a group's children indented under it.
 */

import assert from 'node:assert/strict';
import { criterionStatement } from '../../server/src/model/print';
import type * as S from '../../server/src/model/schema';
import { printStatement } from '../../server/src/syntax/print';
import { readEligibilityText, type ProseReading } from '../../server/src/summary/prose';

function shown(reading: ProseReading): string[] {
  return [
    ...reading.inclusion.map((criterion) => printStatement(criterionStatement(criterion, undefined, 'include'))),
    ...reading.exclusion.map((criterion) => printStatement(criterionStatement(criterion, undefined, 'exclude'))),
  ];
}

/** Reads a fixture (lines joined by line breaks) and checks what it reads as; the segments must give back the text exactly. */
function check(lines: readonly string[], expected: readonly string[]): ProseReading {
  const text = lines.join('\n');
  const reading = readEligibilityText(text);
  assert.deepEqual(shown(reading), expected);
  assert.equal(reading.segments.map((segment) => segment.text).join(''), text, 'the segments give back the text');
  return reading;
}

function leaves(criteria: readonly S.Criterion[]): S.Criterion[] {
  return criteria.flatMap((criterion) => (criterion.kind === 'group' ? leaves(criterion.criteria) : [criterion]));
}

/** The computable reading of one inclusion item, or undefined when it stays text. */
function readsAs(item: string, side: 'Inclusion' | 'Exclusion' = 'Inclusion'): string | undefined {
  const reading = readEligibilityText(`${side} Criteria:\n\n* ${item}`);
  const criteria = side === 'Inclusion' ? reading.inclusion : reading.exclusion;
  if (leaves(criteria).every((criterion) => criterion.kind === 'text')) return undefined;
  return criteria
    .map((criterion) => printStatement(criterionStatement(stripNotes(criterion), undefined, side === 'Inclusion' ? 'include' : 'exclude')))
    .join('\n');
}

function stripNotes(criterion: S.Criterion): S.Criterion {
  const { note: _note, ...rest } = criterion;
  return rest.kind === 'group' ? { ...rest, criteria: rest.criteria.map(stripNotes) } : rest;
}

describe('eligibility prose: sides and headings', function () {
  it('reads the two headings, with or without a colon, Key and Patient qualifiers', function () {
    check(
      ['Key Inclusion Criteria:', '', '* Signed consent', '', 'Patient exclusion criteria', '', '* Pregnancy'],
      ['include "Signed consent"', 'exclude "Pregnancy"'],
    );
  });

  it('reads a heading indented inside the item before it (NCT05658640, NCT05745714): the items after it are exclusions', function () {
    const reading = check(
      [
        'Inclusion Criteria:',
        '',
        '1. Children between 1 and 18 years',
        '2. Adequate organ function:',
        '',
        '   * CARDIAC FUNCTION: shortening fraction above 29 %',
        '',
        '   Exclusion Criteria:',
        '3. Pregnancy',
        '4. Breast feeding',
      ],
      [
        'include "Children between 1 and 18 years"',
        'include all "Adequate organ function" {\n  "CARDIAC FUNCTION: shortening fraction above 29 %"\n}',
        'exclude "Pregnancy"',
        'exclude "Breast feeding"',
      ],
    );
    assert.ok(reading.notes.some((note) => note.includes('stands inside the item before it')));
  });

  it('cuts a line at a heading in its middle (NCT01892319), and keeps an inline list of one side on its side', function () {
    check(
      ['Inclusion Criteria: - Informed consent - Diabetes mellitus type 1 or 2 Exclusion Criteria: - Pregnant for more than 16 weeks'],
      ['include "Informed consent - Diabetes mellitus type 1 or 2"', 'exclude "Pregnant for more than 16 weeks"'],
    );
  });

  it('does not take an item that mentions the criteria for a heading (near miss)', function () {
    check(
      ['Exclusion Criteria:', '', '* Patients meeting any inclusion criteria of the parent study', '* Exclusion criteria of study X apply'],
      ['exclude "Patients meeting any inclusion criteria of the parent study"', 'exclude "Exclusion criteria of study X apply"'],
    );
  });

  it('reads items before any heading as inclusion criteria, with a note', function () {
    const reading = check(['* Age over 18', '* Signed consent'], ['include "Age over 18"', 'include "Signed consent"']);
    assert.ok(reading.notes.some((note) => note.includes('no Inclusion/Exclusion Criteria headings')));
  });

  it('takes a lead line that restates the heading as part of it', function () {
    check(
      [
        'Inclusion Criteria:',
        'Participants must satisfy the following criteria to be enrolled in the study:',
        '1. Signed consent',
        'Exclusion Criteria:',
        'The presence of any of the following will exclude a Participant from enrollment:',
        '1. Pregnancy',
      ],
      ['include "Signed consent"', 'exclude "Pregnancy"'],
    );
  });
});

describe('eligibility prose: parts of the population', function () {
  it('keeps criteria under a cohort label as text in a group labelled with it, on each side (NCT01515527)', function () {
    check(
      [
        'Cohort 1',
        '',
        'Inclusion Criteria:',
        '',
        '1. ECOG performance status of ≤ 2.',
        '',
        'Exclusion Criteria:',
        '',
        '1. Pregnancy',
        '',
        'Cohort 2',
        '',
        'Inclusion Criteria:',
        '',
        '2. ECOG Performance Status equal to 3 or 4',
      ],
      [
        'include all "Cohort 1" {\n  "ECOG performance status of ≤ 2"\n}',
        'include all "Cohort 2" {\n  "ECOG Performance Status equal to 3 or 4"\n}',
        'exclude any "Cohort 1" {\n  "Pregnancy"\n}',
      ],
    );
  });

  it('keeps a population inside a section (Healthy Controls) and a heading that names one (Donor Inclusion Criteria) as text', function () {
    check(
      ['Inclusion Criteria:', '', '* ECOG 0-1', '', 'Healthy Controls', '', '* FEV1 ≥ 80%', '', 'Donor Inclusion Criteria:', '', '* Age 18-50 years'],
      [
        'include ecog 0-1 "ECOG 0-1"',
        'include all "Healthy Controls" {\n  "FEV1 ≥ 80%"\n}',
        'include all "Donor Inclusion Criteria" {\n  "Age 18-50 years"\n}',
      ],
    );
  });

  it('reads a heading that names a part for all of it as applying to everyone (near miss)', function () {
    check(['Exclusion criteria for all randomisations', '', '* ECOG ≥ 3'], ['exclude ecog 3-5 "ECOG ≥ 3"']);
  });

  it("keeps every item text where a line reading 'OR' splits a side into alternatives (NCT03319901)", function () {
    const reading = check(
      ['Inclusion Criteria:', '', '* Untreated ALL', '* Age ≥ 60 Years', 'OR', '* Relapsed ALL', '* Age ≥ 18 Years'],
      ['include "Untreated ALL"', 'include "Age ≥ 60 Years"', 'include "Relapsed ALL"', 'include "Age ≥ 18 Years"'],
    );
    assert.ok(reading.notes.some((note) => note.includes("a line reading 'OR'")));
  });
});

describe('eligibility prose: items and sub-items', function () {
  it('adopts a list of another kind after a lead that ends with a colon, and ends it at the lead’s next sibling', function () {
    check(
      [
        'Inclusion Criteria:',
        '',
        '10. Patients must have one of the following:',
        '',
        '* Creatinine ≥ 2 mg/dL',
        '* Total bilirubin ≥ 2 mg/dL',
        '',
        '  11. A negative pregnancy test',
      ],
      [
        'include any {\n  creatinine >= 2 mg/dL "Creatinine ≥ 2 mg/dL"\n  bilirubin >= 2 mg/dL "Total bilirubin ≥ 2 mg/dL"\n}',
        'include "A negative pregnancy test"',
      ],
    );
  });

  it('reads "one of the following histologies" as alternatives', function () {
    check(
      ['Inclusion Criteria:', '', '* One of the following histologies:', '  * Adenocarcinoma', '  * Squamous cell carcinoma'],
      ['include any "One of the following histologies" {\n  "Adenocarcinoma"\n  "Squamous cell carcinoma"\n}'],
    );
  });

  it('keeps an item with an exception among its sub-items whole, as text', function () {
    check(
      ['Exclusion Criteria:', '', '* Other malignancy, except for:', '  * basal cell carcinoma', '  * carcinoma in situ of the cervix'],
      ['exclude "Other malignancy, except for: basal cell carcinoma; carcinoma in situ of the cervix"'],
    );
    check(
      ['Exclusion Criteria:', '', '* Active hepatitis B', '  * Patients with HBV DNA < 500 IU/mL are eligible'],
      ['exclude "Active hepatitis B: Patients with HBV DNA < 500 IU/mL are eligible"'],
    );
  });

  it('keeps sub-items whole when the lead counts them, or is a condition, or does not say how they combine', function () {
    check(['Inclusion Criteria:', '', '* Two of the following:', '  * fever', '  * cough'], ['include "Two of the following: fever; cough"']);
    check(['Inclusion Criteria:', '', '* None of the following:', '  * fever', '  * cough'], ['include "None of the following: fever; cough"']);
    check(
      ['Inclusion Criteria:', '', '* For patients with liver metastases:', '  * ALT ≤ 5 x ULN'],
      ['include "For patients with liver metastases: ALT ≤ 5 x ULN"'],
    );
    check(
      ['Inclusion Criteria:', '', '* Histologically confirmed diagnosis of:', '  * AML', '  * MDS'],
      ['include "Histologically confirmed diagnosis of: AML; MDS"'],
    );
  });

  it('keeps sub-items whole when text follows them, the lead is a negation, or they are joined against the lead', function () {
    check(
      ['Inclusion Criteria:', '', '1. Adequate organ function:', '', '   * Platelets ≥ 100 x 10^9/L', '', '   Values within 7 days of enrollment.'],
      ['include "Adequate organ function: Platelets ≥ 100 x 10^9/L Values within 7 days of enrollment"'],
    );
    check(
      [
        'Exclusion Criteria:',
        '',
        '1. No laboratory evidence of pancreatitis, including:',
        '',
        '   1. Serum lipase must be <2 times the ULN, and',
        '   2. Serum amylase must be <2 times the ULN',
      ],
      ['exclude "No laboratory evidence of pancreatitis, including: Serum lipase must be <2 times the ULN, and; Serum amylase must be <2 times the ULN"'],
    );
    check(
      ['Inclusion Criteria:', '', '* Adequate marrow function:', '  * Platelets ≥ 100 x 10^9/L or', '  * Hemoglobin ≥ 9 g/dL'],
      ['include "Adequate marrow function: Platelets ≥ 100 x 10^9/L or; Hemoglobin ≥ 9 g/dL"'],
    );
  });

  it('reads how sub-items combine from the lead’s own words about them, not from words elsewhere in it (near misses)', function () {
    // "at least one treatment" says nothing of the sub-items; a definition may count them (Rome III: two or more).
    check(
      ['Inclusion Criteria:', '', '* CMML that relapsed after at least one treatment:', '  * blasts < 20%', '  * monocytes above 1 x 10^9/L'],
      ['include "CMML that relapsed after at least one treatment: blasts < 20%; monocytes above 1 x 10^9/L"'],
    );
    check(
      [
        'Inclusion Criteria:',
        '',
        '* Functional constipation defined by Rome III criteria as follows:',
        '  * fewer than three bowel movements a week',
        '  * straining',
      ],
      ['include "Functional constipation defined by Rome III criteria as follows: fewer than three bowel movements a week; straining"'],
    );
  });

  it('groups sub-items that list requirements, or that are all limits, as the side combines them', function () {
    check(
      ['Inclusion Criteria:', '', '* Adequate organ function:', '  * Platelets ≥ 100 x 10^9/L', '  * Signed consent'],
      ['include all "Adequate organ function" {\n  platelets >= 100 x10^9/L "Platelets ≥ 100 x 10^9/L"\n  "Signed consent"\n}'],
    );
    check(
      ['Inclusion Criteria:', '', '* Bone marrow', '  * Platelets ≥ 100 x 10^9/L', '  * Hemoglobin ≥ 9 g/dL'],
      ['include all "Bone marrow" {\n  platelets >= 100 x10^9/L "Platelets ≥ 100 x 10^9/L"\n  hemoglobin >= 9 g/dL "Hemoglobin ≥ 9 g/dL"\n}'],
    );
  });

  it('keeps a childless "one of the following:" and the items written after it as text: they may be its sub-items', function () {
    check(
      ['Inclusion Criteria:', '', '* One of the following:', '* ECOG 0-1', '* Karnofsky ≥ 70', '', '* Signed consent'],
      ['include "One of the following:"', 'include "ECOG 0-1"', 'include "Karnofsky ≥ 70"', 'include "Signed consent"'],
    );
    // In an exclusion, "any of the following" is what the list says anyway: its items read as they stand.
    check(
      ['Exclusion Criteria:', '', '* Any of the following:', '* ECOG ≥ 3', '* Pregnancy'],
      ['exclude "Any of the following:"', 'exclude ecog 3-5 "ECOG ≥ 3"', 'exclude "Pregnancy"'],
    );
  });

  it('reads a trailing conjunction the side combines anyway, and keeps one it does not as text with the item after it', function () {
    check(
      ['Inclusion Criteria:', '', '* ANC ≥1.5×109/L AND', '* Platelets ≥ 100 x 10^9/L'],
      ['include neutrophils >= 1.5 x10^9/L "ANC ≥1.5×109/L"', 'include platelets >= 100 x10^9/L "Platelets ≥ 100 x 10^9/L"'],
    );
    check(
      ['Inclusion Criteria:', '', '* ANC ≥ 1.5 x 10^9/L or', '* Platelets ≥ 100 x 10^9/L'],
      ['include "ANC ≥ 1.5 x 10^9/L or"', 'include "Platelets ≥ 100 x 10^9/L"'],
    );
    check(
      ['Exclusion Criteria:', '', '* ANC < 1.5 x 10^9/L or', '* Platelets < 100 x 10^9/L'],
      ['exclude neutrophils < 1.5 x10^9/L "ANC < 1.5 x 10^9/L"', 'exclude platelets < 100 x10^9/L "Platelets < 100 x 10^9/L"'],
    );
  });

  it('keeps an item whose parts are joined by "; or", or give different performance scales, as text', function () {
    check(
      ['Inclusion Criteria:', '', '* ECOG performance status of 0, 1, or 2; or Karnofsky ≥ 60%'],
      ['include "ECOG performance status of 0, 1, or 2; or Karnofsky ≥ 60%"'],
    );
    check(
      ['Inclusion Criteria:', '', '* Lansky or Karnofsky performance status ≥70; ECOG performance status < 2'],
      ['include "Lansky or Karnofsky performance status ≥70; ECOG performance status < 2"'],
    );
  });

  it('continues an item with the lines under it, with or without a blank line', function () {
    check(
      ['Inclusion Criteria:', '', '1. Molecular profiling before inclusion.', '', '   Drug response profiling is recommended.', '2. Signed', 'consent'],
      ['include "Molecular profiling before inclusion. Drug response profiling is recommended"', 'include "Signed consent"'],
    );
  });
});

describe('eligibility prose: computable readings and their near misses', function () {
  it('repairs lost superscripts in counts, and keeps a viral load that may have lost one as text', function () {
    assert.equal(readsAs('ANC ≥1.5×109/L'), 'include neutrophils >= 1.5 x10^9/L');
    assert.equal(readsAs('Platelets ≥ 100 x 109/L'), 'include platelets >= 100 x10^9/L');
    assert.equal(readsAs('PLT≥80×109/L；'), 'include platelets >= 80 x10^9/L');
    assert.equal(readsAs('HBV DNA > 104 copies/mL', 'Exclusion'), undefined);
  });

  it('reads ECOG written as a range, a list or "of 0 or 1", and keeps qualified or gapped values as text', function () {
    assert.equal(readsAs('ECOG of 0 or 1'), 'include ecog 0-1');
    assert.equal(readsAs('Eastern Cooperative Oncology Group (ECOG) performance status of 0, 1, or 2'), 'include ecog 0-2');
    assert.equal(readsAs('ECOG performance status of =< 2'), 'include ecog 0-2');
    assert.equal(readsAs('Has an ECOG performance status of 0 to 2 within 7 days prior to allocation'), 'include ecog 0-2');
    assert.equal(readsAs('ECOG 0 or 2'), undefined);
    assert.equal(readsAs('ECOG not more than 2'), undefined);
    assert.equal(readsAs('ECOG 0-1 (2 if due to disease)'), undefined);
    assert.equal(readsAs('Karnofsky / Lansky score ≥ 50%'), undefined);
    assert.equal(readsAs('Patients without ECOG 0-1'), undefined);
  });

  it('reads a creatinine-or-clearance pair as alternatives, and keeps pairs that do not both read as text', function () {
    assert.equal(
      readsAs('Serum creatinine ≤ 1.5 × ULN or creatinine clearance ≥ 60 mL/min'),
      'include any {\n  creatinine <= 1.5 x ULN\n  creatinine_clearance >= 60 mL/min\n}',
    );
    assert.equal(readsAs('Total bilirubin ≤ 1.5 × ULN or ≤ 3 × ULN for Gilbert syndrome'), undefined);
    assert.equal(readsAs('Creatinine clearance ≥ 60 mL/min or creatinine ≤ 1.5 mg/dL (if clearance is not available)'), undefined);
    assert.equal(readsAs('ALT or AST ≤ 3 × ULN'), undefined);
    // Creatinine and clearance given side by side may be alternatives, however they are separated.
    assert.equal(readsAs('Serum creatinine≤1.25ULN; Endogenous creatinine clearance rate>45 ml/min'), undefined);
    assert.equal(readsAs('serum creatinine ≤ 1.5 ULN, creatinine clearance ≥ 60 ml/min'), undefined);
  });

  it('reads ages with their unit, as limits or a range, and keeps ages that say more as text', function () {
    assert.equal(readsAs('Age ≥ 18 years'), 'include age >= 18 years');
    assert.equal(readsAs('Age≥18 years old'), 'include age >= 18 years');
    assert.equal(readsAs('Males and females age ≥ 18 years'), 'include age >= 18 years');
    assert.equal(readsAs('Age 18-75 years'), 'include all {\n  age >= 18 years\n  age <= 75 years\n}');
    assert.equal(readsAs('Male or female, aged 1-70 years'), 'include all {\n  age >= 1 years\n  age <= 70 years\n}');
    assert.equal(readsAs('Adults ≥18 and < 65 years of age'), 'include all {\n  age >= 18 years\n  age < 65 years\n}');
    assert.equal(readsAs('Age ≥ 18 years at the time of first diagnosis'), undefined);
    assert.equal(readsAs('Age ≥ 60'), undefined);
    assert.equal(readsAs('Age 18-75 years', 'Exclusion'), undefined);
    assert.equal(readsAs('Age 75-18 years'), undefined);
    assert.equal(readsAs('Adult arm: aged 12 to 17 years old'), undefined);
  });

  it('reads thousands in counts per volume and decimal commas, and keeps a comma that may be either as text', function () {
    assert.equal(readsAs('Absolute neutrophil count ≥ 1,500/µL'), 'include neutrophils >= 1500 /uL');
    assert.equal(readsAs('Hemoglobin value < 9,0 g/dl', 'Exclusion'), 'exclude hemoglobin < 9.0 g/dL');
    assert.equal(readsAs('Hemoglobin ≥ 9,000 g/dL'), undefined);
  });

  it('reads comparison signs as registries spell them', function () {
    assert.equal(readsAs('Bilirubin =< 2.5 mg/dL'), 'include bilirubin <= 2.5 mg/dL');
    assert.equal(readsAs('Creatinine >/= 2 mg/dL'), 'include creatinine >= 2 mg/dL');
    assert.equal(readsAs('LVEF > or = 45%'), 'include lvef >= 45 %');
  });

  it('keeps when and how a value is measured in the note, and a remark that restricts it as text', function () {
    assert.equal(readsAs('Platelets ≥ 100 x 10^9/L within 14 days prior to enrollment'), 'include platelets >= 100 x10^9/L');
    assert.equal(readsAs('LVEF ≥ 50% by echocardiogram or MUGA'), 'include lvef >= 50 %');
    assert.equal(readsAs('HBV DNA > 10^4 copies/mL (after antiviral therapy)', 'Exclusion'), 'exclude hbv_dna > 10^4 copies/mL');
    assert.equal(readsAs('QTcF > 450 msec (males)', 'Exclusion'), undefined);
    assert.equal(readsAs('QTcF > 450 msec', 'Exclusion'), 'exclude qtc > 450 ms');
  });

  it('gives every computable criterion the sentence it was read from as its note', function () {
    const reading = readEligibilityText('Inclusion Criteria:\n\n* Adequate organ function: ANC ≥ 1500/mm3; platelets ≥ 100 x 10⁹/L');
    const notes = leaves(reading.inclusion).map((criterion) => criterion.note);
    assert.deepEqual(notes, ['ANC ≥ 1500/mm3', 'platelets ≥ 100 x 10⁹/L']);
  });
});
