import type { ApolloServerPlugin, BaseContext, LandingPage } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

/** The end of Apollo's offline message: "Apollo Sandbox cannot be loaded; it appears that you might be offline." */
const OFFLINE_MESSAGE_END = 'it appears that you might be offline.</p>';

/**
 * Adds a link to the offline explorer after the message Apollo's page shows when Sandbox cannot load from Apollo's
 * CDN. Apollo's plugin has no option for it, so this edits Apollo's HTML; when Apollo's markup changes the page is
 * left as it is (and the explorer's browser test, which follows the link, fails).
 */
export function addOfflineExplorerLink(html: string, explorerPath: string): string {
  const at = html.indexOf(OFFLINE_MESSAGE_END);
  // Apollo's policy allows only styles carrying the page's nonce.
  const nonce = /<style nonce="?([0-9a-f]+)"?>/.exec(html)?.[1];
  if (at < 0 || !nonce) return html;
  const end = at + OFFLINE_MESSAGE_END.length;
  const link =
    `\n  <p>This gateway also serves an explorer that needs no internet: <a href="${explorerPath}">GraphiQL</a>.</p>` +
    // Sandbox's frame holder covers the message; while it is empty (Sandbox did not load) it lets clicks through.
    `\n  <style nonce="${nonce}">#embeddableSandbox:empty { pointer-events: none; }</style>`;
  return html.slice(0, end) + link + html.slice(end);
}

/** Where Apollo's page starts Sandbox, and the option it passes it the page's own URL with. */
const SANDBOX_START = 'new window.EmbeddedSandbox(';
const ENDPOINT_OPTION = 'initialEndpoint,';

/**
 * Tells Sandbox where subscriptions go: the page's own URL as `ws:`/`wss:` (`initialSubscriptionEndpoint`, an
 * option of Sandbox's embed that Apollo's plugin does not pass on), so that Sandbox subscribes on `/graphql`
 * over WebSocket; Sandbox's connection settings pick the protocol (graphql-ws, which is `graphql-transport-ws`).
 * When Apollo's markup changes the page is left as it is (and the unit test on it fails).
 */
export function addSubscriptionEndpoint(html: string): string {
  const start = html.indexOf(SANDBOX_START);
  const at = start < 0 ? -1 : html.indexOf(ENDPOINT_OPTION, start);
  if (at < 0) return html;
  const end = at + ENDPOINT_OPTION.length;
  const option = "\n      initialSubscriptionEndpoint: initialEndpoint.split(/[?#]/)[0].replace(/^http/, 'ws'),";
  return html.slice(0, end) + option + html.slice(end);
}

/**
 * Apollo Sandbox at `GET /graphql` (embedded, no cookies), its offline message linking to the offline explorer,
 * subscribing over WebSocket on the same URL when subscriptions are on.
 */
export function sandboxLandingPage(explorerPath: string, subscriptions = false): ApolloServerPlugin<BaseContext> {
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false });
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!render) return listener;
      return {
        ...listener,
        async renderLandingPage(): Promise<LandingPage> {
          const page = await render.call(listener);
          const html = page.html;
          return {
            html: async () => {
              const withLink = addOfflineExplorerLink(typeof html === 'string' ? html : await html(), explorerPath);
              return subscriptions ? addSubscriptionEndpoint(withLink) : withLink;
            },
          };
        },
      };
    },
  };
}
