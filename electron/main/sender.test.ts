import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromApp } from './sender.ts';

const frame = (url: string) => ({ url });

test('only the top frame of an app page may call', () => {
  const top = frame('kindred://app/index.html');
  assert.ok(fromApp({ senderFrame: top, sender: { mainFrame: top } }, ['app']));
  const setup = frame('kindred://setup/index.html');
  assert.ok(!fromApp({ senderFrame: setup, sender: { mainFrame: setup } }, ['app']), 'the setup page may not run operations');
  assert.ok(fromApp({ senderFrame: setup, sender: { mainFrame: setup } }, ['app', 'setup']));
});

test('subframes, destroyed frames and foreign pages are refused', () => {
  const top = frame('kindred://app/index.html');
  const sub = frame('kindred://app/index.html');
  assert.ok(!fromApp({ senderFrame: sub, sender: { mainFrame: top } }, ['app']), 'an iframe, even of our own URL');
  assert.ok(!fromApp({ senderFrame: null, sender: { mainFrame: top } }, ['app']));
  for (const url of ['https://example.com/', 'file:///tmp/x.html', 'kindred://evil/', 'about:blank']) {
    const f = frame(url);
    assert.ok(!fromApp({ senderFrame: f, sender: { mainFrame: f } }, ['app']), url);
  }
});
