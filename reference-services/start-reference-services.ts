import { SERVICE_NAMES, type ServiceName } from '../core/config';
import type { Logger } from '../core/logger';
import { createMemoryObjectStore } from './adapters/object-store';
import { createMemoryPickClient } from './adapters/pick-client';
import { createMemorySmsSender } from './adapters/sms-sender';
import { createSeededTimetableSource } from './adapters/timetable-source';
import { createAnnouncementService } from './announcement';
import { createAuthService } from './auth';
import { createClubService } from './club';
import { DEMO_PICK_TEACHER } from './demo-data';
import { createOutingService } from './outing';
import { createScheduleService } from './schedule';
import { systemClock, type Clock } from './shared/clock';
import {
  createHealthBinding,
  startGrpcServer,
  stopGrpcServer,
  type BoundServer,
  type HealthBinding,
} from './shared/grpc-server';
import { createPeerClients, type PeerResolver } from './shared/peer-clients';
import type { ExternalAdapters, ReferenceServiceFactory, ServiceBinding } from './shared/reference-service';

const FACTORIES: Record<ServiceName, ReferenceServiceFactory> = {
  auth: createAuthService,
  club: createClubService,
  outing: createOutingService,
  schedule: createScheduleService,
  announcement: createAnnouncementService,
};

export interface StartReferenceServicesOptions {
  logger: Logger;
  host?: string;
  /** Port per service; 0 (the default) picks a free port. */
  ports?: Partial<Record<ServiceName, number>>;
  demoData?: boolean;
  /** Seed a bench population of this many students and teachers (bench-population.ts). @default 0 */
  population?: number;
  clock?: Clock;
  adapters?: Partial<ExternalAdapters>;
  /**
   * Where a service finds its peers. Defaults to the sibling servers started here; the Consul runner passes a
   * resolver that reads the passing instances from the agent, as the legacy services did.
   */
  peerResolver?: (local: Record<ServiceName, string>) => PeerResolver & { refresh?(): Promise<void> };
  /**
   * How long `close()` keeps answering with the health status NOT_SERVING before it stops the servers, so
   * health checkers see the shutdown coming. @default 100
   */
  shutdownGraceMs?: number;
}

export interface RunningReferenceServices {
  /** `host:port` of each service. */
  addresses: Record<ServiceName, string>;
  adapters: ExternalAdapters;
  /** Calls received per wire path since start or the last reset (tests count backend calls with it). */
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
  /** Fault injection: hold every call without answering, as a paused process would, until `resume()`. */
  stall(): void;
  resume(): void;
  /** Every server's `grpc.health.v1.Health` answers NOT_SERVING from now on (the first step of `close()`). */
  markNotServing(): void;
  /** Marks the servers NOT_SERVING, waits `graceMs` (default `shutdownGraceMs`), then stops them. Idempotent. */
  close(graceMs?: number): Promise<void>;
}

interface Instrumentation {
  counts: Map<string, number>;
  /** Calls held while stalled; released in order by resume(). */
  held: Array<() => void> | undefined;
}

/** Wraps every handler of a binding to count its calls by wire path and to hold them while stalled. */
function instrumentedBinding(binding: ServiceBinding, instrumentation: Instrumentation): ServiceBinding {
  const implementation: Record<string, unknown> = {};
  for (const [method, def] of Object.entries(binding.definition)) {
    const handler = binding.implementation[method] as (...args: unknown[]) => unknown;
    implementation[method] = (...args: unknown[]) => {
      instrumentation.counts.set(def.path, (instrumentation.counts.get(def.path) ?? 0) + 1);
      if (instrumentation.held) instrumentation.held.push(() => handler(...args));
      else handler(...args);
    };
  }
  return { definition: binding.definition, implementation: implementation as ServiceBinding['implementation'] };
}

/** The in-memory twins, typed with their test controls (`sms.sent`, `pick.setReachable`, …). */
export type DefaultAdapters = ReturnType<typeof createDefaultAdapters>;

export function createDefaultAdapters() {
  return {
    objectStore: createMemoryObjectStore(),
    sms: createMemorySmsSender(),
    pick: createMemoryPickClient({
      [DEMO_PICK_TEACHER.id]: { password: DEMO_PICK_TEACHER.password, teacherName: DEMO_PICK_TEACHER.teacherName },
    }),
    timetable: createSeededTimetableSource(),
  } satisfies ExternalAdapters;
}

/** Starts the five v1 services as separate grpc-js servers in this process. */
export async function startReferenceServices(
  options: StartReferenceServicesOptions,
): Promise<RunningReferenceServices> {
  const host = options.host ?? '127.0.0.1';
  const adapters = { ...createDefaultAdapters(), ...options.adapters };
  const addresses = {} as Record<ServiceName, string>;
  const resolver = options.peerResolver?.(addresses) ?? ((service: ServiceName) => addresses[service]);
  const peers = createPeerClients(resolver);
  const refreshPeers = async () => {
    if ('refresh' in resolver && typeof resolver.refresh === 'function') await resolver.refresh();
  };

  const servers: BoundServer[] = [];
  const healths: HealthBinding[] = [];
  const instrumentation: Instrumentation = { counts: new Map(), held: undefined };
  try {
    for (const name of SERVICE_NAMES) {
      const service = FACTORIES[name]({
        logger: options.logger.child({ service: name }),
        clock: options.clock ?? systemClock,
        peers,
        adapters,
        demoData: options.demoData ?? true,
        population: options.population ?? 0,
        refreshPeers,
      });
      await service.start?.();
      const bindings = service.bindings.map((binding) => instrumentedBinding(binding, instrumentation));
      const health = createHealthBinding(name);
      healths.push(health);
      const bound = await startGrpcServer(name, bindings, host, options.ports?.[name] ?? 0, [
        instrumentedBinding(health.binding, instrumentation),
      ]);
      servers.push(bound);
      addresses[name] = bound.address;
    }
  } catch (error) {
    peers.close();
    await Promise.all(servers.map((s) => stopGrpcServer(s.server)));
    throw error;
  }
  options.logger.info({ addresses }, 'reference services listening');

  const markNotServing = () => healths.forEach((health) => health.setStatus('NOT_SERVING'));
  let closing: Promise<void> | undefined;
  return {
    addresses,
    adapters,
    callCounts: () => Object.fromEntries(instrumentation.counts),
    resetCallCounts: () => instrumentation.counts.clear(),
    stall() {
      instrumentation.held ??= [];
    },
    resume() {
      const held = instrumentation.held ?? [];
      instrumentation.held = undefined;
      for (const call of held) call();
    },
    markNotServing,
    close(graceMs = options.shutdownGraceMs ?? 100) {
      closing ??= (async () => {
        markNotServing();
        options.logger.info({ graceMs }, 'reference services not serving: shutting down');
        if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
        peers.close();
        await Promise.all(servers.map((s) => stopGrpcServer(s.server)));
      })();
      return closing;
    },
  };
}
