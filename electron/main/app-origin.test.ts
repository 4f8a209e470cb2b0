import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appHostOf, isAppUrl, SETUP_URL, UI_URL } from './app-origin.ts';

test('only kindred://app and kindred://setup pages are the app', () => {
  assert.equal(appHostOf(UI_URL), 'app');
  assert.equal(appHostOf(SETUP_URL), 'setup');
  assert.equal(appHostOf('kindred://app/people/person_abc?x=1#y'), 'app');
  for (const url of [
    'file:///work/main/dist/renderer/index.html',
    'http://localhost:5173/',
    'https://app/',
    'kindred://evil/index.html',
    'kindred://app.evil.com/',
    'kindred://user:pw@app/',
    'kindred://app:8080/',
    'kindred-media://app/x',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<p>hi',
    'javascript:alert(1)',
    '',
    'not a url',
  ]) assert.equal(appHostOf(url), null, url);
  assert.equal(appHostOf(null), null);
  assert.equal(appHostOf(undefined), null);
});

test('isAppUrl can be narrowed to one page', () => {
  assert.ok(isAppUrl(UI_URL, ['app']));
  assert.ok(!isAppUrl(SETUP_URL, ['app']));
  assert.ok(isAppUrl(SETUP_URL));
});
