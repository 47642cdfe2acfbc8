/**
 * Test kit for the club reference service: a harness whose club service talks to a fake auth server we control
 * (known students, hang, gRPC error, no instance), so the club tests do not depend on the auth reference service.
 */
import { Server, ServerCredentials, status as grpcStatus, type Metadata } from '@grpc/grpc-js';
import {
  AuthStudentService,
  GetStudentInformWithUUIDResponse,
  GetStudentInformsWithUUIDsResponse,
  type GetStudentInformWithUUIDRequest,
  type GetStudentInformsWithUUIDsRequest,
} from '../../../../grpc-clients/generated/auth/auth-student';
import { ClubAdminService, type CreateNewClubRequest } from '../../../../grpc-clients/generated/club/club-admin';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { legacyMetadata, startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';

export const ADMIN = DEMO_ACCOUNTS.admin.uuid;
export const STUDENT1 = DEMO_ACCOUNTS.student1.uuid;
export const STUDENT2 = DEMO_ACCOUNTS.student2.uuid;
export const STUDENT3 = DEMO_ACCOUNTS.student3.uuid;
export const TEACHER = DEMO_ACCOUNTS.teacher1.uuid;
export const PARENT = DEMO_ACCOUNTS.parent1.uuid;
export const DMS_CLUB = 'club-000000000001';
export const ENTRY_CLUB = 'club-000000000002';
export const DMS_RECRUITMENT = 'recruitment-000000000001';

export type FakeAuthMode = 'normal' | 'hang' | 'grpc-error';

export interface FakeAuth {
  address: string;
  /** Student uuids auth knows. */
  students: Set<string>;
  mode: FakeAuthMode;
  /** When set, every reply carries this status instead of the normal outcome. */
  forcedStatus?: { Status: number; Code: number; Message: string };
  /** The requests and metadata auth received, newest last. */
  received: Array<{ method: string; request: unknown; metadata: Metadata }>;
  close(): Promise<void>;
}

type Callback<T> = (error: { code: number; details: string } | null, value?: T) => void;

export async function startFakeAuth(students: Iterable<string>): Promise<FakeAuth> {
  const server = new Server();
  const fake = {
    address: '',
    students: new Set(students),
    mode: 'normal' as FakeAuthMode,
    forcedStatus: undefined as FakeAuth['forcedStatus'],
    received: [] as FakeAuth['received'],
    close: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
  /** Applies the mode; returns true when the reply was already handled. */
  const intercept = <T>(callback: Callback<T>): boolean => {
    if (fake.mode === 'hang') return true;
    if (fake.mode === 'grpc-error') {
      callback({ code: grpcStatus.INTERNAL, details: 'auth exploded' });
      return true;
    }
    return false;
  };
  server.addService(AuthStudentService, {
    getStudentInformsWithUuiDs(
      call: { request: GetStudentInformsWithUUIDsRequest; metadata: Metadata },
      reply: Callback<GetStudentInformsWithUUIDsResponse>,
    ) {
      // Complete messages: ts-proto cannot serialise a partial one.
      const callback: Callback<Partial<GetStudentInformsWithUUIDsResponse>> = (error, value) =>
        reply(error, value && GetStudentInformsWithUUIDsResponse.fromPartial(value));
      fake.received.push({ method: 'GetStudentInformsWithUUIDs', request: call.request, metadata: call.metadata });
      if (intercept(callback)) return;
      if (fake.forcedStatus) return callback(null, { ...fake.forcedStatus, StudentInforms: [] });
      const unknown = call.request.StudentUUIDs.filter((uuid) => !fake.students.has(uuid));
      if (unknown.length > 0) {
        return callback(null, { Status: 409, Code: -601, Message: 'conflict', StudentInforms: [] });
      }
      callback(null, { Status: 200, Code: 0, Message: 'ok', StudentInforms: [] });
    },
    getStudentInformWithUuid(
      call: { request: GetStudentInformWithUUIDRequest; metadata: Metadata },
      reply: Callback<GetStudentInformWithUUIDResponse>,
    ) {
      const callback: Callback<Partial<GetStudentInformWithUUIDResponse>> = (error, value) =>
        reply(error, value && GetStudentInformWithUUIDResponse.fromPartial(value));
      fake.received.push({ method: 'GetStudentInformWithUUID', request: call.request, metadata: call.metadata });
      if (intercept(callback)) return;
      if (fake.forcedStatus) return callback(null, fake.forcedStatus);
      if (!fake.students.has(call.request.StudentUUID)) {
        return callback(null, { Status: 404, Code: 0, Message: 'not found' });
      }
      callback(null, { Status: 200, Code: 0, Message: 'ok', Name: 'student' });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  fake.address = `127.0.0.1:${port}`;
  return fake;
}

/** Twelve random digits, for student uuids that no other test uses. */
export function digits12(): string {
  return String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
}

export function newStudentUuid(): string {
  return `student-${digits12()}`;
}

export interface ClubKit {
  harness: ReferenceHarness;
  auth: FakeAuth;
  /** Where club finds auth: the fake (default), nowhere (undefined) or any address. */
  authTarget: { address: string | undefined };
  /** Creates a club as admin with fresh students (registered in the fake auth); returns its uuid. */
  createClub(overrides?: Partial<CreateNewClubRequest>): Promise<{ clubUuid: string; leader: string }>;
  close(): Promise<void>;
}

let clubCounter = 0;

export async function startClubKit(options: { demoData?: boolean } = {}): Promise<ClubKit> {
  const auth = await startFakeAuth(Object.values(DEMO_ACCOUNTS).map((a) => a.uuid));
  const authTarget: { address: string | undefined } = { address: auth.address };
  const harness = await startReferenceHarness({
    demoData: options.demoData,
    peerResolver: (local) => (service) => (service === 'auth' ? authTarget.address : local[service]),
  });
  return {
    harness,
    auth,
    authTarget,
    async createClub(overrides = {}) {
      clubCounter += 1;
      const leader = overrides.LeaderUUID ?? newStudentUuid();
      const members = overrides.MemberUUIDs ?? [leader];
      for (const member of members) auth.students.add(member);
      const reply = await harness.call('club', ClubAdminService, 'createNewClub', {
        UUID: ADMIN,
        Name: `club ${clubCounter} ${digits12().slice(0, 6)}`,
        LeaderUUID: leader,
        MemberUUIDs: members,
        Field: 'field',
        Location: `room ${clubCounter} ${digits12().slice(0, 6)}`,
        Floor: '1',
        Logo: Buffer.from('logo'),
        ...overrides,
      });
      if (reply.Status !== 201) throw new Error(`createClub failed: ${reply.Status} ${reply.Message}`);
      return { clubUuid: reply.ClubUUID, leader };
    },
    async close() {
      await harness.close();
      await auth.close();
    },
  };
}

/** Valid metadata plus the Go services' optional forced-id key. */
export function metadataWith(extra: Record<string, string>): Metadata {
  const metadata = legacyMetadata();
  for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  return metadata;
}
