import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoreCallError, CoreRpc, isCoreRequest, toEnvelope, type CoreNotice, type CoreRequest } from './protocol.ts';

test('replies are matched to requests by id, in any order', async () => {
  const sent: CoreRequest[] = [];
  const rpc = new CoreRpc((m) => sent.push(m));
  const a = rpc.call('invoke', { op: 'libraries.list', input: {} });
  const b = rpc.call('status', {});
  assert.equal(rpc.inFlight, 2);
  assert.deepEqual(sent.map((m) => [m.method, m.id]), [['invoke', 1], ['status', 2]]);
  rpc.receive({ t: 'res', id: 2, ok: true, value: { state: 'ready' } });
  rpc.receive({ t: 'res', id: 1, ok: false, error: { code: 'invalid_input', message: 'bad' } });
  assert.deepEqual(await b, { state: 'ready' });
  await assert.rejects(a, (e: unknown) => e instanceof CoreCallError && e.payload.code === 'invalid_input');
  assert.equal(rpc.inFlight, 0);
});

test('notices reach listeners; junk and unknown ids are ignored', () => {
  const rpc = new CoreRpc(() => undefined);
  const got: CoreNotice[] = [];
  const off = rpc.onNotice((n) => got.push(n));
  rpc.receive({ t: 'event', name: 'catalogue.changed', payload: { library_id: null, topics: ['people'] } });
  rpc.receive({ t: 'log', line: 'hello' });
  rpc.receive(null);
  rpc.receive('res');
  rpc.receive({ t: 'res', id: 99, ok: true, value: 1 });
  off();
  rpc.receive({ t: 'log', line: 'after off' });
  assert.deepEqual(got.map((n) => n.t), ['event', 'log']);
});

test('a dead process fails everything in flight and everything after', async () => {
  const rpc = new CoreRpc(() => undefined);
  const p = rpc.call('invoke', { op: 'people.list', input: {} });
  rpc.fail({ code: 'internal', message: 'The Kindred core stopped (exit code 9).' });
  await assert.rejects(p, /exit code 9/);
  await assert.rejects(rpc.call('status', {}), /exit code 9/);
});

test('a call can time out; a post that throws fails the call', async () => {
  const rpc = new CoreRpc(() => undefined);
  await assert.rejects(rpc.call('close', {}, 20), /did not answer close/);
  const broken = new CoreRpc(() => {
    throw new Error('channel closed');
  });
  await assert.rejects(broken.call('status', {}), /channel closed/);
});

test('isCoreRequest accepts only well-formed requests', () => {
  assert.ok(isCoreRequest({ t: 'req', id: 1, method: 'invoke', params: { op: 'x', input: {} } }));
  for (const m of [null, {}, { t: 'req', id: 1, method: 'eval', params: {} }, { t: 'req', id: 1.5, method: 'status', params: {} }, { t: 'req', id: 1, method: 'status' }]) {
    assert.ok(!isCoreRequest(m), JSON.stringify(m));
  }
});

test('toEnvelope keeps the error code; plain errors become internal', async () => {
  assert.deepEqual(await toEnvelope(Promise.resolve(3)), { ok: true, value: 3 });
  assert.deepEqual(await toEnvelope(Promise.reject(new CoreCallError({ code: 'not_found', message: 'no' }))), { ok: false, error: { code: 'not_found', message: 'no' } });
  assert.deepEqual(await toEnvelope(Promise.reject(new Error('boom'))), { ok: false, error: { code: 'internal', message: 'boom' } });
});
