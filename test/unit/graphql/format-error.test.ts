import { GraphQLError } from 'graphql';
import { createLogger } from '../../../core/logger';
import { ConflictError } from '../../../core/errors';
import { createFormatError } from '../../../src/graphql/format-error';
import { requestHooksPlugin } from '../../../src/graphql/request-hooks';
import { telemetryRequestHooks } from '../../../src/telemetry/apollo-telemetry';
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

describe('formatError with suggestions hidden (introspection off)', () => {
  const message = 'Cannot query field "mee" on type "Query". Did you mean "me"?';
  const validation = { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };

  it('replaces "Did you mean …" as graphql-armor did (its pattern and mask), and keeps the rest of the message', () => {
    const hidden = createFormatError({ upstreamFacts: false }, { hideSuggestions: true });
    expect(hidden(validation, new GraphQLError(message))).toEqual({
      message: 'Cannot query field "mee" on type "Query". [Suggestion hidden]?',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const several = 'Unknown argument "lim". Did you mean "limit" or "offset"?';
    expect(
      hidden({ message: several, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new GraphQLError(several))
        .message,
    ).toBe('Unknown argument "lim". [Suggestion hidden]?');
  });

  it('leaves the hints where introspection is on (the schema is public there anyway)', () => {
    const shown = createFormatError({ upstreamFacts: false });
    expect(shown(validation, new GraphQLError(message)).message).toBe(message);
  });
});

describe('the telemetry hooks', () => {
  it('logs every error answered "Unexpected error." with its stack under the request id, and no client refusal', () => {
    lines.length = 0;
    const record = { calls: [] } as unknown as RequestRecord;
    const hooks = telemetryRequestHooks(logger);
    const original = new Error('db password is hunter2');
    hooks.didEncounterErrors?.({
      contextValue: { requestId: 'r-1', record, caller: undefined },
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

describe('the request hooks plugin', () => {
  it("runs every feature's hooks in order through one listener, the same for every request", async () => {
    const calls: string[] = [];
    const plugin = requestHooksPlugin([
      { didResolveOperation: () => void calls.push('first resolved') },
      { didEncounterErrors: () => void calls.push('second failed') },
      { didResolveOperation: () => void calls.push('third resolved') },
    ]);
    const listener = await plugin.requestDidStart?.({} as never);
    expect(await plugin.requestDidStart?.({} as never)).toBe(listener);
    await listener?.didResolveOperation?.({} as never);
    await listener?.didEncounterErrors?.({} as never);
    expect(calls).toEqual(['first resolved', 'third resolved', 'second failed']);
  });

  it('refuses the request with the error a hook throws, after the hooks before it ran', async () => {
    const calls: string[] = [];
    const refusal = new GraphQLError('no');
    const plugin = requestHooksPlugin([
      { didResolveOperation: () => void calls.push('recorded') },
      {
        didResolveOperation: () => {
          throw refusal;
        },
      },
    ]);
    const listener = await plugin.requestDidStart?.({} as never);
    await expect(listener?.didResolveOperation?.({} as never)).rejects.toBe(refusal);
    expect(calls).toEqual(['recorded']);
  });
});
