'use strict';
// flows.test.js - werkplaats in a real browser (issue 9). Eight flows, in
// order, the first five each building on the one before:
//   1. a coordinator opens a round, copies its open link, opens the poster;
//   2. a participant answers in Dutch on a phone, stops halfway, resumes
//      with the code in a new browser, sends;
//   3. the same in English with the keyboard only;
//   4. with enough responses, the coordinator reads the results, one
//      element's page and the dialogue agenda, and prints the agenda;
//   5. an outsider (another coordinator, or nobody) reaches none of it;
//   6. on a phone the result pages do not scroll sideways (issue 17);
//   7. a citizen answers in easy-read on a phone with JavaScript off
//      (issue 22), on the demo's open round;
//   8. the primary process (issue 21): a coordinator raises a practice
//      question from a trigger, a member adds two activities with
//      participation and records a product, which appears in the outcomes
//      register under its kind; both see the year view;
//   9. sign-in through the institution with OpenID Connect (issue 18);
//  10. the same with SAML 2.0 (issue 18).
// axe-core checks every page state the tests look at. Run by run.sh,
// which starts the server and passes its address in WP_BASE.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');
const { BASE, axeCheck, follow, tabTo, pressAndWait, focusIndicator, shot } = lib;

const SLUG = 'leerafdeling-geriatrie';
const WP = `/pw/${SLUG}`;
const COORDINATOR = 'coordinator@demo.example.org';
const OUTSIDER = 'petra@demo.example.org'; // coordinator of another workplace
const MEMBER = 'lid@demo.example.org'; // member of geriatrie
const ROUND_TITLE = 'Meting e2e ' + new Date().toISOString().slice(0, 10);
const COMMENT_NL = 'Op de leerafdeling vragen studenten en verpleegkundigen elkaar om raad.';
const COMMENT_EN = 'Students and nurses on the ward ask each other for advice.';

let browser;
let coord;        // the coordinator's page (flows 1 and 4)
const round = {}; // id, path, openUrl: what flow 1 made

before(async () => {
  browser = await lib.launch();
});

after(async () => {
  if (browser)
    await browser.close();
  console.log('\n' + lib.axeSummary());
});

function pathOf(page) {
  return new URL(page.url()).pathname;
}

async function checkNoScriptErrors() {
  assert.deepEqual(lib.pageErrors.splice(0), [], 'script errors in the pages');
}

// ---- 1 ----

test('1. coordinator opens a round, copies the open link, opens the QR poster', async () => {
  const ctx = await lib.newContext(browser, { locale: 'nl-NL' });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  coord = await ctx.newPage();

  await coord.goto(BASE + '/login');
  await axeCheck(coord, 'login');
  await lib.login(coord, COORDINATOR);
  await axeCheck(coord, 'my workplaces');
  lib.remember(coord);

  await follow(coord, coord.getByRole('link', { name: 'Leerafdeling Geriatrie' }));
  assert.equal(pathOf(coord), WP);
  await axeCheck(coord, 'workplace');
  lib.remember(coord);

  await follow(coord, coord.locator('main').getByRole('link', { name: 'Meetrondes' }));
  assert.equal(pathOf(coord), `${WP}/rounds`);
  await axeCheck(coord, 'rounds');
  lib.remember(coord);

  // The new round form: a title; today's date and the default closing
  // date and k are already filled in.
  const form = coord.locator(`form[action="${WP}/rounds"]`);
  await form.getByLabel('Titel').fill(ROUND_TITLE);
  assert.match(await form.getByLabel('Opent op').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
  await form.getByLabel('Anonimiteitsgrens k').fill('5');
  await follow(coord, form.getByRole('button', { name: 'Meetronde aanmaken' }));
  const m = /^\/pw\/[^/]+\/rounds\/(\d+)$/.exec(pathOf(coord));
  assert.ok(m, `after creating the round: ${coord.url()}`);
  round.id = m[1];
  round.path = `${WP}/rounds/${round.id}`;
  await assert.doesNotReject(coord.getByRole('heading', { level: 1, name: ROUND_TITLE }).waitFor());
  assert.equal(await coord.locator('#round-state').textContent(), 'open');
  assert.equal(await coord.locator('#count-total').textContent(), '0');
  await axeCheck(coord, 'new round');
  lib.remember(coord);

  // Copy the open link as a coordinator does: select it, Ctrl+C.
  const box = coord.getByLabel('Link om te kopiëren');
  const shown = await box.inputValue();
  assert.match(shown, new RegExp(`^${BASE.replace(/[.]/g, '\\.')}/r/[A-Za-z0-9_-]{16,}$`));
  await box.focus();
  await coord.keyboard.press('Control+A');
  await coord.keyboard.press('Control+C');
  const copied = await coord.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, shown, 'the clipboard holds the open link');
  round.openUrl = copied;

  // The poster: a QR code as SVG and the same link printed under it.
  await follow(coord, coord.getByRole('link', { name: /Poster/ }));
  assert.equal(pathOf(coord), `${round.path}/poster`);
  const qr = coord.locator('svg.qr');
  assert.equal(await qr.count(), 1, 'one QR code');
  assert.equal(await qr.getAttribute('role'), 'img');
  assert.ok((await qr.locator('path, rect').count()) > 0, 'the QR code has modules');
  const qrBox = await qr.boundingBox();
  assert.ok(qrBox.width > 150 && Math.abs(qrBox.width - qrBox.height) < 1, `QR is square and large: ${JSON.stringify(qrBox)}`);
  const url = coord.locator('.poster .url');
  assert.equal((await url.textContent()).trim(), round.openUrl);
  // printed under the code
  const urlBox = await url.boundingBox();
  assert.ok(urlBox.y >= qrBox.y + qrBox.height, 'the link is under the QR code');
  await axeCheck(coord, 'poster');
  lib.remember(coord);
  await shot(coord, 'poster', { fullPage: true });
  await checkNoScriptErrors();
});

