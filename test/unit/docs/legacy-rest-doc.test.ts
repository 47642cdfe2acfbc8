import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REST_ROUTES } from '../../../rest/routes';

/** docs/legacy-rest.md lists every legacy route the gateway serves, at its method and path, and no other. */
describe('legacy REST routes page (docs/legacy-rest.md)', () => {
  const page = readFileSync(join(__dirname, '../../../docs/legacy-rest.md'), 'utf8');
  const documented = [...page.matchAll(/^\|\s*(\d+)\s*\|\s*`(GET|POST|PUT|PATCH|DELETE) ([^`]+)`/gm)].map(
    (m) => `${m[1]} ${m[2]} ${m[3]}`,
  );

  // Routes 1, 2 (infrastructure) and 70 (the optional Naver proxy) are registered outside the route table.
  const served = [
    '1 GET /ping',
    '2 POST /events/types/consul-change',
    ...REST_ROUTES.map((r) => `${r.id} ${r.method} ${r.path}`),
    '70 GET /naver-open-api/search/local',
  ];

  it('lists each served route once, with its method and path', () => {
    expect([...documented].sort()).toEqual([...served].sort());
  });
});
