// The offline explorer in the browser: GraphiQL against the gateway's /graphql. Bundled by
// scripts/build-graphiql.mjs; every script, style, font and worker comes from the gateway itself.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './explorer.css';

// Monaco's web workers, bundled beside this script under content-hashed names the build fills in.
const workers = __MONACO_WORKERS__;
globalThis.MonacoEnvironment = {
  getWorker: (_workerId, label) => new Worker(new URL(workers[label] ?? workers.editor, import.meta.url)),
};

const DEFAULT_QUERY = `# GraphiQL, served by the gateway itself:
# no internet needed.
#
# Signed-in queries need a token. Log in,
# copy the accessToken, open "Headers" below
# and paste:
#   {"Authorization": "Bearer <accessToken>"}
#
# mutation {
#   loginStudent(id: "student1",
#     password: "student1234") { accessToken }
# }
#
# (student1: a demo account of \`npm start\`)
# Run with Ctrl-Enter. Subscriptions work too,
# with the same header:
#   subscription { myOutingUpdated { id status } }

{
  __typename
}
`;

const root = document.getElementById('graphiql');
/** The endpoint as a WebSocket URL on the page's own origin (ws: under http:, wss: under https:). */
const subscriptionUrl = () => {
  const url = new URL(root.dataset.endpoint, document.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
};
// JSON POSTs (never a "simple" request, so the gateway's CSRF prevention lets them through); no multipart
// streaming, which the gateway does not serve. Subscriptions over WebSocket (graphql-ws) when the gateway serves
// them: the Headers tab (the token) goes as `connection_init`'s payload.
const fetcher = createGraphiQLFetcher({
  url: root.dataset.endpoint,
  enableIncrementalDelivery: false,
  ...(root.dataset.subscriptions === 'websocket' ? { subscriptionUrl: subscriptionUrl() } : {}),
});
// Headers (and so tokens) are not persisted in the browser's storage.
createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, shouldPersistHeaders: false }));
