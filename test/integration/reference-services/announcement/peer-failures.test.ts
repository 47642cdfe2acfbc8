import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import { AnnouncementServiceService } from '../../../../grpc-clients/generated/announcement/announcement';
import type { ServiceName } from '../../../../core/config';
import { createLogger } from '../../../../core/logger';
import { createAnnouncementService } from '../../../../reference-services/announcement';
import { createManualClock } from '../../../../reference-services/shared/clock';
import { startGrpcServer, stopGrpcServer, type BoundServer } from '../../../../reference-services/shared/grpc-server';
import {
  PeerTimeoutError,
  PeerUnavailableError,
  type PeerClients,
} from '../../../../reference-services/shared/peer-clients';
import { createDefaultAdapters } from '../../../../reference-services/start-reference-services';
import { legacyMetadata } from '../../../helpers/reference-services';
import { ADMIN, ALL_GRADES, ERROR_CODE, STUDENT1, TEACHER1 } from './announcement-fixtures';
import type { RequestOf, ResponseOf } from '../../../../core/grpc-message-types';

type Methods = typeof AnnouncementServiceService;
type PeerFault = (service: ServiceName) => Promise<never> | Promise<unknown>;

const FAULTS: Record<string, PeerFault> = {
  'no instance': (service) => Promise.reject(new PeerUnavailableError(service)),
  'a timeout': (service) => Promise.reject(new PeerTimeoutError(service)),
  'a non-200 reply': () => Promise.resolve({ Status: 404, Code: 0, Message: 'not found (reason: gone)' }),
};

// The announcement service alone, its peers (auth, club) replaced by a fault: peer failures become 500 −1000.
describe.each(Object.keys(FAULTS))('announcement with peers failing by %s', (faultName) => {
  let bound: BoundServer;
  let client: Client;
  const calledPeers: ServiceName[] = [];
  beforeAll(async () => {
    const fault = FAULTS[faultName] as PeerFault;
    const peers: PeerClients = {
      call: ((service: ServiceName) => {
        calledPeers.push(service);
        return fault(service);
      }) as PeerClients['call'],
      close: () => undefined,
    };
    const service = createAnnouncementService({
      logger: createLogger({ name: 'announcement-peer-faults', level: 'silent' }),
      clock: createManualClock(Date.parse('2026-11-25T01:00:00Z')),
      peers,
      adapters: createDefaultAdapters(),
      demoData: true,
      refreshPeers: async () => undefined,
    });
    await service.start?.();
    bound = await startGrpcServer('announcement', service.bindings, '127.0.0.1', 0);
    client = new Client(bound.address, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await stopGrpcServer(bound.server);
  });

  const call = <K extends keyof Methods & string>(method: K, request: Partial<RequestOf<Methods[K]>>) => {
    const def = AnnouncementServiceService[method];
    const full = { ...(def.requestDeserialize(Buffer.alloc(0)) as object), ...request };
    return new Promise<ResponseOf<Methods[K]>>((resolve, reject) => {
      client.makeUnaryRequest(
        def.path,
        def.requestSerialize as (value: object) => Buffer,
        def.responseDeserialize,
        full,
        legacyMetadata(),
        (error: ServiceError | null, response?: unknown) =>
          error ? reject(error) : resolve(response as ResponseOf<Methods[K]>),
      );
    });
  };

  it.each([
    [
      'GetAnnouncements (a student’s class from auth)',
      'auth',
      () => call('getAnnouncements', { uuid: STUDENT1, type: 'school', start: 0, count: 10 }),
    ],
    [
      'GetAnnouncements (writer names from auth)',
      'auth',
      () => call('getAnnouncements', { uuid: TEACHER1, type: 'school', start: 0, count: 10 }),
    ],
    [
      'GetAnnouncementDetail (writer name)',
      'auth',
      () => call('getAnnouncementDetail', { uuid: ADMIN, announcementId: ALL_GRADES }),
    ],
    ['CheckAnnouncement (the student’s class)', 'auth', () => call('checkAnnouncement', { uuid: STUDENT1 })],
    [
      'SearchAnnouncements (the teacher’s homeroom)',
      'auth',
      () => call('searchAnnouncements', { uuid: TEACHER1, type: 'school', query: '', start: 0, count: 10 }),
    ],
    [
      'CreateAnnouncement (the club a student leads)',
      'club',
      () => call('createAnnouncement', { uuid: STUDENT1, type: 'club', title: 't', content: '{}' }),
    ],
  ] as const)('%s answers 500 −1000', async (_rpc, peer, run) => {
    calledPeers.length = 0;
    const reply = await run();
    expect(reply).toMatchObject({ status: 500, code: ERROR_CODE });
    expect(reply.msg).not.toBe('');
    expect(calledPeers).toContain(peer);
  });

  it('still serves what needs no peer: an admin’s own list and a teacher’s create', async () => {
    await expect(call('getMyAnnouncements', { uuid: ADMIN, start: 0, count: 10 })).resolves.toMatchObject({
      status: 200,
      size: 1,
    });
    await expect(
      call('createAnnouncement', { uuid: TEACHER1, type: 'school', title: 't', content: '{}' }),
    ).resolves.toMatchObject({ status: 201 });
  });
});