// ---- 2 ----

// Answer every statement on the page by tapping an option box; returns
// {name: value} of what was chosen.
async function tapAnswers(page, seed) {
  const chosen = {};
  const sets = page.locator('fieldset.statement');
  const n = await sets.count();
  for (let i = 0; i < n; i++) {
    const set = sets.nth(i);
    const opts = set.locator('label.opt');
    const k = await opts.count();
    const radios = await set.locator('input[type=radio]').count();
    if (radios === 0) { // the triggers: check boxes, tap two
      await opts.nth(0).tap();
      await opts.nth(2).tap();
      continue;
    }
    const pick = (i * 3 + seed) % k; // sometimes "weet ik niet"
    await opts.nth(pick).tap();
    const input = opts.nth(pick).locator('input');
    assert.ok(await input.isChecked(), 'tapping the option box checks it');
    chosen[await input.getAttribute('name')] = await input.getAttribute('value');
  }
  return chosen;
}

async function checkedValues(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('input[type=radio]:checked')].map((i) => [i.name, i.value])));
}

test('2. a participant answers on a phone in Dutch, stops halfway, resumes with the code, sends', async () => {
  assert.ok(round.openUrl, 'flow 1 made a round');
  let ctx = await lib.newContext(browser, { ...lib.PHONE, locale: 'nl-NL' });
  let page = await ctx.newPage();

  await page.goto(round.openUrl);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await axeCheck(page, 'welcome (phone)');
  // nothing wider than the phone
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            'no horizontal scrolling on the welcome page');
  await shot(page, 'phone-welcome');
  await page.locator('label.opt', { hasText: 'Professional' }).tap();
  await page.getByLabel('Ik heb dit gelezen en ik doe mee.').tap();
  await follow(page, page.getByRole('button', { name: 'Begin' }));
  const m = /^\/r\/([A-Za-z0-9_-]+)\/p\/1$/.exec(pathOf(page));
  assert.ok(m, `after Begin: ${page.url()}`);
  const token = m[1];

  const code = (await page.locator('.resume-code').textContent()).trim();
  assert.match(code, /^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  const answers = {};
  for (let p = 1; p <= 4; p++) {
    assert.equal(pathOf(page), `/r/${token}/p/${p}`);
    assert.equal((await page.locator('.resume-code').textContent()).trim(), code, 'the same code on every page');
    await axeCheck(page, `part ${p} (phone)`);
    Object.assign(answers, await tapAnswers(page, p));
    if (p === 1) {
      await page.getByLabel(/Wat gaat goed/).fill(COMMENT_NL);
      await axeCheck(page, 'question page, answered (phone)');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'phone-question');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
                'no horizontal scrolling on a question page');
    }
    await follow(page, page.getByRole('button', { name: 'Volgende' }));
  }
  assert.equal(pathOf(page), `/r/${token}/p/5`);
  // Halfway: the phone's browser is closed.
  await ctx.close();

  // Later, on another browser: the open link, "Al begonnen?", the code.
  ctx = await lib.newContext(browser, { ...lib.PHONE, locale: 'nl-NL' });
  page = await ctx.newPage();
  await page.goto(round.openUrl);
  await page.getByRole('heading', { name: 'Al begonnen?' }).waitFor();
  await axeCheck(page, 'welcome again (phone)');
  await page.locator('#f-code').fill(code.toLowerCase()); // typed on a phone: lower case
  await follow(page, page.getByRole('button', { name: 'Verder waar ik was' }));
  const resumed = /^\/r\/([A-Za-z0-9_-]+)\/p\/(\d)$/.exec(pathOf(page));
  assert.ok(resumed, `after resuming: ${page.url()}`);
  const token2 = resumed[1];
  assert.equal(resumed[2], '5', 'resumes at the first page not yet answered');
  await axeCheck(page, 'resumed question page (phone)');

  // What was answered before the break is still there.
  await follow(page, page.getByRole('button', { name: 'Vorige' }));
  await axeCheck(page, 'part 4 again (phone)');
  const back = await checkedValues(page);
  for (const [k, v] of Object.entries(back))
    assert.equal(v, answers[k], `answer to ${k} kept`);
  assert.ok(Object.keys(back).length >= 5, 'page 4 kept its answers');
  await follow(page, page.getByRole('button', { name: 'Volgende' }));

  for (let p = 5; p <= 8; p++) {
    assert.equal(pathOf(page), `/r/${token2}/p/${p}`);
    if (p > 5)
      await axeCheck(page, `part ${p} (phone)`);
    Object.assign(answers, await tapAnswers(page, p));
    if (p === 8)
      await axeCheck(page, 'part 8, answered (phone)');
    await follow(page, page.getByRole('button', { name: p < 8 ? 'Volgende' : 'Naar versturen' }));
  }
  assert.equal(pathOf(page), `/r/${token2}/review`);
  await axeCheck(page, 'review (phone)');
  const summary = await page.locator('main').textContent();
  const all = /Je hebt (\d+) van de (\d+) stellingen beantwoord/.exec(summary);
  assert.ok(all, 'the review counts the answers');
  assert.equal(all[1], all[2], 'every statement answered');
  assert.equal(Number(all[1]), Object.keys(answers).length);

  await follow(page, page.getByRole('button', { name: 'Versturen' }));
  assert.equal(pathOf(page), `/r/${token2}`);
  await page.getByText('Bedankt voor het invullen').first().waitFor();
  await axeCheck(page, 'receipt (phone)');
  assert.match(await page.locator('#results-when').textContent(), /hier, op deze pagina/);
  await shot(page, 'phone-receipt');

  // Withdrawing asks first: a page that says what goes, and a way back.
  await follow(page, page.getByRole('link', { name: /Mijn antwoorden intrekken/ }));
  assert.equal(pathOf(page), `/r/${token2}/withdraw`);
  assert.match(await page.locator('main').textContent(), /kan niet ongedaan worden gemaakt/);
  await axeCheck(page, 'withdrawal confirmation (phone)');
  await shot(page, 'phone-withdraw-confirm');
  await follow(page, page.getByRole('link', { name: 'Nee, bewaren' }));
  assert.equal(pathOf(page), `/r/${token2}`);
  await page.getByText('Bedankt voor het invullen').first().waitFor();
  await ctx.close();
  await checkNoScriptErrors();
});

