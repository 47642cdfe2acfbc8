import type { Config } from '../core/config';

export interface WelcomeAccount {
  id: string;
  password: string;
  uuid: string;
}

/** What `npm start` prints for a new user: where to go and whom to log in as. */
export function printWelcome(
  port: number,
  config: Pick<Config, 'nodeEnv' | 'traffic' | 'sandbox'>,
  demoAccounts: readonly WelcomeAccount[],
): void {
  const { allowlist, threshold } = config.traffic.flood;
  const flood =
    threshold === 0
      ? 'off'
      : `${threshold} requests/s per address${allowlist.length ? `, never counted: ${allowlist.join(', ')}` : ''}`;
  const accounts = demoAccounts.map((a) => `    ${a.id.padEnd(10)} ${a.password.padEnd(12)} ${a.uuid}`).join('\n');
  const graphql = config.sandbox
    ? `  GraphQL + Apollo Sandbox: http://localhost:${port}/graphql\n` +
      `  GraphiQL, no internet needed: http://localhost:${port}/graphiql\n`
    : `  GraphQL: http://localhost:${port}/graphql (explorers off: GRAPHQL_SANDBOX=false)\n`;
  process.stdout.write(
    `\nDMS-SMS gateway ready (embedded reference services, demo data)\n` +
      graphql +
      `  Health: http://localhost:${port}/healthz   Readiness: http://localhost:${port}/readyz\n` +
      `  Mode: ${config.nodeEnv}   Flood guard: ${flood} (FLOOD_THRESHOLD, FLOOD_ALLOWLIST)\n` +
      `  Demo accounts (login id, password, uuid):\n${accounts}\n\n`,
  );
}
