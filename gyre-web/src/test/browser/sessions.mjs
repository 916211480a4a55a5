// Logs in and out of a live app's signed-cookie session in Chromium and prints, as one JSON line,
// what the page and the browser's cookie store saw at each step. The app serves the routes of
// BrowserSessionsTest (gyre-testing). Requests that leave the loopback interface are blocked and
// reported.
//
// Steps: open the page; POST /s/login; read document.cookie and GET /s/me; read the cookie's
// attributes from the store; GET /s/me again (the cookie is not sent back when nothing changed);
// POST /s/big (the largest session the app accepts) and GET /s/big; POST /s/logout; GET /s/me.
//
// usage: node sessions.mjs BASE_URL
import { chromium } from 'playwright-core';

const [base] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GYRE_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--disable-quic'],
});
const result = { outside: [], errors: [] };
try {
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') {
      return route.continue();
    }
    result.outside.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => result.errors.push(String(e)));
  await page.goto(base + '/s/page');
  /** Sends a request from the page; returns the body and whether the response set a cookie. */
  const call = (method, path) => page.evaluate(async ({ method, path }) => {
    const response = await fetch(path, { method });
    return { status: response.status, text: await response.text() };
  }, { method, path });
  const session = async () => (await context.cookies(base)).find((c) => c.name === 'session') || null;

  result.login = await call('POST', '/s/login?user=ann');
  result.documentCookie = await page.evaluate(() => document.cookie);
  result.me = await call('GET', '/s/me');
  const stored = await session();
  result.cookie = stored && {
    httpOnly: stored.httpOnly, secure: stored.secure, sameSite: stored.sameSite, path: stored.path,
    domain: stored.domain, expiresInDays: (stored.expires - Date.now() / 1000) / 86400,
  };
  result.valueBeforeRead = stored && stored.value;
  result.meAgain = await call('GET', '/s/me');
  result.valueAfterRead = (await session())?.value ?? null;
  result.big = await call('POST', '/s/big');
  result.bigCookieLength = (await session())?.value.length ?? 0;
  result.bigRead = await call('GET', '/s/big');
  result.logout = await call('POST', '/s/logout');
  result.afterLogout = await session();
  result.meAfterLogout = await call('GET', '/s/me');
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
