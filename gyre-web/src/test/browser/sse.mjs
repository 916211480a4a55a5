// Opens EventSource streams of a live app in Chromium and prints what the browser delivered, as
// one JSON line per scenario and a last line with all of them. The app serves the routes of
// BrowserSseTest (gyre-testing); the same script runs against any server with those routes.
// Requests that leave the loopback interface are blocked and reported.
//
// Scenarios:
//   format    events with odd data, ids, names and retry, up to a "done" event
//   resume    the server ends the stream; the browser reconnects with Last-Event-ID
//   leave     the page calls es.close(); polls until the source's cleanup ran
//   tab       the tab with the stream closes; another page polls until the cleanup ran
//   fails     the source throws after one event: what the page sees
//   comments  the raw bytes of a quiet stream, read with fetch (comments are invisible to EventSource)
//   shutdown  prints {"open":true} once a stream is open, then reports how the stream ended
//
// usage: node sse.mjs BASE_URL SCENARIO...
import { chromium } from 'playwright-core';

const [base, ...scenarios] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GYRE_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--disable-quic'],
});
const result = { outside: [], errors: [] };

/** Collects events from a stream until `until` says stop (or 15 s pass), then closes it. */
const collect = (page, path, until, names = []) => page.evaluate(({ path, until, names }) => new Promise((resolve) => {
  const seen = { events: [], errors: 0, opens: 0 };
  const es = new EventSource(path);
  const stop = new Function('e', 'seen', 'return ' + until);
  const finish = (extra) => {
    clearTimeout(timer);
    es.close();
    resolve({ ...seen, ...extra });
  };
  const timer = setTimeout(() => finish({ timeout: true }), 15000);
  const on = (e) => {
    seen.events.push({ type: e.type, data: e.data, lastEventId: e.lastEventId });
    if (stop(e, seen)) {
      finish({});
    }
  };
  es.onmessage = on;
  for (const name of names) {
    es.addEventListener(name, on);
  }
  es.onopen = () => { seen.opens++; };
  es.onerror = () => {
    seen.errors++;
    seen.readyStateAfterError = es.readyState;
    if (stop({ type: 'error' }, seen)) {
      finish({});
    }
  };
}), { path, until, names });

/** Polls a cleanup counter until it is at least 1 or 10 s pass; returns the count and the wait. */
const awaitCleanup = (page, name) => page.evaluate(async (name) => {
  const start = performance.now();
  while (performance.now() - start < 10000) {
    const count = Number(await (await fetch('/sse/cleanups?name=' + name)).text());
    if (count >= 1) {
      return { cleanups: count, waitedMs: Math.round(performance.now() - start) };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { cleanups: 0, waitedMs: Math.round(performance.now() - start) };
}, name);

const run = {
  format: (page) => collect(page, '/sse/format', "e.type === 'done'", ['tick', 'done', ' spaced']),
  resume: (page) => collect(page, '/sse/resume', "e.type === 'message' && e.data === '4'"),
  leave: async (page) => {
    const opened = await collect(page, '/sse/quiet?name=leave', "e.type === 'message'");
    return { ...opened, ...(await awaitCleanup(page, 'leave')) };
  },
  tab: async (page, context) => {
    const tab = await context.newPage();
    await tab.goto(base + '/sse/page');
    const first = await tab.evaluate(() => new Promise((resolve) => {
      const es = new EventSource('/sse/quiet?name=tab');
      const timer = setTimeout(() => resolve('timeout'), 15000);
      es.onmessage = (e) => { clearTimeout(timer); resolve(e.data); };
    }));
    await tab.close();
    return { first, ...(await awaitCleanup(page, 'tab')) };
  },
  fails: (page) => collect(page, '/sse/fails', 'seen.events.length === 2'),
  comments: (page) => page.evaluate(async () => {
    const controller = new AbortController();
    const response = await fetch('/sse/quiet?name=comments&keepAliveMs=50', { signal: controller.signal });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const start = performance.now();
    while ((text.match(/: keep-alive/g) || []).length < 2 && performance.now() - start < 10000) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    return { contentType: response.headers.get('content-type'), text };
  }),
  shutdown: (page) => page.evaluate(() => new Promise((resolve) => {
    const seen = { events: [], errors: 0 };
    const es = new EventSource('/sse/quiet?name=shutdown');
    let opened = 0;
    const timer = setTimeout(() => { es.close(); resolve({ ...seen, timeout: true }); }, 60000);
    es.onmessage = (e) => {
      seen.events.push(e.data);
      opened = performance.now();
      window.reportOpen();
    };
    es.onerror = () => {
      clearTimeout(timer);
      seen.errors++;
      seen.endedAfterMs = Math.round(performance.now() - opened);
      es.close();
      resolve(seen);
    };
  })),
};

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
  await page.exposeFunction('reportOpen', () => console.log(JSON.stringify({ open: true })));
  await page.goto(base + '/sse/page');
  for (const name of scenarios) {
    result[name] = await run[name](page, context);
    console.log(JSON.stringify({ [name]: result[name] }));
  }
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
