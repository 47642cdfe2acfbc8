import { makeExecutableSchema } from '@graphql-tools/schema';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';
import { loadTypeDefs } from '../../../src/graphql/type-defs';
import { parseWindow, readFieldRateLimits } from '../../../traffic/field-rate-limits';

const directiveSdl = loadTypeDefs().find((sdl) => sdl.includes('directive @rateLimit')) as string;
const schemaWith = (field: string) => makeExecutableSchema({ typeDefs: [directiveSdl, `type Query { ${field} }`] });

describe('@rateLimit directives', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
  ])('window %s is %i ms', (text, ms) => expect(parseWindow(text)).toBe(ms));

  it.each(['', '10', '1d', '0s', '1.5m', '-1s'])('window %j is refused', (text) =>
    expect(parseWindow(text)).toBeUndefined(),
  );

  it('guards the brute-force targets of the schema, keyed by type and field', () => {
    const limits = readFieldRateLimits(createExecutableSchema());
    for (const coordinate of [
      'Mutation.loginAdmin',
      'Mutation.loginStudent',
      'Mutation.loginTeacher',
      'Mutation.loginParent',
      'Mutation.signUpWithAuthCode',
      'Query.unsignedStudent',
      'Mutation.sendJoinSms',
      'Query.outingByConfirmCode',
      'Mutation.approveOutingByConfirmCode',
      'Mutation.rejectOutingByConfirmCode',
      'Mutation.changeStudentPassword',
    ]) {
      expect(limits.get(coordinate)?.length).toBeGreaterThan(0);
    }
    expect(limits.get('Mutation.loginStudent')).toEqual([
      expect.objectContaining({ identity: 'IP', max: 60, windowMs: 60_000 }),
      expect.objectContaining({ identity: 'ARGUMENT', argument: 'id', max: 10, windowMs: 300_000 }),
    ]);
    expect(limits.has('Query.clubs')).toBe(false);
  });

  it('refuses a malformed directive at start-up instead of leaving the field unlimited', () => {
    expect(() => readFieldRateLimits(schemaWith('a: Int @rateLimit(max: 1, window: "soon")'))).toThrow(/bad window/);
    expect(() => readFieldRateLimits(schemaWith('a: Int @rateLimit(max: 0, window: "1s")'))).toThrow(/max/);
    expect(() =>
      readFieldRateLimits(
        schemaWith('a(x: Int): Int @rateLimit(max: 1, window: "1s", identity: ARGUMENT, argument: "y")'),
      ),
    ).toThrow(/ARGUMENT/);
  });
});
