import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVICE_NAMES } from '../../core/config';
import type { Logger } from '../../core/logger';
import { callUpstream, type CallDeps } from '../../grpc-clients/call';
import { AnnouncementEventService } from '../../grpc-clients/generated/announcement/announcement-event';
import { AuthEventService } from '../../grpc-clients/generated/auth/auth-event';
import { ClubEventService } from '../../grpc-clients/generated/club/club-event';
import { OutingEventService } from '../../grpc-clients/generated/outing/outing-event';
import { ScheduleEventService } from '../../grpc-clients/generated/schedule/schedule-event';
import { newSpanContext } from '../../grpc-clients/upstream-metadata';

const EVENT_SERVICES = {
  auth: AuthEventService,
  club: ClubEventService,
  outing: OutingEventService,
  schedule: ScheduleEventService,
  announcement: AnnouncementEventService,
} as const;

const DEDUPE_MS = 60_000;

export interface ConsulChangeOptions {
  deps: CallDeps;
  logger: Logger;
  /** The header Consul HTTP watches put their index in (legacy env CONSUL_INDEX_HEADER). */
  indexHeader: string;
  readBody(req: IncomingMessage): Promise<Buffer>;
}

const reply = (res: ServerResponse, status: number, body?: string, type = 'application/json; charset=utf-8') => {
  res.writeHead(status, body === undefined ? {} : { 'content-type': type });
  res.end(body);
};

/**
 * `POST /events/types/consul-change` (legacy route 2), for old Consul watch configs that still post here: the
 * legacy checks in their order, then a registry refresh and `ChangeAllServiceNodes` on one instance of every
 * service so each re-reads its own peers.
 */
export function createConsulChangeHandler(options: ConsulChangeOptions) {
  const seen = new Map<string, number>();
  return async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    const index = req.headers[options.indexHeader.toLowerCase()];
    if (index === undefined) {
      return reply(res, 407, JSON.stringify({ status: 407, message: `${options.indexHeader} header is required` }));
    }
    if (String(req.headers.type ?? '').toLowerCase() === 'checks') return reply(res, 200);

    const key = `${String(req.headers.service ?? '')}|${String(index)}`;
    const now = Date.now();
    for (const [k, at] of seen) if (now - at > DEDUPE_MS) seen.delete(k);
    if (seen.has(key)) return reply(res, 409);
    seen.set(key, now);

    const raw = await options.readBody(req);
    try {
      const nodes: unknown = JSON.parse(raw.toString('utf8') || 'null');
      if (!Array.isArray(nodes)) throw new Error('json: cannot unmarshal non-array into the node list');
    } catch (error) {
      return reply(res, 400, (error as Error).message, 'text/plain; charset=utf-8');
    }

    await options.deps.registry.refresh();
    const context = { callerUuid: '', requestId, spanContext: newSpanContext() };
    const results = await Promise.allSettled(
      SERVICE_NAMES.map((service) =>
        callUpstream(options.deps, service, EVENT_SERVICES[service], 'changeAllServiceNodes', {}, context),
      ),
    );
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        options.logger.warn({ err: result.reason, service: SERVICE_NAMES[i] }, 'ChangeAllServiceNodes failed');
      }
    });
    return reply(res, 200);
  };
}
