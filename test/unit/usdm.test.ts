/**
 * CDISC USDM v4.0.0 export: every sample and every ClinicalTrials.gov corpus record (imported,
 * then analysed) exports a document that validates against CDISC's API schema (`Wrapper-Input`),
 * the UML's classes and cardinalities, and the CORE conformance rules that apply to what the
 * export writes, each rule its own test; ids are unique and every reference resolves; the codes
 * are the terminology files'; the facts of the main sample land where docs/usdm.md says.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dosesOf } from '../../server/src/model/walk';
import { createProtocolService } from '../../server/src/service';
import { fromCtgov } from '../../server/src/summary/import';
import { doseImplication } from '../../server/src/summary/summary';
import { exportUsdm, EXTENSION_URL, type UsdmWrapper } from '../../server/src/summary/usdm';
import { administrationsOf } from '../../server/src/summary/usdm-schedule';
import { LANGUAGE_CODE_SYSTEM, LANGUAGE_VERSION, TERMS, UCUM_CODE_SYSTEM_VERSION, type CdiscTerm } from '../../server/src/summary/usdm-terms';
import { SAMPLE_FILES } from './documents';
import { CORPUS_DIR, USDM_DIR, idProblems, objectsOf, schemaProblems, umlProblems, usdmFilesPresent } from './usdm-check';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLES = SAMPLE_FILES;
const service = createProtocolService();

type Doc = Record<string, unknown>;
type Obj = Record<string, unknown>;

function analyzed(text: string) {
  return service.analyze(text).protocol;
}

/** The documents every check runs over: the samples, then the corpus records as `trial import` writes them. */
function documents(): { name: string; document: UsdmWrapper }[] {
  const samples = SAMPLES.map((file) => ({ name: file, document: exportUsdm(analyzed(readFileSync(join(ROOT, file), 'utf8'))) }));
  const records = corpusFiles().map((file) => ({
    name: file,
    document: exportUsdm(analyzed(fromCtgov(JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8'))).text)),
  }));
  return [...samples, ...records];
}

function corpusFiles(): string[] {
  try {
    return readdirSync(CORPUS_DIR)
      .filter((file) => file.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

let cache: { name: string; document: UsdmWrapper }[] | undefined;
function all(): { name: string; document: UsdmWrapper }[] {
  return (cache ??= documents());
}

function design(document: UsdmWrapper): Obj {
  return ((document.study.versions as Obj[])[0].studyDesigns as Obj[])[0];
}

function version(document: UsdmWrapper): Obj {
  return (document.study.versions as Obj[])[0];
}

/** The CORE rules the export says it cannot meet from what the protocol states. */
function declaredUnmet(document: UsdmWrapper): Set<string> {
  const notes = (document.study.extensionAttributes ?? []) as Obj[];
  return new Set(notes.filter((note) => note.url === `${EXTENSION_URL}conformance`).map((note) => String(note.valueString).split(':')[0]));
}

function code(value: unknown): string | undefined {
  return (value as Obj | undefined)?.code as string | undefined;
}

function list(value: unknown): Obj[] {
  return (value ?? []) as Obj[];
}

/** A tiny CSV reader: quoted fields with doubled quotes and line breaks. */
function readCsv(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

// -----------------------------------------------------------------------------------------------

describe('USDM export', function () {
  before(function () {
    if (!usdmFilesPresent()) {
      // The checks need CDISC's files; every machine of the project has them in shared/usdm.
      if (process.env.CI) throw new Error(`CDISC's USDM files are missing from ${USDM_DIR}`);
      console.warn(`\n  !! CDISC's USDM files are missing from ${USDM_DIR}: the USDM export is not checked\n`);
      this.skip();
    }
  });

  describe('validity', function () {
    for (const file of SAMPLES) {
      it(`the export of ${file} validates against Wrapper-Input, the UML and its ids`, function () {
        const document = all().find((entry) => entry.name === file)!.document;
        assert.deepEqual(schemaProblems(document), []);
        assert.deepEqual(umlProblems(document), []);
        assert.deepEqual(idProblems(document), []);
      });
    }

    it('every ClinicalTrials.gov corpus record, imported and analysed, exports valid against Wrapper-Input, the UML and its ids', function () {
      const files = corpusFiles();
      if (files.length === 0) {
        if (process.env.CI) throw new Error(`the corpus is missing from ${CORPUS_DIR}`);
        this.skip();
      }
      assert.equal(files.length, 120, 'the corpus holds 120 records');
      const failures = all()
        .filter((entry) => files.includes(entry.name))
        .flatMap(({ name, document }) =>
          [...schemaProblems(document), ...umlProblems(document), ...idProblems(document)].slice(0, 3).map((problem) => `${name}: ${problem}`),
        );
      assert.deepEqual(failures, []);
    });

    it('the checks catch what they are for: a missing required attribute, an unknown attribute, a dangling reference, a repeated id', function () {
      const document = JSON.parse(JSON.stringify(all()[0].document)) as Doc;
      const theDesign = design(document as unknown as UsdmWrapper);
      delete theDesign.rationale;
      (theDesign.arms as Obj[])[0].colour = 'blue';
      (theDesign.studyCells as Obj[])[0].armId = 'StudyArm_999';
      (theDesign.epochs as Obj[])[1].id = (theDesign.epochs as Obj[])[0].id;
      assert.ok(schemaProblems(document).some((problem) => problem.includes('rationale')));
      const uml = umlProblems(document);
      assert.ok(uml.some((problem) => problem.includes('rationale: required')));
      assert.ok(uml.some((problem) => problem.includes('has no attribute colour')));
      const ids = idProblems(document);
      assert.ok(ids.some((problem) => problem.includes('StudyArm_999 names no object')));
      assert.ok(ids.some((problem) => problem.includes('is also the id of')));
    });

    it('a protocol that lacks what USDM requires still passes the API schema, and says what the UML misses', function () {
      const document = exportUsdm(analyzed('arm a "A" experimental { x 5 mg PO once }\n'));
      assert.deepEqual(schemaProblems(document), []);
      assert.deepEqual(idProblems(document), []);
      assert.deepEqual(umlProblems(document).sort(), [
        'study.versions[0].studyDesigns[0].eligibilityCriteria: at least one value required',
        'study.versions[0].studyIdentifiers: at least one value required',
      ]);
      assert.ok(declaredUnmet(document).has('UML StudyVersion.studyIdentifiers 1..*'));
      assert.ok(declaredUnmet(document).has('UML StudyDesign.eligibilityCriteria 1..*'));
    });

    it('the same protocol always gives the same document, with a UUID for the study', function () {
      const text = readFileSync(join(ROOT, SAMPLES[0]), 'utf8');
      assert.deepEqual(exportUsdm(analyzed(text)), exportUsdm(analyzed(text)));
      assert.match(all()[0].document.study.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  // ---- CORE rules (USDM_CORE_Rules.csv), each over every document ----------------------------

  describe('CORE conformance rules', function () {
    /** A rule, its text as the CSV gives it, and the problems of one document against it. */
    interface Rule {
      readonly id: string;
      /** The export may say instead that the protocol does not give what the rule needs. */
      readonly mayBeDeclared?: boolean;
      check(document: UsdmWrapper): string[];
    }

    const administrations = (document: UsdmWrapper) => objectsOf(document, 'Administration');
    const byLevel = (items: Obj[], level: string) => items.filter((item) => code(item.level) === level);

    const RULES: Rule[] = [
      {
        id: 'DDF00178',
        mayBeDeclared: true,
        check: (document) => administrations(document).flatMap((a) => (a.dose && !a.frequency ? [`${String(a.name)} has a dose and no frequency`] : [])),
      },
      {
        id: 'DDF00177',
        mayBeDeclared: true,
        check: (document) =>
          administrations(document).flatMap((a) =>
            Boolean(a.dose) !== Boolean(a.route) ? [`${String(a.name)}: dose without route or route without dose`] : [],
          ),
      },
      {
        id: 'DDF00243',
        check: (document) => {
          const d = design(document);
          const cells = list(d.studyCells);
          return list(d.arms).flatMap((arm) =>
            list(d.epochs).flatMap((epoch) =>
              cells.some((cell) => cell.armId === arm.id && cell.epochId === epoch.id) ? [] : [`no cell for ${String(arm.id)} x ${String(epoch.id)}`],
            ),
          );
        },
      },
      {
        id: 'DDF00069',
        check: (document) => {
          const seen = new Set<string>();
          return list(design(document).studyCells).flatMap((cell) => {
            const key = `${String(cell.armId)} x ${String(cell.epochId)}`;
            if (seen.has(key)) return [`two cells for ${key}`];
            seen.add(key);
            return [];
          });
        },
      },
      {
        id: 'DDF00084',
        mayBeDeclared: true,
        check: (document) => {
          const primaries = byLevel(list(design(document).objectives), 'C85826').length;
          return primaries === 1 ? [] : [`${primaries} primary objectives`];
        },
      },
      {
        id: 'DDF00041',
        mayBeDeclared: true,
        check: (document) => (byLevel(objectsOf(design(document), 'Endpoint'), 'C94496').length > 0 ? [] : ['no primary endpoint']),
      },
      {
        id: 'DDF00158',
        check: (document) => {
          const d = design(document);
          const used = new Set([
            ...((d.population as Obj).criterionIds as string[]),
            ...list((d.population as Obj).cohorts).flatMap((cohort) => (cohort.criterionIds ?? []) as string[]),
          ]);
          return list(d.eligibilityCriteria).flatMap((criterion) => (used.has(criterion.id as string) ? [] : [`${String(criterion.id)} is in no population`]));
        },
      },
      {
        id: 'DDF00248',
        check: (document) => {
          const seen = new Set<string>();
          return list(design(document).eligibilityCriteria).flatMap((criterion) => {
            const item = criterion.criterionItemId as string;
            if (seen.has(item)) return [`${item} used twice`];
            seen.add(item);
            return [];
          });
        },
      },
      {
        id: 'DDF00260',
        check: (document) => idProblemsWithSpaces(document),
      },
      {
        id: 'DDF00010',
        check: (document) => siblingNameClashes(document),
      },
      {
        id: 'DDF00012',
        check: (document) => {
          const main = list(design(document).scheduleTimelines).filter((timeline) => timeline.mainTimeline === true).length;
          return main === 1 ? [] : [`${main} main timelines`];
        },
      },
      {
        id: 'DDF00009',
        check: (document) =>
          list(design(document).scheduleTimelines).flatMap((timeline) => {
            const instances = new Set(list(timeline.instances).map((instance) => instance.id));
            const anchored = list(timeline.timings).some((timing) => code(timing.type) === 'C201358' && instances.has(timing.relativeFromScheduledInstanceId));
            return anchored ? [] : [`${String(timeline.name)} has no anchor`];
          }),
      },
      {
        id: 'DDF00008',
        check: (document) =>
          objectsOf(document, 'ScheduledActivityInstance').flatMap((instance) =>
            Boolean(instance.defaultConditionId) === Boolean(instance.timelineExitId) ? [`${String(instance.id)}: default condition and exit, or neither`] : [],
          ),
      },
      {
        id: 'DDF00037',
        check: (document) =>
          list(design(document).scheduleTimelines).flatMap((timeline) => {
            const exits = new Set(list(timeline.exits).map((exit) => exit.id));
            return list(timeline.instances).some((instance) => exits.has(instance.timelineExitId)) ? [] : [`${String(timeline.name)}: no instance leaves it`];
          }),
      },
      {
        id: 'DDF00108',
        check: (document) =>
          list(design(document).scheduleTimelines).flatMap((timeline) => (list(timeline.exits).length ? [] : [`${String(timeline.name)} has no exit`])),
      },
      {
        id: 'DDF00060',
        check: (document) =>
          objectsOf(document, 'Timing').flatMap((timing) =>
            /^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/.test(String(timing.value)) && timing.value !== 'P' ? [] : [`${String(timing.value)} is not a duration`],
          ),
      },
      {
        id: 'DDF00031',
        check: (document) =>
          objectsOf(document, 'Timing').flatMap((timing) =>
            code(timing.type) !== 'C201358' &&
            (!timing.relativeToScheduledInstanceId || timing.relativeToScheduledInstanceId === timing.relativeFromScheduledInstanceId)
              ? [`${String(timing.id)} is not relative to another instance`]
              : [],
          ),
      },
      {
        id: 'DDF00007',
        check: (document) =>
          objectsOf(document, 'Timing').flatMap((timing) =>
            code(timing.type) === 'C201358' &&
            timing.relativeToScheduledInstanceId &&
            timing.relativeToScheduledInstanceId !== timing.relativeFromScheduledInstanceId
              ? [`${String(timing.id)}: an anchor pointing at two instances`]
              : [],
          ),
      },
      {
        id: 'DDF00036',
        check: (document) =>
          objectsOf(document, 'Timing').flatMap((timing) =>
            code(timing.type) === 'C201358' && code(timing.relativeToFrom) !== 'C201355' ? [`${String(timing.id)}: an anchor not start to start`] : [],
          ),
      },
      {
        id: 'DDF00046',
        check: (document) =>
          list(design(document).scheduleTimelines).flatMap((timeline) => {
            const instances = new Set(list(timeline.instances).map((instance) => instance.id));
            return list(timeline.timings).flatMap((timing) =>
              [timing.relativeFromScheduledInstanceId, timing.relativeToScheduledInstanceId]
                .filter((id) => id && !instances.has(id))
                .map((id) => `${String(timing.id)} refers to ${String(id)} of another timeline`),
            );
          }),
      },
      {
        id: 'DDF00023',
        check: (document) =>
          ['epochs', 'eligibilityCriteria'].flatMap((attribute) => {
            const items = list(design(document)[attribute]);
            const byId = new Map(items.map((item) => [item.id, item]));
            return items.flatMap((item) =>
              item.previousId && byId.get(item.previousId)?.nextId !== item.id ? [`${String(item.id)}: previous and next disagree`] : [],
            );
          }),
      },
      {
        id: 'DDF00185',
        check: (document) =>
          administrations(document).flatMap((a) =>
            Boolean(a.dose) !== Boolean(a.administrableProductId) ? [`${String(a.name)}: dose without product or product without dose`] : [],
          ),
      },
      {
        id: 'DDF00033',
        check: (document) =>
          objectsOf(document, 'Duration').flatMap((duration) =>
            duration.text || duration.quantity ? [] : [`${String(duration.id)} has neither text nor quantity`],
          ),
      },
      {
        id: 'DDF00034',
        check: (document) =>
          objectsOf(document, 'Duration').flatMap((duration) =>
            Boolean(duration.durationWillVary) !== Boolean(duration.reasonDurationWillVary)
              ? [`${String(duration.id)}: will vary without reason, or reason without`]
              : [],
          ),
      },
      {
        id: 'DDF00188',
        check: (document) => {
          const sexes = list((design(document).population as Obj).plannedSex)
            .map(code)
            .sort();
          const allowed = [[], ['C16576'], ['C20197'], ['C16576', 'C20197']].map((codes) => codes.join());
          return allowed.includes(sexes.join()) ? [] : [`planned sex ${sexes.join()}`];
        },
      },
      {
        id: 'DDF00234',
        check: (document) =>
          ((design(document).population as Obj).plannedEnrollmentNumber as Obj | undefined)?.unit ? ['a unit on the planned enrollment'] : [],
      },
      {
        id: 'DDF00241',
        check: (document) =>
          objectsOf(document, 'Range').flatMap((range) => {
            // The rule holds where both ends share a unit (or have none): 30 days to 30 years compares nothing.
            const unitOf = (quantity: Obj) => (((quantity.unit as Obj | undefined)?.standardCode as Obj | undefined)?.code as string | undefined) ?? '';
            const [min, max] = [range.minValue as Obj, range.maxValue as Obj];
            if (unitOf(min) !== unitOf(max)) return [];
            return (min.value as number) < (max.value as number) ? [] : [`${String(range.id)}: minimum not below maximum`];
          }),
      },
      {
        id: 'DDF00189',
        check: (document) =>
          objectsOf(document, 'StudyRole').flatMap((role) => {
            const targets = (role.appliesToIds ?? []) as string[];
            const onVersion = targets.includes(version(document).id as string);
            const onDesign = targets.some((id) => id !== version(document).id);
            return onVersion !== onDesign ? [] : [`${String(role.name)} applies to ${onVersion ? 'both' : 'neither'}`];
          }),
      },
      {
        id: 'DDF00201',
        mayBeDeclared: true,
        check: (document) => {
          const sponsors = objectsOf(document, 'StudyRole').filter((role) => code(role.code) === 'C70793');
          return sponsors.length === 1 &&
            (sponsors[0].organizationIds as string[]).length === 1 &&
            (sponsors[0].appliesToIds as string[])[0] === version(document).id
            ? []
            : [`${sponsors.length} sponsor roles`];
        },
      },
      {
        id: 'DDF00172',
        mayBeDeclared: true,
        check: (document) => {
          const sponsor = objectsOf(document, 'StudyRole').find((role) => code(role.code) === 'C70793');
          const organization = (sponsor?.organizationIds as string[] | undefined)?.[0];
          const count = list(version(document).studyIdentifiers).filter((identifier) => organization && identifier.scopeId === organization).length;
          return count === 1 ? [] : [`${count} sponsor study identifiers`];
        },
      },
      {
        id: 'DDF00040',
        check: (document) => {
          const used = new Set(list(design(document).studyCells).flatMap((cell) => cell.elementIds as string[]));
          return list(design(document).elements).flatMap((element) => (used.has(element.id as string) ? [] : [`${String(element.name)} is in no cell`]));
        },
      },
      {
        id: 'DDF00096',
        check: (document) =>
          list(design(document).objectives).flatMap((objective) =>
            code(objective.level) === 'C85826'
              ? []
              : byLevel(list(objective.endpoints), 'C94496').map((endpoint) => `${String(endpoint.name)} is primary under a non-primary objective`),
          ),
      },
      {
        id: 'DDF00100',
        check: (document) => {
          const types = list(version(document).titles).map((title) => code(title.type));
          return types.length === new Set(types).size ? [] : ['two titles of one type'];
        },
      },
      {
        id: 'DDF00115',
        mayBeDeclared: true,
        check: (document) => (list(version(document).titles).some((title) => code(title.type) === 'C207616') ? [] : ['no official title']),
      },
      {
        id: 'DDF00155',
        check: (document) =>
          objectsOf(document, 'Code').flatMap((c) =>
            c.codeSystem === 'http://www.cdisc.org' && !/^\d{4}-\d{2}-\d{2}$/.test(String(c.codeSystemVersion))
              ? [`${String(c.code)}: version ${String(c.codeSystemVersion)}`]
              : [],
          ),
      },
      {
        id: 'DDF00035',
        check: (document) => {
          const decodes = new Map<string, string>();
          return objectsOf(document, 'Code').flatMap((c) => {
            const key = `${String(c.codeSystem)} ${String(c.codeSystemVersion)} ${String(c.code)}`;
            const known = decodes.get(key);
            if (known === undefined) decodes.set(key, String(c.decode));
            return known === undefined || known === c.decode ? [] : [`${key}: '${known}' and '${String(c.decode)}'`];
          });
        },
      },
      {
        id: 'DDF00073',
        check: (document) => {
          const versions = new Map<string, Set<string>>();
          for (const c of objectsOf(document, 'Code'))
            versions.set(String(c.codeSystem), (versions.get(String(c.codeSystem)) ?? new Set()).add(String(c.codeSystemVersion)));
          return [...versions].flatMap(([system, seen]) => (seen.size === 1 ? [] : [`${system}: ${[...seen].join(', ')}`]));
        },
      },
    ];

    const csv = () => readCsv(join(USDM_DIR, 'USDM_CORE_Rules.csv'));

    for (const rule of RULES) {
      it(`${rule.id} holds on every export${rule.mayBeDeclared ? ', or the export says why the protocol cannot meet it' : ''}`, function () {
        const row = csv().find((fields) => fields[6] === rule.id);
        assert.ok(row && row[5] === 'Y', `${rule.id} is a USDM v4 rule of USDM_CORE_Rules.csv`);
        const failures = all().flatMap(({ name, document }) => {
          const problems = rule.check(document);
          if (problems.length === 0)
            return rule.mayBeDeclared && declaredUnmet(document).has(rule.id) ? [`${name}: declares ${rule.id} unmet, yet meets it`] : [];
          if (rule.mayBeDeclared && declaredUnmet(document).has(rule.id)) return [];
          return problems.slice(0, 2).map((problem) => `${name}: ${problem}`);
        });
        assert.deepEqual(failures, [], `${rule.id}: ${row[0]}`);
      });
    }

    it('the samples declare unmet exactly the rules whose facts they lack', function () {
      const [a, b] = all();
      assert.deepEqual([...declaredUnmet(a.document)].sort(), ['DDF00041', 'DDF00084', 'DDF00115']);
      assert.deepEqual([...declaredUnmet(b.document)].sort(), ['DDF00041', 'DDF00084', 'DDF00172', 'DDF00201']);
    });

    it('a protocol with a primary outcome, a sponsor, an official title and routed, timed doses meets every rule outright', function () {
      const document = exportUsdm(
        analyzed(`trial NCT00000001 {
  title "T"
  official_title "Official T"
  org_study_id "T-1"
  sponsor "Acme" industry
}
arm a "A" experimental {
  cycle 21 days x 2 { oxaliplatin 85 mg/m2 IV day 1 }
  capecitabine 1000 mg/m2 PO bid days 1-14
}
eligibility {
  age 18 to 75 years
  include ecog 0-1
}
outcome primary "Overall survival" { time_frame "2 years" }
`),
      );
      assert.deepEqual([...declaredUnmet(document)], []);
      for (const rule of RULES) assert.deepEqual(rule.check(document), [], rule.id);
    });
  });

  // ---- codes -----------------------------------------------------------------------------------

  describe('codes', function () {
    it('every CDISC code comes from the file its row names, with the decode written there', function () {
      const valueSets = readCsv(join(USDM_DIR, 'USDM_CT-value-sets.csv'));
      const example = readFileSync(join(USDM_DIR, 'example-CDISC_Pilot_Study.json'), 'utf8');
      const exampleCodes = objectsOf(JSON.parse(example), 'Code').map((c) => `${String(c.code)}|${String(c.decode)}`);
      for (const [codelist, terms] of Object.entries(TERMS)) {
        const [entity, attribute] = codelist.split('.');
        for (const [word, term] of Object.entries(terms as Record<string, CdiscTerm>)) {
          assert.match(term.code, /^C\d+$/, `${codelist} ${word}: a C-code, not a placeholder`);
          if (term.source === 'ct') {
            const row = valueSets.find(
              (fields) =>
                fields[5] === term.code && fields[6] === term.decode && (fields[1] === entity || fields[1] === 'StudyDesign') && fields[2] === attribute,
            );
            assert.ok(row, `${codelist} ${word}: ${term.code} '${term.decode}' is in USDM_CT-value-sets.csv for ${codelist}`);
          } else {
            assert.ok(exampleCodes.includes(`${term.code}|${term.decode}`), `${codelist} ${word}: ${term.code} '${term.decode}' is in the example study`);
          }
        }
      }
    });

    it("every code in the language's own code system says why it has no CDISC code", function () {
      for (const { name, document } of all().slice(0, 12)) {
        for (const c of objectsOf(document, 'Code').filter((c) => c.codeSystem === LANGUAGE_CODE_SYSTEM)) {
          const urls = list(c.extensionAttributes).map((e) => e.url);
          assert.ok(urls.includes(`${EXTENSION_URL}noCdiscCode`) || urls.includes(`${EXTENSION_URL}notStated`), `${name}: ${String(c.code)} says nothing`);
        }
      }
    });

    it('the versions written are the language’s and the unit validator’s', function () {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(LANGUAGE_VERSION, manifest.version);
      const ucum = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@lhncbc', 'ucum-lhc', 'package.json'), 'utf8')) as { version: string };
      assert.equal(UCUM_CODE_SYSTEM_VERSION, `@lhncbc/ucum-lhc ${ucum.version}`);
    });
  });

  // ---- the facts of NCT04669496 ------------------------------------------------------------------

  describe('the facts of samples/NCT04669496.trial', function () {
    const document = () => all()[0].document;

    it('titles, identifiers, organizations and the sponsor role', function () {
      const v = version(document());
      assert.deepEqual(
        list(v.titles).map((title) => [code(title.type), (title.text as string).slice(0, 30)]),
        [['C207615', 'Phase II-III Clinical Trial of']],
      );
      const organizations = list(v.organizations);
      assert.equal(organizations.length, 28, 'ClinicalTrials.gov, the sponsor and 26 collaborators');
      const byId = new Map(organizations.map((organization) => [organization.id, organization]));
      assert.deepEqual(
        list(v.studyIdentifiers).map((identifier) => [identifier.text, byId.get(identifier.scopeId)?.name]),
        [
          ['NCT04669496', 'ClinicalTrials.gov'],
          ['ZSAB-neoGOLP', 'Shanghai Zhongshan Hospital'],
        ],
      );
      assert.equal(code(byId.get(list(v.studyIdentifiers)[0].scopeId)?.type), 'C93453');
      assert.equal(
        code(organizations.find((o) => o.name === 'Shanghai Public Health Clinical Center')?.type),
        'C199144',
        'other_gov is a government institute',
      );
    });

    it('arms, epochs from the phases, and one cell per arm and epoch', function () {
      const d = design(document());
      assert.equal(d.instanceType, 'InterventionalStudyDesign');
      assert.deepEqual(
        list(d.arms).map((arm) => [arm.name, arm.label]),
        [
          ['neoadjuvant', 'Neoadjuvant treatment'],
          ['traditional', 'Traditional group'],
        ],
      );
      assert.deepEqual(
        list(d.epochs).map((epoch) => [epoch.name, code(epoch.type)]),
        [
          ['Screening', 'C202487'],
          ['Neoadjuvant', 'C101526'],
          ['Surgery', 'C101526'],
          ['Adjuvant', 'C101526'],
        ],
      );
      assert.equal(list(d.studyCells).length, 8);
      const elementOf = (arm: number, epoch: number) => {
        const cell = list(d.studyCells).find((c) => c.armId === list(d.arms)[arm].id && c.epochId === list(d.epochs)[epoch].id)!;
        return list(d.elements).find((element) => element.id === (cell.elementIds as string[])[0])!;
      };
      assert.equal(elementOf(1, 1).name, 'No intervention in this epoch', 'the traditional arm has no neoadjuvant treatment');
      assert.match(String(elementOf(0, 1).description), /oxaliplatin 85 mg\/m2 day 1/);
      assert.deepEqual(code(d.studyPhase && (d.studyPhase as Obj).standardCode), '2/3', 'phase 2/3 has no CDISC code in the sources');
    });

    it('administrations: dose with its unit, route, frequency and duration', function () {
      const interventions = list(version(document()).studyInterventions);
      const oxaliplatin = interventions.find((i) => i.name === 'oxaliplatin')!;
      assert.equal(code(oxaliplatin.type), 'C1909');
      const administration = list(oxaliplatin.administrations)[0];
      assert.equal((administration.dose as Obj).value, 85);
      assert.equal(code(((administration.dose as Obj).unit as Obj).standardCode), 'mg/m2');
      assert.equal(code((administration.route as Obj).standardCode), 'IV', "the label's only route, written in the language's code system");
      assert.equal(code((administration.frequency as Obj).standardCode), 'q3w', 'day 1 of a 21-day cycle');
      assert.equal(((administration.duration as Obj).quantity as Obj).value, 63);
      const capecitabine = list(interventions.find((i) => i.name === 'capecitabine')!.administrations);
      assert.equal(capecitabine.length, 2, 'one per arm');
      assert.equal(code((capecitabine[0].route as Obj).standardCode), 'C38288', 'oral, coded');
      assert.equal(code((capecitabine[0].frequency as Obj).standardCode), 'bid');
      const lenvatinib = list(interventions.find((i) => i.name === 'lenvatinib')!.administrations)[0];
      assert.equal(code((lenvatinib.frequency as Obj).standardCode), 'C25473', 'daily, coded');
      assert.equal(code((((lenvatinib.duration as Obj).quantity as Obj).unit as Obj).standardCode), 'C29844', 'weeks, coded');
      assert.equal(list(version(document()).administrableProducts).length, 5);
    });

    it('a timeline per arm: one instance per dosing day, timed in ISO 8601 after the first dose', function () {
      const timelines = list(design(document()).scheduleTimelines);
      assert.deepEqual(
        timelines.map((timeline) => [timeline.name, timeline.mainTimeline]),
        [
          ['Main timeline', true],
          ['neoadjuvant schedule', false],
          ['traditional schedule', false],
        ],
      );
      const neoadjuvant = timelines[1];
      const instances = list(neoadjuvant.instances);
      const timingOf = (name: string) => {
        const instance = instances.find((i) => i.name === name)!;
        return list(neoadjuvant.timings).find((timing) => timing.relativeFromScheduledInstanceId === instance.id);
      };
      assert.equal(timingOf('Day 1')?.value, 'P0D');
      assert.equal(code(timingOf('Day 1')?.type), 'C201358');
      assert.equal(timingOf('Day 8')?.value, 'P7D');
      assert.equal(timingOf('Day 22')?.value, 'P21D');
      assert.equal(instances.find((i) => i.name === 'Day 22')?.label, 'Neoadjuvant', 'gemcitabine, oxaliplatin and the daily lenvatinib share day 22');
      // After surgery the days count from the first dose after it: the gap is not in the protocol.
      const after = instances.filter((i) => String(i.name).endsWith('of treatment after surgery'));
      assert.equal(after.length, 8 * 14);
      assert.equal(timingOf('Day 1 of treatment after surgery'), undefined);
      assert.equal(timingOf('Day 22 of treatment after surgery')?.value, 'P21D');
    });

    it('population and every criterion, coded, with the computable thresholds beside the text', function () {
      const d = design(document());
      const population = d.population as Obj;
      assert.equal(population.includesHealthySubjects, false);
      assert.deepEqual(list(population.plannedSex).map(code), ['C16576', 'C20197']);
      const age = population.plannedAge as Obj;
      assert.deepEqual([(age.minValue as Obj).value, (age.maxValue as Obj).value, code(((age.minValue as Obj).unit as Obj).standardCode)], [18, 70, 'C29848']);
      assert.equal((population.plannedEnrollmentNumber as Obj).value, 178);
      const criteria = list(d.eligibilityCriteria);
      assert.equal(criteria.length, 9 + 19, 'the top-level criteria; a group is one criterion');
      assert.equal(code(criteria[0].category), 'C25532');
      assert.equal(code(criteria[criteria.length - 1].category), 'C25370');
      const items = list(version(document()).eligibilityCriterionItems);
      const organs = items.find((item) => String(item.text).startsWith('<p>The functional indicators'))!;
      assert.match(String(organs.text), /<li>platelets ≥ 90 x10\^9\/L<\/li>/);
      const thresholds = objectsOf(organs, 'ExtensionAttribute').filter((e) => e.url === `${EXTENSION_URL}criterion`);
      const platelets = thresholds.find((e) => list(e.extensionAttributes).some((inner) => inner.valueString === 'platelets'))!;
      const normalized = list(platelets.extensionAttributes).find((inner) => inner.url === `${EXTENSION_URL}normalizedValue`)!.valueQuantity as Obj;
      assert.equal(normalized.value, 90);
      assert.equal(code((normalized.unit as Obj).standardCode), '10*9/L');
    });

    it('no objective, since the sample states no outcome, and the export says so', function () {
      assert.equal(list(design(document()).objectives).length, 0);
      assert.ok(declaredUnmet(document()).has('DDF00084'));
    });
  });

  describe('the outcomes of NCT03951597, which give no kind', function () {
    it('stay beside the design rather than be called primary or secondary', function () {
      const d = design(all()[1].document);
      assert.equal(list(d.objectives).length, 0);
      assert.equal(list(d.extensionAttributes).filter((e) => e.url === `${EXTENSION_URL}outcomeWithoutKind`).length, 4);
    });
  });

  describe('objectives from kinded outcomes', function () {
    it('one primary objective holds every primary endpoint; secondary and other outcomes get their own levels', function () {
      const d = design(
        exportUsdm(
          analyzed(`outcome primary "OS"
outcome primary "PFS"
outcome secondary "ORR"
outcome other "QoL"
`),
        ),
      );
      assert.deepEqual(
        list(d.objectives).map((objective) => [code(objective.level), list(objective.endpoints).map((endpoint) => [endpoint.name, code(endpoint.level)])]),
        [
          [
            'C85826',
            [
              ['OS', 'C94496'],
              ['PFS', 'C94496'],
            ],
          ],
          ['C85827', [['ORR', 'C139173']]],
          ['C163559', [['QoL', 'C170559']]],
        ],
      );
    });
  });

  // ---- the schedule seam -----------------------------------------------------------------------

  describe('administrationsOf', function () {
    it("gives each line of the samples as many administrations as the summary's implication counts, by the kind of count", function () {
      const kinds = new Set<string>();
      for (const file of SAMPLES) {
        const protocol = analyzed(readFileSync(join(ROOT, file), 'utf8'));
        for (const at of dosesOf(protocol)) {
          const count = doseImplication(protocol, at.dose).administrations;
          const placed = administrationsOf(protocol, at.arm).filter((a) => a.doseLine === at.dose);
          const illustrative = placed.filter((a) => a.illustrative).length;
          const where = `${file}: ${at.arm.id}: ${at.dose.drug} (${count.kind})`;
          kinds.add(count.kind);
          switch (count.kind) {
            case 'exact': // every administration, each a day the protocol fixes
              assert.deepEqual([placed.length, illustrative], [count.value, 0], where);
              break;
            case 'upTo': // the longest course the cap allows, each day fixed by the schedule
              assert.deepEqual([placed.length, illustrative], [count.max, 0], where);
              break;
            case 'open': // a few periods of the pattern, every one marked illustrative
              assert.ok(placed.length > 0 && illustrative === placed.length, `${where}: ${placed.length} placed, ${illustrative} illustrative`);
              break;
            default: // nothing to place: the count is not stated
              assert.equal(placed.length, 0, where);
          }
        }
      }
      assert.deepEqual([...kinds].sort(), ['exact', 'open', 'unknown', 'upTo'], 'the samples hold every kind of count');
    });

    it('places cycle days, courses beside cycles from the phase start, and phases one after another', function () {
      const protocol = analyzed(`arm a "A" experimental {
  induction {
    cycle 14 days x 2 { x 10 mg days 1, 8 }
    y 5 mg q7d x 3
  }
  surgery
  adjuvant { z 1 mg once }
}`);
      const [arm] = protocol.arms;
      assert.deepEqual(
        administrationsOf(protocol, arm).map((a) => [a.drug, a.day, a.cycle, a.cycleDay]),
        [
          ['x', 1, 1, 1],
          ['x', 8, 1, 8],
          ['x', 15, 2, 1],
          ['x', 22, 2, 8],
          ['y', 1, undefined, undefined],
          ['y', 8, undefined, undefined],
          ['y', 15, undefined, undefined],
          ['z', 30, undefined, undefined],
        ],
      );
    });
  });

  // ---- the fronts ------------------------------------------------------------------------------

  describe('the fronts', function () {
    it("exportDocument(analysis, 'usdm') is the export as JSON text", function () {
      const analysis = service.analyze(readFileSync(join(ROOT, SAMPLES[1]), 'utf8'));
      const result = service.exportDocument(analysis, 'usdm');
      assert.equal(result.language, 'json');
      assert.equal(result.errors, 0);
      assert.deepEqual(JSON.parse(result.text), JSON.parse(JSON.stringify(exportUsdm(analysis.protocol))));
    });

    it('trial export --usdm prints a document that validates, exit 0', function () {
      const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'trial.js'), 'export', '--usdm', SAMPLES[0]], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 1 << 26,
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      const document = JSON.parse(result.stdout) as unknown;
      assert.deepEqual(schemaProblems(document), []);
      assert.equal((document as { usdmVersion: string }).usdmVersion, '4.0.0');
    });

    it('export takes one format', function () {
      const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'trial.js'), 'export', '--usdm', '--ctgov', SAMPLES[0]], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'trial: export takes one output format, not ctgov and usdm\n');
    });
  });
});

/** Ids with spaces (DDF00260). */
function idProblemsWithSpaces(document: UsdmWrapper): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const id = (value as Obj).id;
      if (typeof id === 'string' && /\s/.test(id)) out.push(`id '${id}' has a space`);
      Object.values(value).forEach(walk);
    }
  };
  walk(document.study);
  return out;
}

/** Children of one parent and one class with the same name (DDF00010). */
function siblingNameClashes(document: UsdmWrapper): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const children = Object.values(value)
      .flatMap((inner) => (Array.isArray(inner) ? inner : [inner]))
      .filter((inner): inner is Obj => Boolean(inner) && typeof inner === 'object' && typeof (inner as Obj).name === 'string');
    const seen = new Set<string>();
    for (const child of children) {
      const key = `${String(child.instanceType)} ${String(child.name)}`;
      if (seen.has(key)) out.push(`two ${key}`);
      seen.add(key);
    }
    Object.values(value).forEach(walk);
  };
  walk(document.study);
  return out;
}
