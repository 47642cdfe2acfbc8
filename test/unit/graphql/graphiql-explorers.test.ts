import { acceptsGzip } from '../../../src/graphql/graphiql-route';
import { addOfflineExplorerLink, sandboxLandingPage } from '../../../src/graphql/sandbox-landing-page';

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
