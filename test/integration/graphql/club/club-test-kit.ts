/** Shared setup of the club tests: tokens, students and clubs made through the services, multipart requests. */
import { createAccessTokens } from '../../../../core/access-tokens';
import { AuthAdminService } from '../../../../grpc-clients/generated/auth/auth-admin';
import { ClubAdminService } from '../../../../grpc-clients/generated/club/club-admin';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { TEST_JWT_SECRET, type GatewayHarness, type GraphQLResponse } from '../../../helpers/gateway';

export const ADMIN = DEMO_ACCOUNTS.admin.uuid;
export const TEACHER = DEMO_ACCOUNTS.teacher1.uuid;
export const PARENT = DEMO_ACCOUNTS.parent1.uuid;
/** Leads DMS (club-000000000001), which recruits; student2 is a DMS member; student3 leads Entry. */
export const STUDENT1 = DEMO_ACCOUNTS.student1.uuid;
export const STUDENT2 = DEMO_ACCOUNTS.student2.uuid;
export const STUDENT3 = DEMO_ACCOUNTS.student3.uuid;
export const DMS = 'club-000000000001';
export const ENTRY = 'club-000000000002';
export const DMS_RECRUITMENT = 'recruitment-000000000001';
export const UNKNOWN_CLUB = 'club-999999999999';
export const UNKNOWN_STUDENT = 'student-999999999999';
export const UNKNOWN_RECRUITMENT = 'recruitment-999999999999';

const tokens = createAccessTokens(TEST_JWT_SECRET);

/** A token of any account, signed as the gateway signs them (the login flows are the accounts tests' business). */
export function tokenOf(uuid: string): string {
  return tokens.sign(uuid).token;
}

const SYLLABLES = '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호';

/**
 * New students through the admin RPC, seated in one class (grade/group) from number 1; the class must be empty.
 * Names are distinct 3-syllable Hangul names.
 */
export async function createStudents(
  gateway: GatewayHarness,
  count: number,
  seat: { grade: number; group: number; prefix: string },
): Promise<Array<{ uuid: string; name: string }>> {
  const created: Array<{ uuid: string; name: string }> = [];
  for (let index = 0; index < count; index += 1) {
    const name = `학생${SYLLABLES[index] ?? '가'}`;
    const reply = await gateway.services.call('auth', AuthAdminService, 'createNewStudent', {
      UUID: ADMIN,
      StudentID: `${seat.prefix}${seat.grade}${seat.group}${index + 1}`,
      StudentPW: 'student1234',
      Grade: seat.grade,
      Group: seat.group,
      StudentNumber: index + 1,
      Name: name,
      PhoneNumber: `010${seat.grade}${seat.group}${String(index + 1).padStart(6, '0')}`,
      Image: Buffer.from('profile'),
    });
    if (reply.Status !== 201) throw new Error(`CreateNewStudent failed: ${reply.Status} ${reply.Message}`);
    created.push({ uuid: reply.CreatedStudentUUID, name });
  }
  return created;
}

/** A club made straight through ClubAdmin.CreateNewClub, for tests whose subject is something else. */
export async function createClubDirectly(
  gateway: GatewayHarness,
  club: { name: string; leaderId: string; memberIds?: string[]; field?: string; location: string; floor?: string },
): Promise<string> {
  const reply = await gateway.services.call('club', ClubAdminService, 'createNewClub', {
    UUID: ADMIN,
    Name: club.name,
    LeaderUUID: club.leaderId,
    MemberUUIDs: club.memberIds ?? [club.leaderId],
    Field: club.field ?? '테스트',
    Location: club.location,
    Floor: club.floor ?? '4',
    Logo: Buffer.from('logo'),
  });
  if (reply.Status !== 201) throw new Error(`CreateNewClub failed: ${reply.Status} ${reply.Message}`);
  return reply.ClubUUID;
}

export interface UploadFile {
  bytes: Buffer;
  filename: string;
  type: string;
}

/**
 * A POST per the GraphQL multipart request spec: `operations` (the files' variables null), `map`, then the
 * files. `apollo-require-preflight` satisfies Apollo's CSRF prevention.
 */
export async function graphqlMultipart<T = Record<string, unknown>>(
  gateway: GatewayHarness,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, UploadFile>,
  token?: string,
): Promise<GraphQLResponse<T>> {
  const paths = Object.keys(files);
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query, variables: { ...variables, ...Object.fromEntries(paths.map((p) => [p, null])) } }),
  );
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((p, i) => [String(i), [`variables.${p}`]]))));
  paths.forEach((path, i) => {
    const file = files[path] as UploadFile;
    form.append(String(i), new Blob([file.bytes], { type: file.type }), file.filename);
  });
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<T>['body'] };
}

/** The first error's code and legacy code; `legacyCode` undefined means the service sent code 0. */
export function firstError(res: GraphQLResponse<unknown>): { code: unknown; legacyCode: unknown } {
  const extensions = res.body.errors?.[0]?.extensions ?? {};
  return { code: extensions.code, legacyCode: extensions.legacyCode };
}
