import { DEMO_ACCOUNTS } from '../reference-services/demo-data';

/** What `npm start` prints for a new user: where to go and whom to log in as. */
export function printWelcome(port: number, { explorers }: { explorers: boolean }): void {
  const accounts = Object.values(DEMO_ACCOUNTS)
    .map((a) => `    ${a.id.padEnd(10)} ${a.password.padEnd(12)} ${a.uuid}`)
    .join('\n');
  const graphql = explorers
    ? `  GraphQL + Apollo Sandbox: http://localhost:${port}/graphql\n` +
      `  GraphiQL, no internet needed: http://localhost:${port}/graphiql\n`
    : `  GraphQL: http://localhost:${port}/graphql (explorers off: GRAPHQL_SANDBOX=false)\n`;
  process.stdout.write(
    `\nDMS-SMS gateway ready (embedded reference services, demo data)\n` +
      graphql +
      `  Health: http://localhost:${port}/healthz   Readiness: http://localhost:${port}/readyz\n` +
      `  Demo accounts (login id, password, uuid):\n${accounts}\n\n`,
  );
}
