import { GatewayError } from '../../../core/errors';
import { deadlineFor, DEFAULT_DEADLINE_MS } from '../../../grpc-clients/deadlines';
import { statusOf } from '../../../core/in-message-status';
import { errorFromStatus, expectSuccess, isSuccessStatus } from '../../../grpc-clients/status';

describe('in-message status translation', () => {
  it('reads both naming conventions', () => {
    expect(statusOf({ Status: 409, Code: -401, Message: 'conflict (reason: id)' })).toEqual({
      status: 409,
      code: -401,
      message: 'conflict (reason: id)',
    });
    expect(statusOf({ status: 403, code: -2601, msg: 'forbidden' })).toEqual({
      status: 403,
      code: -2601,
      message: 'forbidden',
    });
  });

  it.each([
    [200, true],
    [201, true],
    [400, false],
    [407, false],
    [0, false],
  ])('status %i is a success: %s', (status, expected) => {
    expect(isSuccessStatus(status)).toBe(expected);
  });

  it('keeps the service code as legacyCode and the facts as details', () => {
    const error = errorFromStatus({ status: 409, code: -2401, msg: 'outing exists' }, 'outing', 'CreateOuting');
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.message).toBe('outing exists');
    expect(error.toExtensions()).toEqual({
      code: 'CONFLICT',
      legacyCode: -2401,
      service: 'outing',
      rpc: 'CreateOuting',
      upstreamStatus: 409,
    });
  });

  it('omits legacyCode when the service code is 0', () => {
    const error = errorFromStatus({ Status: 404, Code: 0, Message: 'not found (reason: x)' }, 'auth', 'Get');
    expect(error.toExtensions()).not.toHaveProperty('legacyCode');
    expect(error.code).toBe('NOT_FOUND');
  });

  it('passes successes through and throws on failures', () => {
    const ok = { status: 201, code: 0, msg: 'created', outingId: 'outing-000000000001' };
    expect(expectSuccess(ok, 'outing', 'CreateOuting')).toBe(ok);
    expect(() => expectSuccess({ status: 401, code: 0, msg: 'UnAuthorized' }, 'schedule', 'X')).toThrow('UnAuthorized');
  });
});

describe('deadlines', () => {
  it.each([
    ['/auth.admin.AuthAdmin/CreateNewStudent', 6000],
    ['/club.leader.ClubLeader/ModifyClubInform', 6000],
    ['/club.admin.ClubAdmin/CreateNewClub', 7000],
    ['/OutingStudent/CreateOuting', DEFAULT_DEADLINE_MS],
  ])('%s has a %i ms deadline', (path, ms) => {
    expect(deadlineFor(path)).toBe(ms);
  });
});
