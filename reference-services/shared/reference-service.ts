import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { ServiceName } from '../../core/config';
import type { Logger } from '../../core/logger';
import type { ObjectStore } from '../adapters/object-store';
import type { PickClient } from '../adapters/pick-client';
import type { SmsSender } from '../adapters/sms-sender';
import type { TimetableSource } from '../adapters/timetable-source';
import type { Clock } from './clock';
import type { PeerClients } from './peer-clients';

/** Integrations the legacy services reached over the internet; the reference services use in-memory twins. */
export interface ExternalAdapters {
  objectStore: ObjectStore;
  sms: SmsSender;
  pick: PickClient;
  timetable: TimetableSource;
}

/** What every reference service gets from the process that runs it. */
export interface ReferenceServiceDeps {
  logger: Logger;
  clock: Clock;
  peers: PeerClients;
  adapters: ExternalAdapters;
  /** Seed the demo data of design.md §2. */
  demoData: boolean;
  /** Extra bench accounts and outings (bench-population.ts); 0 or unset = none. */
  population?: number;
  /** Re-reads where the peer services are (the ChangeAllServiceNodes event). */
  refreshPeers(): Promise<void>;
}

export interface ServiceBinding {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

/** One of the five v1 services: the gRPC services it serves, its event service included. */
export interface ReferenceService {
  name: ServiceName;
  bindings: ServiceBinding[];
  /** Runs once before the server accepts calls (seeding, NEIS fetch). */
  start?(): Promise<void>;
}

export type ReferenceServiceFactory = (deps: ReferenceServiceDeps) => ReferenceService;
