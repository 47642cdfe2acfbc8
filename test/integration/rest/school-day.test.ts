import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { encodeForm, httpRequest } from '../../helpers/http-request';
import { png } from './route-case';

const NOW = Date.parse('2026-11-25T01:00:00Z') / 1000;

/**
 * A legacy client runs a school day over REST only (issue #8): accounts, an outing from creation to
 * certification, a recruitment, and a targeted announcement read by the right students only.
 */
describe('a school day over the legacy REST routes', () => {
  let gateway: GatewayHarness;
  let base: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    base = gateway.url.replace('/graphql', '');
  });
  afterAll(() => gateway.close());

  const call = async (method: string, path: string, token?: string, json?: unknown) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (json !== undefined) headers['content-type'] = 'application/json';
    const res = await httpRequest(`${base}${path}`, {
      method,
      headers,
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    return JSON.parse(res.text) as Record<string, unknown> & { status: number; code: number };
  };
  const login = async (role: string, id: string, pw: string) =>
    String(
      (await call('POST', `/v1/login/${role}`, undefined, { [`${role}_id`]: id, [`${role}_pw`]: pw })).access_token,
    );

  it('runs from the admin creating accounts to a read announcement', async () => {
    const admin = await login('admin', 'admin', 'admin1234');
    const parent = await call('POST', '/v1/parents', admin, {
      parent_id: 'dayparent',
      parent_pw: 'pass1234',
      name: '오부모',
      phone_number: '01055550001',
      children: [{ grade: 2, group: 1, student_number: 9, name: '오학생' }],
    });
    expect(parent).toMatchObject({ status: 201, parent_uuid: expect.stringMatching(/^parent-/) });

    const form = new FormData();
    for (const [k, v] of Object.entries({
      student_id: 'daystudent',
      student_pw: 'pass1234',
      parent_uuid: String(parent.parent_uuid),
      grade: '2',
      group: '1',
      student_number: '9',
      name: '오학생',
      phone_number: '01055550002',
    }))
      form.append(k, v);
    form.append('profile', png(), 'me.png');
    const encoded = await encodeForm(form);
    const created = JSON.parse(
      (
        await httpRequest(`${base}/v1/students`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': encoded.contentType },
          body: encoded.body,
        })
      ).text,
    ) as Record<string, unknown>;
    expect(created).toMatchObject({ status: 201, student_uuid: expect.stringMatching(/^student-\d{12}$/) });
    const studentUuid = String(created.student_uuid);

    const student = await login('student', 'daystudent', 'pass1234');
    const teacher = await login('teacher', 'teacher1', 'teacher1234');
    const outing = await call('POST', '/v1/outings', student, {
      start_time: NOW + 3600,
      end_time: NOW + 7200,
      place: '병원',
      reason: '진료',
      situation: 'normal',
    });
    expect(outing).toMatchObject({ status: 201 });
    const outingPath = `/v1/outings/uuid/${String(outing.outing_uuid)}`;
    for (const [who, action] of [
      [teacher, 'teacher-approve'],
      [student, 'start'],
      [teacher, 'end'],
      [teacher, 'certify'],
    ] as const) {
      expect(await call('POST', `${outingPath}/actions/${action}`, who)).toMatchObject({ status: 200, code: 0 });
    }
    expect(await call('GET', outingPath, student)).toMatchObject({
      status: 200,
      outing_status: '5',
      student_uuid: studentUuid,
    });

    const leader = await login('student', 'student3', 'student1234');
    const recruitment = await call('POST', '/v1/recruitments', leader, {
      club_uuid: 'club-000000000002',
      recruit_concept: '디자이너 모집',
      members: [{ grade: '1', field: '그래픽', number: '2' }],
    });
    expect(recruitment).toMatchObject({ status: 201 });

    const notice = await call('POST', '/v1/announcements', teacher, {
      type: 'school',
      title: '2학년 수학여행 안내',
      content: '{"text":"다음 주 출발"}',
      target_grade: 2,
      target_group: 1234,
    });
    expect(notice).toMatchObject({ status: 201 });
    const noticeId = String(notice.announcement_uuid);
    const grade1 = await login('student', 'student2', 'student1234');

    const unreadBefore = await call('GET', `/v1/students/uuid/${studentUuid}/announcement-check`, student);
    expect(unreadBefore).toMatchObject({ status: 200, school: 1 });
    const list = await call('GET', '/v1/announcements/types/school', student);
    expect(list.announcements).toEqual(
      expect.arrayContaining([expect.objectContaining({ announcement_uuid: noticeId, is_checked: 0 })]),
    );
    expect(await call('GET', `/v1/announcements/uuid/${noticeId}`, student)).toMatchObject({
      status: 200,
      title: '2학년 수학여행 안내',
    });
    const after = await call('GET', '/v1/announcements/types/school', student);
    expect(after.announcements).toEqual(
      expect.arrayContaining([expect.objectContaining({ announcement_uuid: noticeId, is_checked: 1 })]),
    );

    const grade1List = await call('GET', '/v1/announcements/types/school', grade1);
    expect(JSON.stringify(grade1List.announcements)).not.toContain(noticeId);
  });
});
