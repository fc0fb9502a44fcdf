import * as assert from 'node:assert/strict';
import { ANALYTES } from '../../server/src/knowledge/analytes';
import { DRUG_CLASS_TAGS, DRUGS, weeklyDose, type Drug, type LabelledDose } from '../../server/src/knowledge/drugs';
import { findDrug } from '../../server/src/knowledge/index';
import { Route } from '../../server/src/model/schema';
import { resolveUnit } from '../../server/src/model/units';
import { createProtocolService } from '../../server/src/service';

/** Every entry of a row that bears a number, with a name for messages. */
function numberBearing(drug: Drug): { what: string; source: string }[] {
  return [
    ...drug.doses.map((dose, i) => ({ what: `doses[${i}]`, source: dose.source })),
    ...(drug.hardMax ? [{ what: 'hardMax', source: drug.hardMax.source }] : []),
    ...drug.rules.map((rule, i) => ({ what: `rules[${i}]`, source: rule.source })),
    ...(drug.requires ?? []).map((r, i) => ({ what: `requires[${i}]`, source: r.source })),
    ...(drug.courseLimits ?? []).map((c, i) => ({ what: `courseLimits[${i}]`, source: c.source })),
    ...(drug.infusion ? [{ what: 'infusion', source: drug.infusion.source }] : []),
    ...(drug.lifetimeMax ? [{ what: 'lifetimeMax', source: drug.lifetimeMax.source }] : []),
    ...(drug.perCycleMax ? [{ what: 'perCycleMax', source: drug.perCycleMax.source }] : []),
    ...(drug.calvert ? [{ what: 'calvert', source: drug.calvert.source }] : []),
    ...(drug.forbiddenRoutes ?? []).map((f, i) => ({ what: `forbiddenRoutes[${i}]`, source: f.source })),
    ...(drug.premedication ? [{ what: 'premedication', source: drug.premedication.source }] : []),
  ];
}

function namesOf(drug: Drug): string[] {
  return [drug.id, ...drug.synonyms, ...drug.brands, ...drug.codes];
}

/** As the lookups in knowledge/index.ts fold a name. */
function folded(name: string): string {
  return name.toLowerCase().replace(/[\s-]+/g, '_');
}