// ---- 3 ----

// Choose option `pick` (0-based; 5 is "don't know") in the radio group
// NAME with the keyboard: Tab into the group, arrow keys to move.
async function keyAnswer(page, name, pick) {
  const f = await tabTo(page, `input[type=radio][name="${name}"]`);
  assert.ok(f.ok);
  // Tab enters an unanswered group on its first option without choosing it
  assert.equal(await page.evaluate(() => document.activeElement.value), '1');
  if (pick === 0)
    await page.keyboard.press('Space');
  for (let i = 0; i < pick; i++)
    await page.keyboard.press(i % 2 ? 'ArrowDown' : 'ArrowRight');
  const v = await page.evaluate(() => document.activeElement.checked && document.activeElement.value);
  assert.equal(v, ['1', '2', '3', '4', '5', 'dk'][pick], `${name} chosen with the keyboard`);
  const ring = await focusIndicator(page);
  assert.ok(ring.ok, `focus visible on ${ring.what}`);
  return v;
}

async function keyAnswerPage(page, seed) {
  const names = await page.evaluate(() => [...new Set(
    [...document.querySelectorAll('fieldset.statement input[type=radio]')].map((i) => i.name))]);
  const chosen = {};
  for (let i = 0; i < names.length; i++)
    chosen[names[i]] = await keyAnswer(page, names[i], (i + seed) % 6);
  return chosen;
}

test('3. the same in English, with the keyboard only', async () => {
  assert.ok(round.openUrl, 'flow 1 made a round');
  // No mouse and no taps in this flow: page.goto stands for typing an
  // address, everything else is Tab, Shift+Tab, Space, Enter and arrows.
  let ctx = await lib.newContext(browser, { locale: 'nl-NL' });
  let page = await ctx.newPage();
  await page.goto(round.openUrl);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');

  // The first Tab shows the skip link; then to the language button.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  assert.ok((await focusIndicator(page)).ok, 'skip link shows focus');
  await tabTo(page, 'button[name=lang]');
  await pressAndWait(page, 'Enter');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(page.url(), round.openUrl, 'back on the same page, in English');
  await axeCheck(page, 'welcome (English)');

  // Perspective: Tab into the group, arrows move the choice; Space on the
  // consent box; Enter on Start.
  await tabTo(page, 'input[name=perspective]');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.querySelector('input[name=perspective]:checked').value), 'professional');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.querySelector('input[name=perspective]:checked').value), 'student');
  await tabTo(page, '#f-consent');
  await page.keyboard.press('Space');
  assert.ok(await page.isChecked('#f-consent'));
  await tabTo(page, 'button.primary');
  assert.equal((await page.evaluate(() => document.activeElement.textContent)).trim(), 'Start');
  await pressAndWait(page, 'Enter');
  const m = /^\/r\/([A-Za-z0-9_-]+)\/p\/1$/.exec(pathOf(page));
  assert.ok(m, `after Start: ${page.url()}`);
  const token = m[1];
  const code = (await page.locator('.resume-code').textContent()).trim();

  const answers = {};
  for (let p = 1; p <= 4; p++) {
    assert.equal(pathOf(page), `/r/${token}/p/${p}`);
    Object.assign(answers, await keyAnswerPage(page, p));
    await axeCheck(page, `part ${p}, answered (keyboard)`);
    if (p === 1) {
      await tabTo(page, 'textarea');
      await page.keyboard.type(COMMENT_EN);
      await tabTo(page, 'button[value=next]');
      await pressAndWait(page, 'Space');
    } else if (p === 2) {
      // Enter on a chosen answer submits the form: it must go forward, as
      // "Next" does, not back.
      assert.ok(await page.evaluate(() => document.activeElement.matches('input[type=radio]:checked')));
      await pressAndWait(page, 'Enter');
    } else {
      await tabTo(page, 'button[value=next]');
      await pressAndWait(page, 'Enter');
    }
  }
  assert.equal(pathOf(page), `/r/${token}/p/5`, 'four parts done');
  await ctx.close();

  // A new browser, English from its own language setting this time.
  ctx = await lib.newContext(browser, { locale: 'en-GB' });
  page = await ctx.newPage();
  await page.goto(round.openUrl);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await axeCheck(page, 'welcome again (English)');
  await tabTo(page, '#f-code');
  await page.keyboard.type(code);
  await pressAndWait(page, 'Enter');
  const resumed = /^\/r\/([A-Za-z0-9_-]+)\/p\/5$/.exec(pathOf(page));
  assert.ok(resumed, `after resuming: ${page.url()}`);
  const token2 = resumed[1];
  await axeCheck(page, 'part 5 after resuming (keyboard)');

  // Back with Shift+Tab (from the end of the page) to "Back": page 4
  // kept its answers.
  await tabTo(page, 'button[value=back]', { back: true });
  await pressAndWait(page, 'Enter');
  assert.equal(pathOf(page), `/r/${token2}/p/4`);
  await axeCheck(page, 'part 4 again (keyboard)');
  for (const [k, v] of Object.entries(await checkedValues(page)))
    assert.equal(v, answers[k], `answer to ${k} kept`);
  await tabTo(page, 'button[value=next]');
  await pressAndWait(page, 'Enter');

  for (let p = 5; p <= 8; p++) {
    assert.equal(pathOf(page), `/r/${token2}/p/${p}`);
    if (p < 8) {
      Object.assign(answers, await keyAnswerPage(page, p));
      await axeCheck(page, `part ${p}, answered (keyboard)`);
    } else { // the triggers: check boxes, Space
      await tabTo(page, 'input[name=trigger][value=opportunity]');
      await page.keyboard.press('Space');
      assert.ok(await page.isChecked('input[name=trigger][value=opportunity]'));
      await axeCheck(page, 'part 8, answered (keyboard)');
    }
    await tabTo(page, 'button[value=next]');
    await pressAndWait(page, 'Enter');
  }
  assert.equal(pathOf(page), `/r/${token2}/review`);
  await axeCheck(page, 'review (English)');
  const all = /You answered (\d+) of the (\d+) statements/.exec(await page.locator('main').textContent());
  assert.ok(all, 'the review counts the answers');
  assert.equal(all[1], all[2], 'every statement answered');
  await tabTo(page, 'main button.primary');
  assert.equal((await page.evaluate(() => document.activeElement.textContent)).trim(), 'Send');
  await pressAndWait(page, 'Enter');
  assert.equal(pathOf(page), `/r/${token2}`);
  await page.getByText(/Thank you/).first().waitFor();
  await axeCheck(page, 'receipt (English)');
  await ctx.close();
  await checkNoScriptErrors();
});

