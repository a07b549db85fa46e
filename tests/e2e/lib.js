'use strict';
// lib.js - what the end-to-end tests share: Debian's Chromium through
// playwright-core, browser contexts for a desktop and a phone, axe-core on
// every page, keyboard helpers, screenshots, a minimal PDF reader and a
// questionnaire filled in over plain HTTP (for "enough responses").
//
// The server is started by run.sh; its address comes in WP_BASE.

const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');

const BASE = (process.env.WP_BASE || 'http://127.0.0.1:8080').replace(/\/$/, '');
const SHOTS = process.env.WP_SHOTS || path.resolve(__dirname, '../../build/e2e-shots');
const CHROMIUM = process.env.WP_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'werkplaats-demo';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

// playwright-core passes --headless and a fresh --user-data-dir of its own
// (a new temporary profile per launch, removed on close).
function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = {
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
             'Chrome/156.0.0.0 Mobile Safari/537.36',
};

// A new context: its own cookies, the given language. bypassCSP lets axe's
// script in past the application's `script-src 'self'`; the page's own
// behaviour does not depend on it (it has no script).
async function newContext(browser, opts = {}) {
  const { locale = 'nl-NL', ...rest } = opts;
  const ctx = await browser.newContext({ ...DESKTOP, locale, bypassCSP: true, ...rest });
  ctx.setDefaultTimeout(15000);
  ctx.on('page', watchPage);
  return ctx;
}

// Script errors on any page fail the test that made the page.
const pageErrors = [];
function watchPage(page) {
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
}

// ---- accessibility ----

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeFindings = new Map(); // "rule|impact" -> { help, pages: Set }
let axePages = 0;

// Run axe-core on the page as it is now. Serious and critical violations
// fail; the others are collected for the summary (axeSummary()).
async function axeCheck(page, label) {
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected)
    await page.addScriptTag({ content: AXE_SOURCE });
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  axePages++;
  const where = `${label} (${new URL(page.url()).pathname})`;
  const bad = [];
  for (const v of res.violations) {
    const key = `${v.id}|${v.impact}`;
    if (!axeFindings.has(key))
      axeFindings.set(key, { id: v.id, impact: v.impact, help: v.help, pages: new Set(), targets: new Set() });
    const f = axeFindings.get(key);
    f.pages.add(where);
    for (const n of v.nodes.slice(0, 3))
      f.targets.add(n.target.join(' '));
    if (v.impact === 'serious' || v.impact === 'critical')
      bad.push(`${v.impact} ${v.id}: ${v.help}\n    ` +
               v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join('\n    '));
  }
  assert.equal(bad.length, 0, `axe on ${where}:\n  ${bad.join('\n  ')}`);
}

function axeSummary() {
  const lines = [`axe-core ran on ${axePages} page states.`];
  if (axeFindings.size === 0)
    lines.push('No violations of any impact.');
  for (const f of axeFindings.values())
    lines.push(`${f.impact} ${f.id}: ${f.help}\n    on ${[...f.pages].join(', ')}` +
               `\n    e.g. ${[...f.targets].slice(0, 3).join(' | ')}`);
  return lines.join('\n');
}

// ---- navigation ----

// Every address the coordinator saw: the outsider tries them all.
const coordinatorUrls = new Set();
function remember(page) {
  const u = new URL(page.url());
  coordinatorUrls.add(u.pathname + u.search);
}

