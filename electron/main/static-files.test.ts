import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { mimeOf, resolveStaticFile } from './static-files.ts';

const ROOT = '/opt/Kindred/resources/app.asar/dist/renderer';

test('maps page URLs to files under the root', () => {
  assert.equal(resolveStaticFile(ROOT, 'kindred://app/index.html'), join(ROOT, 'index.html'));
  assert.equal(resolveStaticFile(ROOT, 'kindred://app/assets/index-abc123.js'), join(ROOT, 'assets/index-abc123.js'));
  assert.equal(resolveStaticFile(ROOT, 'kindred://app/assets/My%20Font.woff2'), join(ROOT, 'assets/My Font.woff2'));
});

test('"/" and client-side routes get the root index.html', () => {
  for (const url of ['kindred://app/', 'kindred://app', 'kindred://app/.env', 'kindred://app/people', 'kindred://app/people/person_abc12345']) {
    assert.equal(resolveStaticFile(ROOT, url), join(ROOT, 'index.html'), url);
  }
});

test('dot segments are resolved by URL parsing and cannot climb above the root', () => {
  assert.equal(resolveStaticFile(ROOT, 'kindred://app/../../../etc/passwd.txt'), join(ROOT, 'etc/passwd.txt'));
  assert.equal(resolveStaticFile(ROOT, 'kindred://app/%2e%2e/%2e%2e/etc/passwd.txt'), join(ROOT, 'etc/passwd.txt'));
  assert.equal(resolveStaticFile(ROOT, 'kindred://app/assets/%2e%2e/%2e%2e/%2e%2e/secret.json'), join(ROOT, 'secret.json'));
  assert.equal(resolveStaticFile(ROOT, 'kindred://app/assets/../index.html'), join(ROOT, 'index.html'));
});

test('nothing outside the root, and nothing odd', () => {
  for (const url of [
    'kindred://app/..%2f..%2fsecret.json',
    'kindred://app/a%5c..%5c..%5csecret.json',
    'kindred://app/a%00.js',
    'kindred://app/%E0%A4%A.js',
    'kindred://app/C:%5cWindows%5cwin.ini',
    'kindred://app/c:/windows/win.ini',
    'kindred://app/secret.sqlite',
  ]) assert.equal(resolveStaticFile(ROOT, url), null, url);
});

test('types are served with their MIME type; unknown types are not served', () => {
  assert.equal(mimeOf('a.js'), 'text/javascript; charset=utf-8');
  assert.equal(mimeOf('A.CSS'), 'text/css; charset=utf-8');
  assert.equal(mimeOf('x.sqlite'), null);
});