// ---- 4 ----

test('4. with enough responses the coordinator reads the results and prints the dialogue agenda', async () => {
  assert.ok(coord && round.id, 'flow 1 made a round');
  // Five more people answer (over HTTP, quickly): seven in all, so k = 5 is
  // met and the comments' threshold k + 2 = 7 too.
  const perspectives = ['teacher', 'professional', 'citizen', 'student', 'citizen'];
  for (let i = 0; i < perspectives.length; i++) {
    const ctx = await lib.newContext(browser);
    await lib.answerOverHttp(ctx, round.openUrl, perspectives[i], (name, j) => String(1 + ((i + j) % 5)));
    await ctx.close();
  }

  await coord.goto(BASE + round.path);
  assert.equal(await coord.locator('#count-total').textContent(), '7');
  // groups below k are not counted exactly on the round page
  assert.equal(await coord.locator('td[data-perspective=student]').textContent(), 'minder dan 5');
  assert.equal(await coord.locator('td[data-perspective=professional]').textContent(), 'minder dan 5');
  await axeCheck(coord, 'round with responses');

  // While the round is open the results page shows only how many answered.
  await follow(coord, coord.locator('main .actions').getByRole('link', { name: 'Resultaten' }));
  assert.equal(pathOf(coord), `${round.path}/results`);
  assert.match(await coord.locator('#not-closed').textContent(), /Tot nu toe zijn 7 vragenlijsten ingevuld/);
  assert.equal(await coord.locator('table.scores').count(), 0, 'no figures while open');
  await axeCheck(coord, 'results of an open round');

  // The coordinator closes the round; now the results appear.
  await coord.goto(BASE + round.path);
  await follow(coord, coord.getByRole('button', { name: 'Nu sluiten' }));
  assert.equal(pathOf(coord), round.path);
  assert.equal(await coord.getByRole('button', { name: 'Weer openen' }).count(), 0,
    'a round whose results were shown is not reopened');
  await follow(coord, coord.locator('main .actions').getByRole('link', { name: 'Resultaten' }));
  assert.equal(pathOf(coord), `${round.path}/results`);
  lib.remember(coord);
  assert.equal(await coord.locator('.kpi strong').first().textContent(), '7');
  const radar = coord.locator('svg.chart-radar');
  assert.equal(await radar.count(), 1, 'the radar chart');
  assert.ok((await radar.boundingBox()).width > 200);
  const scores = coord.locator('table.scores').first();
  assert.equal(await scores.locator('tbody tr').count(), 6, 'six elements in the table');
  assert.equal(await coord.locator('table.heat').count(), 1, 'the heat map');
  await axeCheck(coord, 'results');

  await follow(coord, coord.locator('nav.subnav').getByRole('link', { name: 'LOS', exact: true }));
  assert.equal(pathOf(coord), `${round.path}/results/LOS`);
  lib.remember(coord);
  assert.ok((await coord.locator('table.scores tbody tr').count()) >= 6, 'the element and its statements');
  assert.ok((await coord.locator('main svg').count()) >= 1, 'distributions');
  const comments = await coord.locator('ul.comments blockquote').allTextContents();
  assert.ok(comments.includes(COMMENT_NL), 'the Dutch comment is shown');
  assert.ok(comments.includes(COMMENT_EN), 'the English comment is shown');
  await axeCheck(coord, 'results for LOS');

  await follow(coord, coord.locator('nav.subnav').getByRole('link', { name: 'Dialoogagenda' }));
  assert.equal(pathOf(coord), `${round.path}/dialogue`);
  lib.remember(coord);
  await coord.getByRole('heading', { level: 1, name: 'Dialoogagenda' }).waitFor();
  assert.match(await coord.locator('.agenda').textContent(), /7 ingevulde vragenlijsten/);
  await axeCheck(coord, 'dialogue agenda');

  // Printed to PDF, as "Afdrukken" does: A4, at least one page. The
  // stylesheet's `@page { size: A4 }` is what a browser's print dialog
  // uses, so it is preferred here too (format 'A4' alone is Chromium's
  // 8.27 x 11.7 inch, 596 x 843 pt).
  const pdf = await coord.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  fs.mkdirSync(lib.SHOTS, { recursive: true });
  fs.writeFileSync(path.join(lib.SHOTS, 'dialogue-agenda.pdf'), pdf);
  const { pages, count } = lib.pdfPages(pdf);
  assert.ok(pages.length >= 1, 'at least one page');
  assert.equal(count, pages.length, '/Count agrees with the page objects');
  for (const mb of pages) {
    assert.ok(mb, 'every page has a MediaBox');
    const [x0, y0, x1, y1] = mb;
    // A4 is 210 x 297 mm: 595.28 x 841.89 pt
    assert.ok(Math.abs(x1 - x0 - 595.28) < 0.5, `A4 width in points: ${mb}`);
    assert.ok(Math.abs(y1 - y0 - 841.89) < 0.5, `A4 height in points: ${mb}`);
  }
  console.log(`# dialogue agenda: ${pages.length} A4 page(s), ${pdf.length} bytes`);

  // Recording an agreement: it becomes an improvement action.
  const agreement = coord.locator('fieldset', { hasText: 'Afspraak 1' });
  await agreement.getByLabel('Wat spreken we af?').fill('Elke maand een leeruur met studenten en verpleegkundigen');
  await agreement.getByLabel('Element').selectOption('LOS');
  await agreement.getByLabel('Wie trekt het?').fill('Anouk');
  await follow(coord, coord.getByRole('button', { name: 'Opslaan als verbeteracties' }));
  await coord.locator('.notice[role=status]').waitFor();
  await axeCheck(coord, 'dialogue agenda, agreement saved');

  // The screenshots for the README come from a round with many answers.
  await coord.goto(`${BASE}${WP}/rounds/2/results`);
  lib.remember(coord);
  await axeCheck(coord, 'results of round 2');
  await shot(coord, 'results', { fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 960 } });
  await coord.goto(`${BASE}${WP}/rounds/2/results/VMM`);
  lib.remember(coord);
  await axeCheck(coord, 'results of round 2 for VMM');
  await shot(coord, 'results-element');
  await coord.goto(`${BASE}${WP}/rounds/2/dialogue`);
  lib.remember(coord);
  await axeCheck(coord, 'dialogue agenda of round 2');
  await shot(coord, 'dialogue-agenda');
  await coord.emulateMedia({ media: 'print' });
  await shot(coord, 'dialogue-agenda-print', { fullPage: true });
  await coord.emulateMedia({ media: 'screen' });

  await coord.goto(`${BASE}${WP}/development`);
  lib.remember(coord);
  await axeCheck(coord, 'development');
  await checkNoScriptErrors();
});

