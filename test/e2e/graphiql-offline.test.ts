import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startBuiltGateway, type BuiltGateway } from './built-gateway';

/**
 * The offline explorer in Debian's Chromium (`.ci/run` installs it; no browser is downloaded) with the network off:
 * only the gateway's loopback origin may be reached. Off in production unless enabled: embedded-default.test.ts.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // No calls home of the browser's own (component updates, sync, reliability reports, …).
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  // Network off below the page too: no name resolves, and anything not on loopback goes to a closed port.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=127.0.0.1:9',
];

/** Everything one browser context asked for, and what went wrong. */
interface Watch {
  requested: string[];
  /** Requests to anywhere but the gateway: aborted, and each one a failure of "no CDN". */
  elsewhere: string[];
  failed: string[];
  /** Console errors (a refused Content-Security-Policy shows here) and uncaught page errors. */
  errors: string[];
}

async function openWatched(
  browser: Browser,
  origin: string,
): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext();
  const watch: Watch = { requested: [], elsewhere: [], failed: [], errors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    watch.elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  context.on('request', (request) => watch.requested.push(request.url()));
  context.on('requestfailed', (request) => watch.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  return { context, page, watch };
}

/** The browser's clipboard classes (the tests compile without the DOM library). */
interface BrowserClipboard {
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: object) => Event;
}

/**
 * Replaces an editor's whole text by pasting (typing would get brackets and quotes auto-closed by Monaco). Monaco
 * applies a paste on its next frame, and a busy machine may not have focused the editor yet: the paste is retried
 * until the editor shows the text.
 */
async function pasteText(page: Page, editor: Locator, text: string): Promise<void> {
  const lines = editor.locator('.view-lines');
  // Monaco draws spaces as no-break spaces.
  const shown = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
  for (let attempt = 0; attempt < 5 && (await shown()) !== text; attempt += 1) {
    await lines.click();
    await page.keyboard.press('Control+A');
    await editor.locator('textarea').evaluate((area, value) => {
      const { DataTransfer, ClipboardEvent } = globalThis as unknown as BrowserClipboard;
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', value);
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, text);
    for (let wait = 0; wait < 20 && (await shown()) !== text; wait += 1) await page.waitForTimeout(50);
  }
  expect(await shown()).toBe(text);
}

async function runAndRead(page: Page, expected: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
  await page.locator('.graphiql-response').filter({ hasText: expected }).waitFor({ timeout: 15_000 });
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation { loginStudent(id: "student1", password: "student1234") { accessToken } }',
    }),
  });
  const body = (await res.json()) as { data: { loginStudent: { accessToken: string } } };
  return body.data.loginStudent.accessToken;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('GraphiQL at /graphiql with the network off (headless Chromium)', () => {
  let gateway: BuiltGateway;
  let browser: Browser;
  let page: Page;
  let watch: Watch;
  beforeAll(async () => {
    // As production would, with the explorers enabled (and introspection, without which no explorer has a schema).
    gateway = await startBuiltGateway({ GRAPHQL_SANDBOX: 'true', GRAPHQL_INTROSPECTION: 'true' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    ({ page, watch } = await openWatched(browser, gateway.base));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('loads every script, style, font and worker from the gateway: none failed, nothing tried elsewhere', async () => {
    const schema = page.waitForResponse(
      (res) => res.url() === `${gateway.base}/graphql` && /IntrospectionQuery/.test(res.request().postData() ?? ''),
    );
    const res = await page.goto(`${gateway.base}/graphiql`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    const introspection = await schema;
    expect(introspection.status()).toBe(200);
    expect(await introspection.json()).toMatchObject({ data: { __schema: { queryType: { name: 'Query' } } } });
    // Monaco's workers (the GraphQL language service among them) come from the gateway too.
    await until(
      () => watch.requested.some((url) => url.includes('/graphiql/assets/graphql.worker-')),
      15_000,
      'the workers',
    );

    expect(watch.requested.filter((url) => !url.startsWith(`${gateway.base}/`))).toEqual([]);
    expect(watch.elsewhere).toEqual([]);
    expect(watch.failed).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('has the schema: the documentation explorer lists the fields of Query', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByRole('link', { name: 'Query', exact: true }).first().click();
    await docs.getByText('clubCount', { exact: true }).waitFor();
  });

  it('runs { __typename } and shows "__typename": "Query"', async () => {
    await pasteText(page, page.locator('.graphiql-query-editor'), '{ __typename }');
    await runAndRead(page, /"__typename":\s"Query"/);
  });

  it('sends a token pasted as {"Authorization": "Bearer …"} in the headers pane', async () => {
    const token = await login(gateway.base);
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await pasteText(
      page,
      page.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden)'),
      `{"Authorization": "Bearer ${token}"}`,
    );
    await pasteText(page, page.locator('.graphiql-query-editor'), '{ me { __typename } }');
    await runAndRead(page, /"__typename":\s"Student"/);
    expect(watch.elsewhere).toEqual([]);
    expect(watch.failed).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('subscribes over WebSocket with the headers pane as connection_init, and shows the event a write causes', async () => {
    // A page of its own, in the layout a reader first sees.
    const explorer = await openWatched(browser, gateway.base);
    const { page: own } = explorer;
    await own.goto(`${gateway.base}/graphiql`);
    await own.locator('.graphiql-query-editor .monaco-editor').waitFor();
    const token = await login(gateway.base);
    await own.getByRole('button', { name: 'Headers', exact: true }).click();
    await pasteText(
      own,
      own.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden)'),
      `{"Authorization": "Bearer ${token}"}`,
    );
    await pasteText(own, own.locator('.graphiql-query-editor'), 'subscription { myOutingUpdated { id status } }');
    // GraphiQL learns what the text is (a subscription) 100 ms after an edit, and stores it then: a run before
    // that would send the new text as the old kind of operation.
    await own.waitForFunction(() =>
      (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage
        .getItem('graphiql:query')
        ?.startsWith('subscription'),
    );
    await own.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    const subscribed = async () => {
      const text = await (await fetch(`${gateway.base}/metrics`)).text();
      return /^gateway_subscriptions\{field="myOutingUpdated"\} 1$/m.test(text);
    };
    const end = Date.now() + 15_000;
    while (!(await subscribed())) {
      if (Date.now() > end) throw new Error('the explorer did not subscribe');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // student1 leaves on their approved demo outing (legacy REST route 53).
    const started = await fetch(`${gateway.base}/v1/outings/uuid/outing-000000000004/actions/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(started.status).toBe(200);
    await own
      .locator('.graphiql-response')
      .filter({ hasText: /"id":\s"outing-000000000004",\s*"status":\s"OUT"/ })
      .waitFor({ timeout: 15_000 });
    expect(explorer.watch.elsewhere).toEqual([]);
    expect(explorer.watch.errors).toEqual([]);
    await explorer.context.close();
  });

  it("is linked from the Sandbox page's offline message", async () => {
    const sandbox = await openWatched(browser, gateway.base);
    await sandbox.page.goto(`${gateway.base}/graphql`);
    await sandbox.page.getByRole('link', { name: 'GraphiQL' }).click();
    await sandbox.page.waitForURL(`${gateway.base}/graphiql`);
    await sandbox.page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    // Sandbox itself was asked for at Apollo's CDN and refused: the page really was offline.
    expect(sandbox.watch.elsewhere.some((url) => url.includes('embeddable-sandbox'))).toBe(true);
    await sandbox.context.close();
  });
});
