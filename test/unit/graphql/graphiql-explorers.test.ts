import { acceptsGzip } from '../../../src/graphql/graphiql-route';
import {
  addOfflineExplorerLink,
  addSubscriptionEndpoint,
  sandboxLandingPage,
} from '../../../src/graphql/sandbox-landing-page';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['GZIP', true],
    [undefined, false],
    ['', false],
    ['identity', false],
    ['br', false],
    ['gzip;q=0', false],
    ['gzip;q=0.000', false],
  ])('%s → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});

describe("the link to the offline explorer on Apollo's Sandbox page", () => {
  it("follows Apollo's offline message in the page Apollo renders, with a style under the page's nonce", async () => {
    const listener = await sandboxLandingPage('/graphiql').serverWillStart?.({} as never);
    const page = await listener?.renderLandingPage?.();
    const html = typeof page?.html === 'function' ? await page.html() : page?.html;
    const nonce = /<style nonce="?([0-9a-f]+)/.exec(html ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(html).toMatch(
      /it appears that you might be offline\.<\/p>\s*<p>[^<]*<a href="\/graphiql">GraphiQL<\/a>\.<\/p>\s*<style nonce="[0-9a-f]+">#embeddableSandbox:empty/,
    );
    expect(html).toContain(`<style nonce="${nonce}">#embeddableSandbox:empty`);
    expect(html).toContain('embeddable-sandbox');
  });

  it("leaves a page without Apollo's message as it is", () => {
    expect(addOfflineExplorerLink('<p>something else</p>', '/graphiql')).toBe('<p>something else</p>');
  });
});

describe("Sandbox's subscription endpoint", () => {
  const render = async (subscriptions: boolean) => {
    const listener = await sandboxLandingPage('/graphiql', subscriptions).serverWillStart?.({} as never);
    const page = await listener?.renderLandingPage?.();
    return (typeof page?.html === 'function' ? await page.html() : page?.html) ?? '';
  };

  it("is the page's own URL as ws:/wss:, passed to Sandbox beside the endpoint, in the page Apollo renders", async () => {
    const html = await render(true);
    expect(html).toMatch(
      /new window\.EmbeddedSandbox\(\s*\{\s*\.\.\.embeddedSandboxConfig,\s*initialEndpoint,\s*initialSubscriptionEndpoint: initialEndpoint/,
    );
    // The expression Sandbox gets, run on the URLs a browser may show.
    const expression = /initialSubscriptionEndpoint: (.+),\n/.exec(html)?.[1] ?? '';
    const subscriptionUrl = (initialEndpoint: string) =>
      new Function('initialEndpoint', `return ${expression}`)(initialEndpoint) as string;
    expect(subscriptionUrl('http://localhost:4000/graphql')).toBe('ws://localhost:4000/graphql');
    expect(subscriptionUrl('https://gateway.dsm.hs.kr/graphql?explorerURLState=abc#x')).toBe(
      'wss://gateway.dsm.hs.kr/graphql',
    );
  });

  it('is left out when subscriptions are off, and a page without the Sandbox call is left as it is', async () => {
    expect(await render(false)).not.toContain('initialSubscriptionEndpoint');
    expect(addSubscriptionEndpoint('<p>no sandbox</p>')).toBe('<p>no sandbox</p>');
  });
});