async function login(page, email, { expectPath = '/' } = {}) {
  await page.goto(BASE + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  // the password form's button (the login page may also show sign-in buttons)
  await Promise.all([page.waitForNavigation(), page.locator('main form[action="/login"] button.primary').click()]);
  assert.equal(new URL(page.url()).pathname, expectPath, `login of ${email}`);
}

// Follow a link or button and wait for the new document.
async function follow(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

// ---- keyboard ----

// Whether the focused element shows that it has focus: an outline or a
// box shadow on it, or an outline on the option box or card around it (our
// CSS draws the ring on `.opt` around a radio and on `.card` around a link).
async function focusIndicator(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body)
      return { ok: false, what: 'nothing focused' };
    const ring = (e) => {
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ? `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : null;
    };
    const desc = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                 (el.name ? `[name=${el.name}]` : '') + (el.value && el.type === 'radio' ? `[value=${el.value}]` : '') +
                 (el.tagName === 'A' || el.tagName === 'BUTTON' ? ` "${el.textContent.trim().slice(0, 40)}"` : '');
    let how = ring(el);
    if (!how) {
      const s = getComputedStyle(el);
      if (s.boxShadow && s.boxShadow !== 'none')
        how = `box-shadow ${s.boxShadow}`;
    }
    if (!how) {
      const around = el.closest('.opt, .card');
      if (around)
        how = ring(around) && `${ring(around)} on .${around.className.split(' ')[0]}`;
    }
    return { ok: !!how, what: desc, how };
  });
}

// Press Tab (Shift+Tab with back) until the focused element matches the
// selector; every element on the way must show its focus.
async function tabTo(page, selector, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focusIndicator(page);
    assert.ok(f.ok, `focus not visible on ${f.what} at ${page.url()}`);
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector))
      return f;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

// Press a key that submits a form or follows a link, and wait for the page.
async function pressAndWait(page, key) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

// ---- screenshots ----

function shot(page, name, opts = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, name + '.png'), ...opts });
}

// ---- PDF ----

// The pages of a PDF and their MediaBox, read from the bytes: enough to
// check what Chromium's printing made, not a PDF parser. Chromium (Skia)
// writes page objects uncompressed; only content streams are compressed.
function pdfPages(buf) {
  const text = buf.toString('latin1');
  assert.ok(text.startsWith('%PDF-'), 'not a PDF');
  assert.ok(/%%EOF\s*$/.test(text), 'PDF does not end with %%EOF');
  const pages = [];
  const re = /\/Type\s*\/Page(?![s\w])/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    // the dictionary around this /Type /Page: from its "obj" to "endobj"
    const start = text.lastIndexOf(' obj', m.index);
    const end = text.indexOf('endobj', m.index);
    const dict = text.slice(start, end);
    const mb = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(dict);
    pages.push(mb ? mb.slice(1).map(Number) : null);
  }
  const count = /\/Type\s*\/Pages\b[^]*?\/Count\s+(\d+)/.exec(text);
  return { pages, count: count ? Number(count[1]) : null };
}

// ---- answering over plain HTTP ----

// One complete response through the open link, as a browser would send it
// but without one: the welcome form, the eight pages, sending. Uses the
// context's request API, so the cookie (and CSRF token) is the context's.
async function answerOverHttp(ctx, openUrl, perspective, pick) {
  const req = ctx.request;
  const csrfOf = (html) => /name="csrf" value="([0-9a-f]+)"/.exec(html)[1];
  let html = await (await req.get(openUrl)).text();
  const start = await req.post(openUrl + '/start', {
    form: { csrf: csrfOf(html), perspective, consent: 'yes' }, maxRedirects: 0,
  });
  assert.equal(start.status(), 303, 'start');
  const loc = new URL(start.headers()['location'], BASE).pathname; // /r/T/p/1
  const token = loc.split('/')[2];
  for (let p = 1; p <= 8; p++) {
    html = await (await req.get(`${BASE}/r/${token}/p/${p}`)).text();
    const body = new URLSearchParams({ csrf: csrfOf(html), go: 'next' });
    const names = [...new Set([...html.matchAll(/type="radio" name="([A-Za-z0-9_]+)"/g)].map((m) => m[1]))];
    names.forEach((n, i) => body.append(n, pick(n, i)));
    if (p === 8)
      body.append('trigger', 'complex');
    const r = await req.post(`${BASE}/r/${token}/p/${p}`, {
      data: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      maxRedirects: 0,
    });
    assert.equal(r.status(), 303, `page ${p}`);
  }
  html = await (await req.get(`${BASE}/r/${token}/review`)).text();
  const sent = await req.post(`${BASE}/r/${token}/submit`, { form: { csrf: csrfOf(html) }, maxRedirects: 0 });
  assert.equal(sent.status(), 303, 'submit');
  return token;
}

module.exports = {
  BASE, SHOTS, PASSWORD, launch, newContext, DESKTOP, PHONE, pageErrors,
  axeCheck, axeSummary, coordinatorUrls, remember, login, follow,
  focusIndicator, tabTo, pressAndWait, shot, pdfPages, answerOverHttp,
};
