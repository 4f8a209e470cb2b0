import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bcubed, pairwiseF, rocAuc, tarAtFar } from './metrics.ts';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('rocAuc: perfect, reversed and hand-counted separations', () => {
  close(rocAuc([0.9, 0.8], [0.1, 0.2, 0.3]), 1);
  close(rocAuc([0.1], [0.5, 0.6]), 0);
  // genuine 0.5 beats impostor 0.2 only; 0.7 beats both: (1 + 2) / 4
  close(rocAuc([0.5, 0.7], [0.2, 0.6]), 0.75);
});

test('rocAuc counts ties as half', () => {
  close(rocAuc([0.5], [0.5]), 0.5);
  // pairs: (0.5,0.5)=½ (0.5,0.3)=1 (0.5,0.5)=½ (0.5,0.3)=1 (0.9,·)=1,1 → 5/6
  close(rocAuc([0.5, 0.5, 0.9], [0.5, 0.3]), 5 / 6);
});

test('rocAuc agrees with brute force on random scores with ties', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const g = Array.from({ length: 300 }, () => Math.round(rnd() * 20) / 20 + 0.1);
  const im = Array.from({ length: 500 }, () => Math.round(rnd() * 20) / 20);
  let s = 0;
  for (const a of g) for (const b of im) s += a > b ? 1 : a === b ? 0.5 : 0;
  close(rocAuc(g, im), s / (g.length * im.length), 1e-9);
});

test('tarAtFar uses the strictest threshold that keeps FAR within bounds', () => {
  const impostor = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
  const genuine = [0.55, 0.75, 0.95, 1.5];
  // FAR 0: accept only above 1.0
  close(tarAtFar(genuine, impostor, 0), 0.25);
  // FAR 0.1 allows one impostor (1.0): threshold 0.9
  close(tarAtFar(genuine, impostor, 0.1), 0.5);
  // FAR 0.3 allows three: threshold 0.7
  close(tarAtFar(genuine, impostor, 0.3), 0.75);
  close(tarAtFar(genuine, impostor, 1), 1);
});

test('tarAtFar does not let ties exceed the FAR', () => {
  // Two impostors tied at 0.9. FAR 0.25 of 4 allows one, but no threshold admits exactly one of a
  // tie, so the threshold stays at 0.9 and admits none. FAR 0.5 allows both: threshold 0.2.
  close(tarAtFar([0.95, 0.9], [0.9, 0.9, 0.1, 0.2], 0.25), 0.5);
  close(tarAtFar([0.95, 0.9], [0.9, 0.9, 0.1, 0.2], 0.5), 1);
});

test('bcubed: hand-computed example', () => {
  // truth A A A B B; predicted x x y y y
  // items: 1,2: cluster x={1,2} all A → P=1, R=2/3. 3: y={3,4,5} (1 A) → P=1/3, R=1/3. 4,5: P=2/3, R=1.
  const r = bcubed(['x', 'x', 'y', 'y', 'y'], ['A', 'A', 'A', 'B', 'B']);
  close(r.precision, (1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5);
  close(r.recall, (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5);
  close(r.f, (2 * r.precision * r.recall) / (r.precision + r.recall));
});

test('bcubed: identical and all-singleton labelings', () => {
  const perfect = bcubed(['p', 'p', 'q'], ['A', 'A', 'B']);
  assert.deepEqual(perfect, { precision: 1, recall: 1, f: 1 });
  const singles = bcubed(['u1', 'u2', 'u3', 'u4'], ['A', 'A', 'B', 'B']);
  close(singles.precision, 1);
  close(singles.recall, 0.5);
});

test('pairwiseF: hand-computed example', () => {
  // same as above: predicted pairs: x:1, y:3 → 4; true pairs: A:3, B:1 → 4; both: (1,2) and (4,5) → 2
  const r = pairwiseF(['x', 'x', 'y', 'y', 'y'], ['A', 'A', 'A', 'B', 'B']);
  close(r.precision, 0.5);
  close(r.recall, 0.5);
  close(r.f, 0.5);
  const singles = pairwiseF(['u1', 'u2'], ['A', 'A']);
  assert.deepEqual(singles, { precision: 1, recall: 0, f: 0 });
});

test('labelings must align', () => {
  assert.throws(() => bcubed(['a'], ['A', 'B']), RangeError);
});
