import { createHash } from 'node:crypto';
import { restKeyOf } from '../../../cache/response-cache';

describe('REST response cache keys', () => {
  it('keep the layout earlier versions wrote, so replicas of two versions share entries during a rolling upgrade', () => {
    const parts = { routeId: 21, params: { uuid: 't-1' }, body: { z: 1, a: [2, 'x'] } };
    const earlier = createHash('sha256')
      .update('rest|21|')
      .update('{"uuid":"t-1"}')
      .update('|page=2|')
      .update('{"a":[2,"x"],"z":1}')
      .update('|user:teacher-1')
      .digest('base64url');
    expect(restKeyOf({ ...parts, query: 'page=2' }, 'user:teacher-1')).toBe(earlier);
    const withoutQuery = createHash('sha256')
      .update('rest|21|{"uuid":"t-1"}||{"a":[2,"x"],"z":1}|role:teacher')
      .digest('base64url');
    expect(restKeyOf({ ...parts, query: '' }, 'role:teacher')).toBe(withoutQuery);
  });
});
