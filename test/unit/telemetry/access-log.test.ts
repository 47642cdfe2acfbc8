import { createLogger } from '../../../core/logger';
import { createAccessLog, type AccessEntry, type AccessLevel } from '../../../src/telemetry/access-log';

/** The access line as the ECS logger writes it for the same fields (the shape docs/observability.md shows). */
function loggedByPino(entry: AccessEntry): Record<string, unknown> {
  const failures = entry.calls.filter((c) => c.outcome !== 'ok').length;
  return {
    event: {
      action: 'http-request',
      kind: 'event',
      category: ['web'],
      type: ['access'],
      outcome: entry.status >= 400 || entry.aborted ? 'failure' : 'success',
      duration: entry.durationNanos,
    },
    http: { request: { id: entry.requestId, method: entry.method }, response: { status_code: entry.status } },
    url: { path: entry.path },
    client: { ip: entry.clientIp },
    trace: { id: entry.traceId },
    ...(entry.spanId ? { span: { id: entry.spanId } } : {}),
    ...(entry.caller ? { user: { id: entry.caller.uuid, roles: [entry.caller.role] } } : {}),
    gateway: {
      route: entry.route,
      ...(entry.operation ? { operation: entry.operation } : {}),
      ...(entry.errorCode ? { error_code: entry.errorCode } : {}),
      latency_ms: Math.round(entry.durationNanos / 1e3) / 1e3,
      upstream_count: entry.calls.length,
      upstream_failures: failures,
      upstream: entry.calls,
      ...(entry.aborted ? { aborted: true } : {}),
    },
  };
}

const plain: AccessEntry = {
  requestId: 'req-1',
  method: 'GET',
  status: 200,
  aborted: false,
  durationNanos: 1_234_567,
  path: '/ping',
  clientIp: '127.0.0.1',
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: undefined,
  caller: undefined,
  route: '/ping',
  operation: undefined,
  errorCode: undefined,
  calls: [],
};

const entries: Array<[string, AccessLevel, AccessEntry]> = [
  ['a probe without caller, span or calls', 'debug', plain],
  [
    'a GraphQL request with caller, span, operation and calls',
    'info',
    {
      ...plain,
      method: 'POST',
      path: '/graphql',
      route: '/graphql',
      spanId: 'b7ad6b7169203331',
      caller: { uuid: 'student-123456789012', role: 'student' },
      operation: { name: 'MyOutings', type: 'query' },
      calls: [
        { service: 'outing', rpc: 'GetOutings', instance: 'outing-1', outcome: 'ok', duration_ms: 1.25, status: 200 },
        { service: 'club', rpc: 'GetClubs', instance: '-', outcome: 'circuit_open', duration_ms: 0 },
      ],
    },
  ],
  [
    'a failure, cut short, from an unknown address',
    'warn',
    { ...plain, status: 503, aborted: true, clientIp: undefined, errorCode: 'SERVICE_UNAVAILABLE' },
  ],
  [
    'client strings that need escaping',
    'info',
    {
      ...plain,
      requestId: 'id "with" quotes\\',
      path: '/v1/students/\u0000\n\u2028é"',
      operation: { name: 'Na"me\n', type: 'mutation' },
      status: 404,
    },
  ],
];

describe('access log line', () => {
  it.each(entries)('is the line the ECS logger writes for the same fields: %s', (_name, level, entry) => {
    const lines: string[] = [];
    const logger = createLogger({
      name: 'gateway',
      level: 'debug',
      serviceName: 'dms-gateway',
      destination: { write: (l: string) => lines.push(l) },
    });
    createAccessLog(logger).write(level, entry, `${entry.method} ${entry.route} ${entry.status}`);
    logger[level](loggedByPino(entry), `${entry.method} ${entry.route} ${entry.status}`);
    const [handMade, byPino] = lines.map((l) => l.replace(/"@timestamp":"[^"]+"/, '"@timestamp":"T"'));
    expect(handMade).toBe(byPino);
    expect(handMade!.endsWith('}\n')).toBe(true);
    expect(JSON.parse(lines[0]!)['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('writes nothing below the logger level', () => {
    const lines: string[] = [];
    const logger = createLogger({
      name: 'gateway',
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });
    const log = createAccessLog(logger);
    expect(log.enabled('debug')).toBe(false);
    log.write('debug', plain, 'GET /ping 200');
    log.write('info', plain, 'GET /ping 200');
    expect(lines).toHaveLength(1);
  });

  it('carries the bindings of a child logger', () => {
    const lines: string[] = [];
    const logger = createLogger({
      name: 'gateway',
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });
    createAccessLog(logger.child({ component: 'edge' })).write('info', plain, 'GET /ping 200');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      component: 'edge',
      'log.logger': 'gateway',
      message: 'GET /ping 200',
    });
  });
});
