import {
  credentials,
  makeGenericClientConstructor,
  status as grpcStatus,
  type ServiceDefinition,
  type ServiceError,
} from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

/**
 * What one check of one instance found. `legacy`: the server answered UNIMPLEMENTED for grpc.health.v1, so it
 * does not implement health checking but did accept the connection (all the legacy checker asked for).
 */
export type ProbeOutcome = 'serving' | 'legacy' | 'not_serving' | 'timeout' | 'unreachable' | 'error';

export interface ProbeResult {
  ok: boolean;
  outcome: ProbeOutcome;
  /** The health status or the gRPC error, for logs and Consul notes. */
  detail: string;
  durationMs: number;
}

/** Checks one `host:port` within `timeoutMs`; never rejects. */
export type InstanceProbe = (address: string, timeoutMs: number) => Promise<ProbeResult>;

interface HealthCheckResponse {
  status: string;
}

type HealthClient = InstanceType<ReturnType<typeof makeGenericClientConstructor>> & {
  Check(
    request: { service: string },
    options: { deadline: number },
    callback: (error: ServiceError | null, response?: HealthCheckResponse) => void,
  ): void;
};

const HealthClientConstructor = makeGenericClientConstructor(
  healthService as unknown as ServiceDefinition,
  'grpc.health.v1.Health',
);

/**
 * `grpc.health.v1.Health/Check` for the whole server (service `""`), on a fresh channel each time, as the
 * legacy checker dialled each node: a reused channel would answer from its reconnect backoff (up to two minutes
 * of UNAVAILABLE after a long outage) instead of from the instance. The local subchannel pool keeps grpc-js
 * from handing back a cached connection.
 */
export function createGrpcHealthProbe(): InstanceProbe {
  return (address, timeoutMs) =>
    new Promise((resolve) => {
      const started = performance.now();
      const client = new HealthClientConstructor(address, credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': 1,
      }) as HealthClient;
      const done = (ok: boolean, outcome: ProbeOutcome, detail: string) => {
        client.close();
        resolve({ ok, outcome, detail, durationMs: Math.round(performance.now() - started) });
      };
      client.Check({ service: '' }, { deadline: Date.now() + timeoutMs }, (error, response) => {
        if (!error) {
          const status = response?.status ?? 'UNKNOWN';
          return status === 'SERVING' ? done(true, 'serving', status) : done(false, 'not_serving', status);
        }
        const detail = `${grpcStatus[error.code] ?? error.code}: ${error.details}`;
        switch (error.code) {
          case grpcStatus.UNIMPLEMENTED:
            return done(true, 'legacy', 'no grpc.health.v1 service: connection accepted');
          case grpcStatus.DEADLINE_EXCEEDED:
            return done(false, 'timeout', `no answer within ${timeoutMs} ms`);
          case grpcStatus.UNAVAILABLE:
            return done(false, 'unreachable', detail);
          default:
            return done(false, 'error', detail);
        }
      });
    });
}
