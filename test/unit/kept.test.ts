/**
 * Values kept on objects (util/kept.ts): found again on the same object only, invisible to
 * enumeration, JSON, spreads and deep comparison, and kept for frozen objects too. The model a
 * document's analysis has cached schedules, doses and criteria on is the model of a fresh parse.
 */

import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analysis';
import { lower } from '../../server/src/model/lower';
import { scheduleOf } from '../../server/src/model/schedule';
import { criteriaOf, dosesOfArm } from '../../server/src/model/walk';
import { parse } from '../../server/src/syntax/parser';
import { kept, perRow } from '../../server/src/util/kept';

describe('kept values', () => {
  it('are found on the object they were kept for, and on no other', () => {
    const values = kept<object, number>('test');
    const a = { x: 1 };
    const b = { x: 1 };
    assert.equal(values.get(a), undefined);
    assert.equal(values.set(a, 5), 5);
    assert.equal(values.get(a), 5);
    assert.equal(values.get(b), undefined);
    values.set(a, 6);
    assert.equal(values.get(a), 6);
    // Two places keep apart.
    const others = kept<object, number>('other');
    others.set(a, 7);
    assert.equal(values.get(a), 6);
    assert.equal(others.get(a), 7);
  });

  it('are made once by `of`, a null too, and made again for another object', () => {
    const values = kept<object, string | null>('test');
    let made = 0;
    const make = () => (made++ % 2 === 0 ? null : 'second');
    const a = {};
    assert.equal(values.of(a, make), null);
    assert.equal(values.of(a, make), null);
    assert.equal(made, 1);
    assert.equal(values.of({}, make), 'second');
    assert.equal(made, 2);
  });

  it('per row and key (perRow): worked out once each, an undefined answer too', () => {
    const calls: string[] = [];
    const lookup = perRow((row: { id: string }, key: string) => {
      calls.push(`${row.id}.${key}`);
      return key === 'none' ? undefined : `${row.id}:${key}`;
    });
    const row = { id: 'r' };
    assert.equal(lookup(row, 'a'), 'r:a');
    assert.equal(lookup(row, 'a'), 'r:a');
    assert.equal(lookup(row, 'none'), undefined);
    assert.equal(lookup(row, 'none'), undefined);
    assert.equal(lookup({ id: 's' }, 'a'), 's:a');
    assert.deepEqual(calls, ['r.a', 'r.none', 's.a']);
  });

  it('are invisible to keys, JSON, spreads and deep comparison', () => {
    const values = kept<object, string>('test');
    const a = { x: 1, y: [2] };
    values.set(a, 'cached');
    assert.deepEqual(Object.keys(a), ['x', 'y']);
    assert.equal(JSON.stringify(a), '{"x":1,"y":[2]}');
    assert.equal(values.get({ ...a }), undefined);
    assert.deepStrictEqual(a, { x: 1, y: [2] });
    const keys: string[] = [];
    for (const key in a) keys.push(key);
    assert.deepEqual(keys, ['x', 'y']);
  });

  it('are kept for a frozen object', () => {
    const values = kept<object, number>('test');
    const frozen = Object.freeze({ x: 1 });
    values.set(frozen, 3);
    assert.equal(values.get(frozen), 3);
    assert.equal(values.get({ x: 1 }), undefined);
  });

  it("leave a document's model equal to a fresh one after its checks cached what they found on it", () => {
    const text = `trial NCT00000001 {
  title "T"
  conditions "Cholangiocarcinoma"
}
drug cisplatin
drug gemcitabine
arm a "A" experimental {
  cycle 21 days x 8 {
    cisplatin 25 mg/m2 IV days 1, 8
    gemcitabine 1000 mg/m2 IV days 1, 8
  }
}
eligibility {
  include platelets >= 100 x10^9/L
  exclude "Prior chemotherapy"
}
`;
    const checked = analyzeText(text).protocol;
    // What the checks keep on the model is there.
    assert.ok(scheduleOf(checked).doses.length === 2 && dosesOfArm(checked.arms[0]).length === 2 && criteriaOf(checked.eligibility).length === 2);
    const fresh = lower(parse(text).tree).protocol;
    assert.deepStrictEqual(checked, fresh);
    assert.equal(JSON.stringify(checked), JSON.stringify(fresh));
  });
});
