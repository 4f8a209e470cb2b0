// The first-run screen (kindred://setup/): says which face model is missing or damaged, offers
// Retry (the fetch step: copy the app's own files, then mirror and upstream sources), and lists how
// to get each file by hand. Plain script, no framework; text only (no innerHTML). Main switches the
// window to the app as soon as the models verify.
'use strict';

(() => {
  const k = window.kindred;
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };

  function showLog(line) {
    const log = $('log');
    log.hidden = false;
    log.textContent += `${line}\n`;
    log.scrollTop = log.scrollHeight;
  }

  function render(status) {
    const problems = $('problems');
    const steps = $('steps');
    problems.replaceChildren();
    steps.replaceChildren();
    $('manual').hidden = true;
    $('retry').hidden = false;
    document.body.dataset.state = status.state;
    if (status.state === 'ready') {
      $('title').textContent = 'Ready';
      $('lead').textContent = 'The face models are verified. Opening Kindred…';
      $('retry').hidden = true;
      problems.hidden = true;
      return;
    }
    if (status.state === 'catalogue_unavailable') {
      $('title').textContent = 'Kindred cannot open its catalogue';
      $('lead').textContent =
        status.code === 'schema_too_new'
          ? 'The catalogue was written by a newer version of Kindred. Install the newer version to open it.'
          : 'Something stopped Kindred from opening your catalogue. Your photos are untouched.';
      problems.hidden = false;
      problems.append(el('li', `${status.message} (${status.code})`));
      problems.append(el('li', `Data folder: ${status.dataDir}`, 'mono'));
      return;
    }
    $('title').textContent = 'Kindred needs its face models';
    $('lead').textContent =
      'Kindred finds and recognises faces with two small model files that come with the app. ' +
      'They are missing or damaged, so nothing can be imported yet. Retry copies them again and, if needed, downloads them (about 5 MB).';
    problems.hidden = false;
    for (const p of status.problems) {
      const li = el('li');
      li.append(el('strong', p.id), ' ', el('span', `(${p.file}): ${p.reason}`, 'reason'));
      problems.append(li);
    }
    if (status.manual.length) {
      $('manual').hidden = false;
      for (const m of status.manual) {
        const li = el('li');
        li.append(el('div', `${m.id}: from ${m.source}`, 'mono'));
        li.append(el('div', `save as ${m.saveAs}`, 'mono'));
        li.append(el('div', `${m.size} bytes, SHA-256 ${m.sha256}`, 'mono reason'));
        steps.append(li);
      }
    }
  }

  async function retry() {
    $('retry').disabled = true;
    $('busy').hidden = false;
    try {
      render(await k.startup.retry());
    } catch (e) {
      showLog(`Retry failed: ${e && e.message ? e.message : String(e)}`);
    } finally {
      $('retry').disabled = false;
      $('busy').hidden = true;
    }
  }

  if (!k) {
    $('lead').textContent = 'This page must be opened by the Kindred app.';
    return;
  }
  $('retry').addEventListener('click', () => void retry());
  k.startup.onChange(render);
  k.startup.onLog(showLog);
  k.startup.status().then(render, (e) => showLog(`Could not read the start-up status: ${e && e.message ? e.message : String(e)}`));
})();
