import { ErrorCode } from '../../../core/error-codes';
import { GatewayError } from '../../../core/errors';
import { assertJsonNesting, jsonNestingExceeds, MAX_JSON_NESTING } from '../../../src/graphql/json-nesting';

/** Built as text and parsed: building it by recursion (or JSON.stringify-ing it) would overflow the test's stack. */
const nested = (depth: number, open = '{"a":', close = '}') =>
  JSON.parse(open.repeat(depth) + '1' + close.repeat(depth)) as unknown;

describe('JSON nesting bound', () => {
  it('counts objects and arrays, the outermost as level 1; scalars add nothing', () => {
    expect(jsonNestingExceeds(1, 0)).toBe(false);
    expect(jsonNestingExceeds('deep', 0)).toBe(false);
    expect(jsonNestingExceeds({}, 1)).toBe(false);
    expect(jsonNestingExceeds({}, 0)).toBe(true);
    expect(jsonNestingExceeds(nested(3), 3)).toBe(false);
    expect(jsonNestingExceeds(nested(4), 3)).toBe(true);
    expect(jsonNestingExceeds(nested(4, '[', ']'), 3)).toBe(true);
    expect(jsonNestingExceeds({ wide: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, 3)).toBe(false);
  });

  it('treats anything JSON.parse cannot make (an upload, a stream) as a leaf, cycles included', () => {
    class Upload {
      self: unknown = this;
      inner = { deeper: { deepest: {} } };
    }
    expect(jsonNestingExceeds({ variables: { file: new Upload() } }, 2)).toBe(false);
  });

  it('walks a value nested 100,000 deep without overflowing its own stack', () => {
    expect(jsonNestingExceeds(nested(100_000, '[', ']'), MAX_JSON_NESTING)).toBe(true);
  });

  it('refuses past MAX_JSON_NESTING with BAD_USER_INPUT naming what was too deep', () => {
    expect(() => assertJsonNesting(nested(MAX_JSON_NESTING))).not.toThrow();
    let error: unknown;
    try {
      assertJsonNesting(nested(MAX_JSON_NESTING + 1), '`variables`');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as GatewayError).message).toBe(`\`variables\` is nested deeper than ${MAX_JSON_NESTING} levels`);
  });
});
