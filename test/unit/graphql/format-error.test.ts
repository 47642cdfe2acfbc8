import { GraphQLError } from 'graphql';
import { createLogger } from '../../../core/logger';
import { ConflictError } from '../../../core/errors';
import { createFormatError } from '../../../src/graphql/format-error';
import { telemetryApolloPlugin } from '../../../src/telemetry/apollo-telemetry';
import type { RequestRecord } from '../../../src/telemetry/request-record';

const lines: string[] = [];
const logger = createLogger({
  name: 'test',
  level: 'error',
  destination: { write: (line: string) => lines.push(line) },
});

describe('formatError', () => {
  const formatError = createFormatError({ upstreamFacts: true });

  it('keeps the message, code and legacy code of an error the gateway raised', () => {
    const original = new ConflictError('outing exists', { legacyCode: -2401 });
    const wrapped = new GraphQLError(original.message, { path: ['createOuting'], originalError: original });
    expect(formatError({ message: 'outing exists', path: ['createOuting'] }, wrapped)).toEqual({
      message: 'outing exists',
      path: ['createOuting'],
      extensions: { code: 'CONFLICT', legacyCode: -2401 },
    });
  });

  it('renames Apollo validation failures into BAD_USER_INPUT', () => {
    const formatted = formatError(
      { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError('Cannot query field "x"'),
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(formatted.message).toBe('Cannot query field "x"');
  });

  it("gives Apollo's code-less 4xx request errors (a persisted-query version it does not know) BAD_USER_INPUT", () => {
    lines.length = 0;
    const apollo = new GraphQLError('Unsupported persisted query version', { extensions: { http: { status: 400 } } });
    const formatted = formatError({ message: apollo.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, apollo);
    expect(formatted).toEqual({
      message: 'Unsupported persisted query version',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(lines).toEqual([]);
  });

  it('masks anything else as "Unexpected error."', () => {
    const original = new Error('db password is hunter2');
    const wrapped = new GraphQLError(original.message, { path: ['me'], originalError: original });
    const formatted = formatError(
      { message: original.message, path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] } },
      wrapped,
    );
    expect(formatted).toEqual({
      message: 'Unexpected error.',
      path: ['me'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toContain('hunter2');
  });
});

describe('the telemetry plugin', () => {
  it('logs every error answered "Unexpected error." with its stack under the request id, and no client refusal', async () => {
    lines.length = 0;
    const record = { calls: [] } as unknown as RequestRecord;
    const plugin = telemetryApolloPlugin(logger);
    const listener = await plugin.requestDidStart?.({
      contextValue: { requestId: 'r-1', record, caller: undefined },
    } as never);
    const original = new Error('db password is hunter2');
    await listener?.didEncounterErrors?.({
      errors: [
        new GraphQLError('conflict', { path: ['a'], originalError: new ConflictError('taken') }),
        new GraphQLError(original.message, { path: ['me'], originalError: original }),
      ],
    } as never);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ requestId: 'r-1', path: ['me'], error: { message: 'db password is hunter2' } });
    expect(lines[0]).toContain('"stack_trace"');
    expect(record.errorCode).toBe('CONFLICT');
  });
});