describe('knowledge: the drug table', () => {
  it('holds at least 120 drugs', () => {
    assert.ok(DRUGS.length >= 120, `${DRUGS.length} drugs`);
  });

  it('names each row by a lower-case generic id', () => {
    for (const drug of DRUGS) assert.match(drug.id, /^[a-z][a-z0-9_]*$/, drug.id);
  });

  it('gives every row a source, and every number-bearing entry its own', () => {
    for (const drug of DRUGS) {
      assert.ok(drug.source.trim().length > 0, `${drug.id}: source`);
      for (const entry of numberBearing(drug)) assert.ok(entry.source.trim().length > 0, `${drug.id}: ${entry.what} has no source`);
    }
  });

  it('gives every rule, limit and requirement a text', () => {
    for (const drug of DRUGS) {
      const texts = [
        ...(drug.requires ?? []),
        ...(drug.courseLimits ?? []),
        ...(drug.forbiddenRoutes ?? []),
        ...[drug.infusion, drug.lifetimeMax, drug.perCycleMax, drug.calvert, drug.premedication].filter((entry) => entry !== undefined),
      ].map((entry) => entry.text);
      for (const text of texts) assert.ok(text.trim().length > 0, `${drug.id}: empty text`);
    }
  });

  it('uses only the routes of the model', () => {
    const routes = new Set<string>(Route.options);
    for (const drug of DRUGS) {
      for (const route of drug.routes) assert.ok(routes.has(route), `${drug.id}: route ${route}`);
      for (const forbidden of drug.forbiddenRoutes ?? []) assert.ok(routes.has(forbidden.route), `${drug.id}: forbidden route ${forbidden.route}`);
    }
  });

  it('does not list a forbidden route among the routes', () => {
    for (const drug of DRUGS) for (const forbidden of drug.forbiddenRoutes ?? []) assert.ok(!drug.routes.includes(forbidden.route), drug.id);
  });

  it('names only analytes the analyte table knows in requirements', () => {
    const ids = new Set(ANALYTES.map((analyte) => analyte.id));
    for (const drug of DRUGS) {
      for (const requirement of drug.requires ?? []) {
        assert.ok(ids.has(requirement.analyte), `${drug.id}: ${requirement.analyte}`);
        if (requirement.when) assert.ok(ids.has(requirement.when.analyte), `${drug.id}: ${requirement.when.analyte}`);
      }
    }
  });

  it('gives each requirement either a UCUM unit or a multiple of the ULN/LLN', () => {
    for (const drug of DRUGS) {
      for (const requirement of drug.requires ?? []) {
        for (const condition of [requirement, ...(requirement.when ? [requirement.when] : [])]) {
          assert.ok((condition.unit === undefined) !== (condition.multipleOf === undefined), `${drug.id}: ${condition.analyte} needs a unit or a multiple`);
          if (condition.unit) assert.ok(resolveUnit(condition.unit).ucum, `${drug.id}: ${condition.unit}`);
          assert.ok(condition.value > 0, `${drug.id}: ${condition.analyte}`);
        }
      }
    }
  });

  it('writes cumulative and per-cycle limits in UCUM units', () => {
    for (const drug of DRUGS) {
      for (const limit of [drug.lifetimeMax, drug.perCycleMax]) {
        if (!limit) continue;
        assert.ok(resolveUnit(limit.unit).ucum, `${drug.id}: ${limit.unit}`);
        assert.ok(limit.value > 0, drug.id);
      }
    }
  });

  it('keeps every name unique across rows, as the lookups fold them', () => {
    const owner = new Map<string, string>();
    for (const drug of DRUGS) {
      for (const name of new Set(namesOf(drug).map(folded))) {
        const earlier = owner.get(name);
        assert.ok(earlier === undefined, `'${name}' names both ${earlier} and ${drug.id}`);
        owner.set(name, drug.id);
      }
    }
  });

  it('finds every row by each of its names', () => {
    for (const drug of DRUGS) for (const name of namesOf(drug)) assert.equal(findDrug(name)?.id, drug.id, name);
  });

  it('keeps every range in order and every number positive', () => {
    for (const drug of DRUGS) {
      for (const dose of drug.doses) {
        assert.ok(0 < dose.min && dose.min <= dose.max, `${drug.id}: ${dose.min}-${dose.max}`);
        const infusion = dose.infusionMinutes;
        if (infusion?.min !== undefined && infusion.max !== undefined) assert.ok(infusion.min <= infusion.max, `${drug.id}: infusion`);
      }
      if (drug.infusion?.minMinutes !== undefined && drug.infusion.maxMinutes !== undefined)
        assert.ok(drug.infusion.minMinutes <= drug.infusion.maxMinutes, drug.id);
      if (drug.infusion) assert.ok(drug.infusion.minMinutes !== undefined || drug.infusion.maxMinutes !== undefined, `${drug.id}: infusion without minutes`);
      for (const rule of drug.rules) {
        if (rule.kind === 'renal' && rule.crclFrom !== undefined && rule.crclBelow !== undefined) assert.ok(rule.crclFrom < rule.crclBelow, drug.id);
        if (rule.kind === 'renal' && rule.doseFraction !== undefined) assert.ok(0 < rule.doseFraction && rule.doseFraction < 1, drug.id);
      }
      for (const limit of drug.courseLimits ?? [])
        assert.ok(
          limit.maxMonths !== undefined || limit.maxAdministrations !== undefined || limit.maxCycles !== undefined || limit.maxDays !== undefined,
          `${drug.id}: course limit without a number`,
        );
      if (drug.hardMax) {
        const labelledMax = Math.max(0, ...drug.doses.filter((dose) => !dose.basis || dose.basis === drug.basis).map((dose) => dose.max));
        assert.ok(drug.hardMax.value >= labelledMax, `${drug.id}: hardMax below a labelled dose`);
      }
    }
  });

  it('keeps regimens internally consistent', () => {
    for (const drug of DRUGS) {
      for (const dose of drug.doses) {
        const regimen = dose.regimen;
        if (!regimen) continue;
        const where = `${drug.id}: ${dose.schedule}`;
        assert.ok(regimen.cycleDays !== undefined || regimen.intervalDays !== undefined, `${where}: a cycle or an interval`);
        assert.ok(regimen.cycleDays === undefined || regimen.intervalDays === undefined, `${where}: not both a cycle and an interval`);
        for (const value of [regimen.cycleDays, regimen.intervalDays, regimen.perDay, regimen.continuousDays])
          assert.ok(value === undefined || (Number.isInteger(value) && value > 0), where);
        if (regimen.days) {
          assert.ok(regimen.cycleDays !== undefined, `${where}: days need a cycle`);
          assert.ok(regimen.days.length > 0, where);
          for (const [i, day] of regimen.days.entries()) {
            assert.ok(Number.isInteger(day) && 1 <= day && day <= regimen.cycleDays!, `${where}: day ${day}`);
            if (i > 0) assert.ok(regimen.days[i - 1] < day, `${where}: days in order`);
          }
        }
        if (regimen.continuousDays !== undefined) {
          assert.ok(regimen.cycleDays !== undefined && regimen.continuousDays <= regimen.cycleDays, `${where}: continuous days within the cycle`);
          assert.ok(regimen.days === undefined, `${where}: days or continuous days, not both`);
        }
        if (regimen.cycleDays !== undefined)
          assert.ok(regimen.days !== undefined || regimen.continuousDays !== undefined, `${where}: a cycle needs its dosing days`);
      }
    }
  });

  it('tags classes from the list', () => {
    const tags = new Set<string>(DRUG_CLASS_TAGS);
    for (const drug of DRUGS) for (const tag of drug.classes ?? []) assert.ok(tags.has(tag), `${drug.id}: ${tag}`);
  });

  it('knows placebo as a drug without doses', () => {
    const placebo = findDrug('placebo');
    assert.ok(placebo);
    assert.deepEqual(placebo.doses, []);
  });
});

