import type { GatewayProcess, ProcessFigures } from './gateway-process';
import type { LoadRecord } from './mixed-load';

/** Settings the scenario gives the gateway; the assertions read the bounds from here. */
export const SCENARIO_SETTINGS = {
  loadPerSecond: 30,
  /** Short, so a breaker that opened comes back within the scenario (legacy: one minute). */
  breakerOpenMs: 2000,
  /** Every RPC the load makes has the default 3 s deadline. */
  rpcDeadlineMs: 3000,
  consulWatchWaitSeconds: 5,
  /** The gateway's longest pause between two watch retries while Consul is unreachable (its default). */
  consulBackoffMaxMs: 2000,
  shutdownGraceMs: 5000,
  checkTtlSeconds: 10,
  pauseMs: 5000,
  consulDownMs: 2000,
  redisDownMs: 3000,
  /** Long enough that a break cuts 5 or more calls on the slow instance, which opens its breaker. */
  slowLinkLatencyMs: 400,
  drainLatencyMs: 300,
} as const;

export const CREATE_ANNOUNCEMENT_PATH = '/announcement.AnnouncementService/CreateAnnouncement';

export interface TimelineEvent {
  at: number;
  name: string;
}

/** Everything a run produced, for the assertions and the figures. */
export interface ScenarioRun {
  runTag: string;
  records: LoadRecord[];
  skippedBeats: number;
  events: TimelineEvent[];
  /** Instance ids (Consul service ids): schedule replicas; announcement A (behind the proxy) and B. */
  ids: { s1: string; s2: string; s3: string; s4: string; announcementA: string; announcementB: string };
  first: GatewayProcess;
  second: GatewayProcess;
  firstExit: { code: number | null; afterSigtermMs: number };
  figures: { before: ProcessFigures; after: ProcessFigures; secondGateway: ProcessFigures };
  /** Times to recover, in ms; null when it did not happen within its bound. */
  recovery: Record<string, number | null>;
  drops: Array<{ at: number; connections: number; callsPending: number }>;
  /** Both announcement stores after the run: title → ids (an id says which store: `A:…` or `B:…`). */
  ledger: Map<string, string[]>;
  /** CreateAnnouncement calls the two announcement servers received. */
  createCallsReceived: number;
}

/** Phase names recorded on every request. */
export type Phase =
  | 'warmup'
  | 'steady'
  | 'kill'
  | 'pause'
  | 'consul-restart'
  | 'redis-restart'
  | 'slow-link'
  | 'handover'
  | 'after-handover';