// ---- 5 ----

test('5. an outsider reaches none of it', async () => {
  const urls = [...lib.coordinatorUrls].filter((u) => u.startsWith('/pw/'));
  assert.ok(urls.length >= 10, `the coordinator saw enough pages: ${urls}`);
  urls.push(`${WP}/rounds/${round.id}/results/SRI`, `${WP}/rounds/${round.id}/dialogue`);

  // Nobody logged in: every page sends to the login.
  const anon = await lib.newContext(browser);
  const page = await anon.newPage();
  for (const u of urls) {
    const res = await page.goto(BASE + u);
    assert.equal(pathOf(page), '/login', `${u} without login`);
    assert.equal(res.status(), 200);
    assert.ok(res.request().redirectedFrom(), `${u} was redirected`);
    assert.ok(!(await page.content()).includes(ROUND_TITLE), `${u}: nothing of the round on the login page`);
    await axeCheck(page, `login instead of ${u}`);
  }
  // A response address that is not one: 404, nothing from the round.
  const fake = await page.goto(`${BASE}/r/AAAAAAAAAAAAAAAAAAAAAA`);
  assert.equal(fake.status(), 404);
  await axeCheck(page, 'unknown questionnaire link');
  await anon.close();

  // Logged in as the coordinator of another workplace: 404 everywhere.
  const ctx = await lib.newContext(browser);
  const petra = await ctx.newPage();
  await lib.login(petra, OUTSIDER);
  await axeCheck(petra, 'home of the outsider');
  assert.equal(await petra.getByRole('link', { name: 'Leerafdeling Geriatrie' }).count(), 0);
  for (const u of urls) {
    const res = await petra.goto(BASE + u);
    assert.equal(res.status(), 404, `${u} for ${OUTSIDER}`);
    assert.equal(pathOf(petra), u);
    const body = await petra.content();
    assert.ok(!body.includes(ROUND_TITLE) && !body.includes(COMMENT_NL), `${u}: nothing of the round`);
    await axeCheck(petra, `not found: ${u}`);
  }
  // Nor can she open a round there with a form of her own.
  const csrf = await petra.locator('input[name=csrf]').first().getAttribute('value');
  const res = await ctx.request.post(`${BASE}${WP}/rounds`, {
    form: { csrf, title: 'Niet van mij', version: '1', opens_on: '2026-01-01', closes_on: '2026-02-01', k: '5' },
    maxRedirects: 0,
  });
  assert.equal(res.status(), 404, 'POST a new round in another workplace');
  await ctx.close();
  await checkNoScriptErrors();
});