describe('knowledge: dose per week', () => {
  function labelled(drugId: string, match: (dose: LabelledDose) => boolean): LabelledDose {
    const dose = findDrug(drugId)?.doses.find(match);
    assert.ok(dose, drugId);
    return dose;
  }

  it('computes docetaxel 75 mg/m2 every 21 days as 25 mg/m2 a week', () => {
    assert.equal(weeklyDose(labelled('docetaxel', (dose) => dose.max === 75 && dose.regimen?.cycleDays === 21)), 25);
  });

  it('computes irinotecan 125 mg/m2 on days 1, 8, 15, 22 of 42 as 500/6 mg/m2 a week', () => {
    const dose = labelled('irinotecan', (d) => d.max === 125);
    assert.ok(Math.abs(weeklyDose(dose)! - 500 / 6) < 1e-9);
  });

  it('computes capecitabine 1250 mg/m2 twice daily on days 1-14 of 21', () => {
    const dose = labelled('capecitabine', (d) => d.max === 1250 && d.regimen?.continuousDays === 14);
    assert.ok(Math.abs(weeklyDose(dose)! - (1250 * 2 * 14 * 7) / 21) < 1e-9);
  });

  it('says nothing where the regimen is not given', () => {
    assert.equal(weeklyDose({ min: 1, max: 1, schedule: '', indication: '', source: 'x' }), undefined);
  });
});

describe('knowledge: labelled doses on another basis', () => {
  it('keeps nivolumab flat, with 3 mg/kg as a weight-based labelled dose', () => {
    const nivolumab = findDrug('nivolumab')!;
    assert.equal(nivolumab.basis, 'flat');
    assert.ok(nivolumab.doses.some((dose) => dose.basis === 'weight' && dose.max === 3));
  });
});

describe('knowledge: the dose checks read the new rows', () => {
  const service = createProtocolService();
  const codes = (text: string) => service.analyze(text).diagnostics.map((d) => d.code);

  it('accepts a weight-based labelled dose of a flat-dosed antibody', () => {
    const found = codes('arm a "A" other { nivolumab 3 mg/kg q3w }');
    assert.ok(!found.includes('TPL210') && !found.includes('TPL220') && !found.includes('TPL221'), found.join(', '));
  });

  it('still flags a weight-based dose above the labelled weight-based doses', () => {
    // The labelled weight-based doses go up to 6 mg/kg (every 4 weeks, pediatric melanoma under 40 kg).
    assert.ok(codes('arm a "A" other { nivolumab 8 mg/kg q3w }').includes('TPL220'));
  });

  it('knows placebo and checks no dose of it', () => {
    const found = codes('arm a "A" placebo_comparator { placebo 100 mg/m2 day 1 }');
    assert.deepEqual(
      found.filter((code) => /^TPL2[0-2]/.test(code)),
      [],
    );
  });

  it('accepts high-dose cytarabine and transplant melphalan as labelled or published doses', () => {
    for (const line of ['cytarabine 3000 mg/m2 q12h', 'melphalan 200 mg/m2 day 1']) {
      const found = codes(`arm a "A" other { ${line} }`);
      assert.ok(!found.includes('TPL221') && !found.includes('TPL220'), `${line}: ${found.join(', ')}`);
    }
  });
});
