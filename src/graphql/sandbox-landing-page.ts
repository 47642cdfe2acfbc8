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

/** Apollo Sandbox at `GET /graphql` (embedded, no cookies), its offline message linking to the offline explorer. */
export function sandboxLandingPage(explorerPath: string): ApolloServerPlugin<BaseContext> {
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
            html: async () => addOfflineExplorerLink(typeof html === 'string' ? html : await html(), explorerPath),
          };
        },
      };
    },
  };
}