// ---- 6 ----

// Issue 17: the result pages fit a phone. Wide tables scroll in their own
// box (a focusable, named region), never the page; the trigger cards are
// not cut off; the development chart is drawn on a time axis.
test('6. results on a phone: no sideways scrolling of the page', async () => {
  const pages = [
    ['results overview', `${WP}/rounds/2/results`, 'phone-results'],
    ['results for LOS', `${WP}/rounds/2/results/LOS`, 'phone-results-element'],
    ['development', `${WP}/development`, null],
    ['dialogue agenda', `${WP}/rounds/2/dialogue`, null],
  ];
  const ctx = await lib.newContext(browser, lib.PHONE);
  const phone = await ctx.newPage();
  await lib.login(phone, COORDINATOR);
  for (const [label, url, name] of pages) {
    await phone.goto(BASE + url);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${label}: the page is ${width} px wide on a 390 px screen`);
    // every table box is a named region that the keyboard reaches
    const wraps = await phone.locator('.table-wrap').evaluateAll((els) => els.map((e) => ({
      role: e.getAttribute('role'), tabindex: e.getAttribute('tabindex'),
      name: (document.getElementById(e.getAttribute('aria-labelledby') || '') || {}).textContent || '',
      scrolls: e.scrollWidth > e.clientWidth,
    })));
    for (const w of wraps) {
      assert.equal(w.role, 'region', `${label}: table box role`);
      assert.equal(w.tabindex, '0', `${label}: table box focusable`);
      assert.ok(w.name.trim().length > 0, `${label}: table box named by its caption`);
    }
    await axeCheck(phone, `${label} on a phone`);
    if (name)
      await shot(phone, name, { fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1688 } });
  }

  // The first table of the overview scrolls sideways with the arrow keys.
  await phone.goto(`${BASE}${WP}/rounds/2/results`);
  const wrap = phone.locator('.table-wrap').first();
  assert.ok(await wrap.evaluate((e) => e.scrollWidth > e.clientWidth), 'the scores table is wider than a phone');
  await wrap.focus();
  const f = await focusIndicator(phone);
  assert.ok(f.ok, 'the table box shows its focus');
  await phone.keyboard.press('ArrowRight');
  await phone.waitForFunction(() => document.querySelector('.table-wrap').scrollLeft > 0);

  // Trigger cards: nothing cut off, no "..:" after a full stop.
  for (const page of [phone, null]) {
    let p = page;
    let desk;
    if (!p) {
      desk = await lib.newContext(browser);
      p = await desk.newPage();
      await lib.login(p, COORDINATOR);
      await p.goto(`${BASE}${WP}/rounds/2/results`);
    }
    const cards = await p.locator('ul.triggers > li').evaluateAll((els) => els.map((e) => ({
      text: e.textContent, cut: [e, ...e.querySelectorAll('*')].some((x) => x.scrollWidth > x.clientWidth + 1),
    })));
    assert.equal(cards.length, 3, 'three trigger cards');
    for (const c of cards) {
      assert.ok(!c.cut, `a trigger card is cut off: ${c.text}`);
      assert.ok(!/\.:/.test(c.text), `".:" in ${c.text}`);
      assert.match(c.text, /\d+ keer genoemd/);
    }
    if (desk) {
      // the development chart on a desktop: points at their dates
      await p.goto(`${BASE}${WP}/development`);
      const chart = p.locator('svg.chart-lines');
      assert.equal(await chart.count(), 1);
      assert.equal(await chart.locator('g.labels text').count(), 6, 'the last value of each element');
      assert.equal(await chart.locator('g.legend text').count(), 6);
      assert.ok(!/[▲▼●]/.test(await chart.locator('g.legend').textContent()), 'the legend names the lines only');
      await axeCheck(p, 'development on a desktop');
      await shot(p, 'development', { fullPage: true });
      await desk.close();
    }
  }
  await ctx.close();
  await checkNoScriptErrors();
});

// The page as a screen reader meets it is the page without script: axe
// needs script to run, so each state of the no-script page is checked
// again, by address, in a second context where script runs (the server
// renders the same HTML for both: the pages have no script of their own).
async function axeByAddress(axePage, page, label) {
  await axePage.goto(page.url());
  await axeCheck(axePage, label);
}

test('7. a citizen answers in easy-read on a phone, with JavaScript off', async () => {
  const openUrl = `${BASE}/r/demo01round02open-link`;
  const ctx = await lib.newContext(browser, { ...lib.PHONE, locale: 'nl-NL', javaScriptEnabled: false });
  const page = await ctx.newPage();
  const axeCtx = await lib.newContext(browser, { ...lib.PHONE, locale: 'nl-NL' });
  const axePage = await axeCtx.newPage();

  await page.goto(openUrl);
  await follow(page, page.getByRole('link', { name: /Liever eenvoudige taal/ }));
  assert.match(await page.locator('p.lead').textContent(), /Er zijn geen goede of foute antwoorden\. Kies bij elke zin/);
  assert.ok(await page.getByRole('radio', { name: /Eenvoudige taal/ }).isChecked(), 'easy-read chosen by the link');
  await axeByAddress(axePage, page, 'welcome in easy-read (no script)');
  await shot(page, 'easy-welcome');
  await page.locator('label.opt', { hasText: 'Burger / cliënt' }).tap();
  await page.getByLabel('Ik heb dit gelezen en ik doe mee.').tap();
  await follow(page, page.getByRole('button', { name: 'Begin' }));
  const m = /^\/r\/([A-Za-z0-9_-]+)\/p\/1$/.exec(pathOf(page));
  assert.ok(m, `after Begin: ${page.url()}`);

  let answered = 0;
  for (let p = 1; p <= 8; p++) {
    assert.equal(pathOf(page), `/r/${m[1]}/p/${p}`);
    if (p === 1) {
      // what a screen reader announces: the question group named by the
      // picture's text and the easy-read statement, options by their words
      const group = page.getByRole('group', { name: /^1\. Een open boek Mensen met een ander soort werk leren hier van elkaar\.$/ });
      assert.equal(await group.count(), 1, 'the first statement, named as a screen reader reads it');
      assert.equal(await group.getByRole('radio', { name: 'Ja, helemaal' }).count(), 1);
      assert.equal(await page.locator('img.face').first().getAttribute('alt'), '', 'faces are decoration');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
                'no horizontal scrolling on an easy-read page');
      await shot(page, 'easy-question');
    }
    if (p <= 7) {
      const pictos = await page.locator('fieldset.statement img.picto').evaluateAll((els) => els.map((e) => e.alt));
      assert.ok(pictos.length > 0 && pictos.every((a) => a.length > 3), `part ${p}: every pictogram has a text`);
    }
    const chosen = await tapAnswers(page, p);
    answered += Object.keys(chosen).length;
    await axeByAddress(axePage, page, `easy-read part ${p}, answered (no script)`);
    await follow(page, page.getByRole('button', { name: p < 8 ? 'Volgende' : 'Naar versturen' }));
  }
  assert.equal(pathOf(page), `/r/${m[1]}/review`);
  const all = /Je hebt (\d+) van de (\d+) stellingen beantwoord/.exec(await page.locator('main').textContent());
  assert.ok(all, 'the review counts the answers');
  assert.equal(Number(all[1]), answered);
  assert.equal(Number(all[2]), 43, 'a citizen is asked 43 statements');
  await follow(page, page.getByRole('button', { name: 'Versturen' }));
  await page.getByText('Bedankt voor het invullen').first().waitFor();
  await axeByAddress(axePage, page, 'receipt after easy-read (no script)');
  await axeCtx.close();
  await ctx.close();
});

// ---- 8 ----

test('8. a question from a trigger, two activities, a product in the register, the year view', async () => {
  const title = 'Hoe houden we de avondoverdracht rustig? ' + Date.now();
  const product = 'Kaart rustige overdracht ' + Date.now();
  const year = new Date().toISOString().slice(0, 4);

  // The coordinator raises the question from the workplace's urgency trigger.
  const cctx = await lib.newContext(browser, { locale: 'nl-NL' });
  const c = await cctx.newPage();
  await lib.login(c, COORDINATOR);
  await c.goto(`${BASE}${WP}/questions`);
  await axeCheck(c, 'practice questions');
  await follow(c, c.locator('#triggers + ul li').nth(2).getByRole('link', { name: 'vraagstuk inbrengen' }));
  assert.equal(await c.locator('#f-trigger').inputValue(), 'urgency', 'the trigger is chosen');
  await c.fill('#f-title', title);
  await c.fill('#f-description', 'De overdracht wordt vaak onderbroken door telefoontjes.');
  await c.selectOption('#f-raised_by', 'professional');
  await c.check('#f-elements-LOS');
  await c.check('#f-elements-VOR');
  await follow(c, c.getByRole('button', { name: 'Inbrengen' }));
  assert.match(pathOf(c), /\/questions\/\d+$/);
  const qpath = pathOf(c);
  await axeCheck(c, 'a new practice question');
  assert.ok((await c.locator('main').textContent()).includes('Gevoel van urgentie'));

  // A member adds two activities with participation, and a product.
  const mctx = await lib.newContext(browser, { locale: 'nl-NL' });
  const m = await mctx.newPage();
  await lib.login(m, MEMBER);
  await m.goto(BASE + qpath);
  const activities = [
    ['learning', 'Leerbijeenkomst overdracht', { student: '5', professional: '7' }],
    ['codesign', 'Co-creatie met familie', { citizen: '4', student: '2', teacher: '1' }],
  ];
  for (const [kind, name, people] of activities) {
    await m.locator('#add-activity summary').click();
    await m.selectOption('#f-act_kind', kind);
    await m.fill('#f-act_title', name);
    for (const [p, n] of Object.entries(people))
      await m.fill(`#f-n_${p}`, n);
    await axeCheck(m, 'the activity form');
    await follow(m, m.getByRole('button', { name: 'Activiteit toevoegen' }));
    assert.equal(pathOf(m), qpath);
  }
  const rows = m.locator('#activity-list tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /Student 5, Professional 7\s*12/);
  assert.match(await rows.nth(1).textContent(), /Student 2, Docent 1, Burger \/ cliënt 4\s*7/);
  await axeCheck(m, 'a question with two activities');

  await m.locator('#add-product summary').click();
  await m.selectOption('#f-prod_kind', 'protocol');
  await m.selectOption('#f-prod_category', 'curriculum');
  await m.fill('#f-prod_title', product);
  await follow(m, m.getByRole('button', { name: 'Vastleggen' }));
  assert.match(pathOf(m), /\/outcomes\/\d+$/);
  assert.ok((await m.locator('#product-of').textContent()).includes(title), 'the outcome names its question');
  await axeCheck(m, 'the product as an outcome');

  // The register lists it under its kind, recorded once.
  await m.goto(`${BASE}${WP}/outcomes`);
  const entry = m.locator('.timeline li', { hasText: product });
  assert.equal(await entry.count(), 1);
  assert.equal(await entry.locator('.tag').textContent(), 'Actuele, beroepsechte curricula');
  await axeCheck(m, 'the outcomes register with the product');

  // Both see the year view on the development page.
  for (const p of [m, c]) {
    await p.goto(`${BASE}${WP}/development`);
    const row = p.locator('#practice-years-table tbody tr', { hasText: year }).first();
    assert.equal(await row.count(), 1, 'a row for this year');
    const cells = await row.locator('td').allTextContents();
    assert.ok(Number(cells[0]) >= 1 && Number(cells[1]) >= 2, `questions and activities this year: ${cells}`);
    assert.ok(cells[4].includes('Actuele, beroepsechte curricula'), 'the product under its kind');
    await axeCheck(p, 'the year view');
  }
  await shot(c, 'practice-year', { fullPage: true });
  await cctx.close();
  await mctx.close();
  await checkNoScriptErrors();
});

// ---- 9 ----

// Issue 18: sign-in through the institution with OpenID Connect, against a
// real provider on loopback (tests/idp/oidc.mjs, started by run.sh). A
// first sign-in makes an account without access; signing out ends the
// session; a changed e-mail address at the provider signs in to the same
// account. The refusals (tampered, wrong audience, expired, replayed,
// wrong state) are in tests/http/test_sign_in.py, which changes messages.
test('9. sign in through the institution (OpenID Connect)', async () => {
  const state = process.env.WP_IDP_STATE;
  assert.ok(state, 'run.sh passes the provider in WP_IDP_STATE');
  const person = (email) => fs.writeFileSync(state, JSON.stringify({
    account: 'e2e-1', claims: { email, name: 'E2E Persoon' }, mode: '' }));
  person('e2e@example.org');
  const ctx = await lib.newContext(browser);
  const page = await ctx.newPage();
  await page.goto(`${BASE}/login?next=/account`);
  await axeCheck(page, 'login with an identity provider');
  await follow(page, page.locator('#sso-test'));
  assert.equal(pathOf(page), '/account', 'back where the sign-in started');
  assert.match(await page.locator('main').textContent(), /E2E Persoon/);
  assert.match(await page.locator('main').textContent(), /e2e@example\.org/);
  await page.goto(`${BASE}/`);
  assert.equal(await page.locator(`a[href="${WP}"]`).count(), 0, 'a first sign-in gives no workplace');
  await axeCheck(page, 'home after a first sign-in');
  await shot(page, 'sign-in-first');
  // sign out: the session ends
  await follow(page, page.locator('form[action="/logout"] button'));
  await page.goto(`${BASE}/account`);
  assert.equal(pathOf(page), '/login', 'signed out');
  // the provider now sends another address: the same account
  person('e2e-nieuw@example.org');
  await follow(page, page.locator('#sso-test'));
  assert.equal(pathOf(page), '/account');
  assert.match(await page.locator('main').textContent(), /e2e@example\.org/, 'the same account');
  await ctx.close();
  await checkNoScriptErrors();
});

// ---- 10 ----

// Issue 18: the same with SAML 2.0 against a real identity provider on
// loopback (Lasso in the IdP role, tests/idp/saml_idp.py, started by
// run.sh): the IdP's page posts the signed response to werkplaats's ACS.
// The refusals are in tests/http/test_sign_in_saml.py.
test('10. sign in through the institution (SAML 2.0)', async () => {
  const state = process.env.WP_SAML_STATE;
  assert.ok(state, 'run.sh passes the SAML provider in WP_SAML_STATE');
  const ctx = await lib.newContext(browser);
  const page = await ctx.newPage();
  await page.goto(`${BASE}/login?next=/account`);
  await Promise.all([page.waitForURL(`${BASE}/account`), page.locator('#sso-saml').click()]);
  assert.match(await page.locator('main').textContent(), /SAML Persoon/);
  assert.match(await page.locator('main').textContent(), /e2e-saml@example\.org/);
  await axeCheck(page, 'account after a SAML sign-in');
  await page.goto(`${BASE}/`);
  assert.equal(await page.locator(`a[href="${WP}"]`).count(), 0, 'a first sign-in gives no workplace');
  await shot(page, 'sign-in-saml');
  // sign out and in again: the same account, found by its NameID
  await follow(page, page.locator('form[action="/logout"] button'));
  await page.goto(`${BASE}/account`);
  assert.equal(pathOf(page), '/login', 'signed out');
  fs.writeFileSync(state, JSON.stringify({
    account: 'e2e-saml', claims: { email: 'e2e-saml-nieuw@example.org', name: 'SAML Persoon' }, mode: '' }));
  await Promise.all([page.waitForURL(`${BASE}/account`), page.locator('#sso-saml').click()]);
  assert.match(await page.locator('main').textContent(), /e2e-saml@example\.org/, 'the same account');
  await ctx.close();
  await checkNoScriptErrors();
});
