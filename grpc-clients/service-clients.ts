import type { ServiceDefinition } from '@grpc/grpc-js';
import type { ServiceName } from '../core/config';
import { AnnouncementServiceService } from './generated/announcement/announcement';
import { AuthAdminService } from './generated/auth/auth-admin';
import { AuthParentService } from './generated/auth/auth-parent';
import { AuthStudentService } from './generated/auth/auth-student';
import { AuthTeacherService } from './generated/auth/auth-teacher';
import { ClubAdminService } from './generated/club/club-admin';
import { ClubLeaderService } from './generated/club/club-leader';
import { ClubStudentService } from './generated/club/club-student';
import { OutingParentsService } from './generated/outing/outing-parents';
import { OutingStudentService } from './generated/outing/outing-student';
import { OutingTeacherService } from './generated/outing/outing-teacher';
import { ScheduleServiceService } from './generated/schedule/schedule';
import { callUpstream, type CallDeps, type RequestOf, type ResponseOf } from './call';
import { expectSuccess } from './status';
import { newSpanContext, type UpstreamCallContext } from './upstream-metadata';

/** The gRPC services of each upstream, grouped as the resolvers use them. */
const UPSTREAMS = {
  auth: {
    admin: AuthAdminService,
    student: AuthStudentService,
    teacher: AuthTeacherService,
    parent: AuthParentService,
  },
  club: { admin: ClubAdminService, student: ClubStudentService, leader: ClubLeaderService },
  outing: { student: OutingStudentService, teacher: OutingTeacherService, parents: OutingParentsService },
  schedule: { schedule: ScheduleServiceService },
  announcement: { announcement: AnnouncementServiceService },
} as const;

type Upstreams = typeof UPSTREAMS;

type MethodsOf<D> = {
  [K in keyof D]: (request: Partial<RequestOf<D[K]>>) => Promise<ResponseOf<D[K]>>;
};

/**
 * Promise clients bound to one request: `clients.outing.student.createOuting({...})`. Each call fills the
 * caller's uuid into `UUID`/`uuid` when the request leaves it empty, sends the request's metadata, and — for
 * GraphQL — throws the translated error when the in-message status is not a success.
 */
export type ServiceClients = {
  [S in keyof Upstreams]: { [G in keyof Upstreams[S]]: MethodsOf<Upstreams[S][G]> };
};

interface BoundClient {
  deps: CallDeps;
  context: UpstreamCallContext;
}

/** Method tables are built once; a request only allocates the small objects that carry its context. */
function buildPrototype(service: ServiceName, definition: ServiceDefinition, raw: boolean): object {
  const proto: Record<string, unknown> = {};
  for (const [method, def] of Object.entries(definition)) {
    const rpc = def.path.slice(def.path.lastIndexOf('/') + 1);
    proto[method] = function (this: BoundClient, request: object) {
      const reply = callUpstream(
        this.deps,
        service,
        definition as never,
        method as never,
        request as never,
        this.context,
      );
      return raw ? reply : reply.then((r) => expectSuccess(r as object, service, rpc));
    };
  }
  return proto;
}

function buildPrototypes(raw: boolean) {
  const groups: Record<string, Record<string, object>> = {};
  for (const [service, services] of Object.entries(UPSTREAMS)) {
    groups[service] = {};
    for (const [group, definition] of Object.entries(services)) {
      (groups[service] as Record<string, object>)[group] = buildPrototype(
        service as ServiceName,
        definition as ServiceDefinition,
        raw,
      );
    }
  }
  return groups;
}

const CHECKED = buildPrototypes(false);
const RAW = buildPrototypes(true);

/** One service's groups bound to a request: small objects over the shared method tables. */
function bindService(groups: Record<string, object>, deps: CallDeps, context: UpstreamCallContext) {
  const bound: Record<string, object> = {};
  for (const [group, proto] of Object.entries(groups)) {
    bound[group] = Object.assign(Object.create(proto) as object, { deps, context });
  }
  return bound;
}

function bind(prototypes: Record<string, Record<string, object>>, deps: CallDeps, context: UpstreamCallContext) {
  const clients: Record<string, Record<string, object>> = {};
  for (const [service, groups] of Object.entries(prototypes)) clients[service] = bindService(groups, deps, context);
  return clients as unknown as ServiceClients;
}

/**
 * One request's trace as all its clients share it: the legacy span context is made once, on the trace id the
 * request's log line shows (a fresh one without), by the first clients that need it.
 */
export interface RequestTrace {
  traceId: string | undefined;
  spanContext?: string;
}

/** A request's call context as the front doors hand it over: with its span context made, or its trace. */
export type ClientContext = UpstreamCallContext | (Omit<UpstreamCallContext, 'spanContext'> & { trace: RequestTrace });

// Fields copied by name: object rest and spread per request cost a visible share of a cached REST read.
const withSpanContext = (context: ClientContext): UpstreamCallContext =>
  'spanContext' in context
    ? context
    : {
        callerUuid: context.callerUuid,
        clientIp: context.clientIp,
        requestId: context.requestId,
        spanContext: (context.trace.spanContext ??= newSpanContext(context.trace.traceId)),
        deadlineAt: context.deadlineAt,
        journal: context.journal,
      };

/**
 * A request's clients bound service by service on first use (`clients.outing` binds the outing groups): a request
 * that calls nothing (a cache hit, a refusal) binds nothing, and one that calls one service binds one. The legacy
 * span context is made with the first binding.
 */
class LazyServiceClients {
  private made: UpstreamCallContext | undefined;
  private readonly bound: Record<string, unknown> = {};

  constructor(
    private readonly deps: CallDeps,
    private readonly context: ClientContext,
  ) {}

  protected service(name: string): unknown {
    let groups = this.bound[name];
    if (groups === undefined) {
      this.made ??= withSpanContext(this.context);
      this.bound[name] = groups = bindService(CHECKED[name] as Record<string, object>, this.deps, this.made);
    }
    return groups;
  }
}
for (const name of Object.keys(UPSTREAMS)) {
  Object.defineProperty(LazyServiceClients.prototype, name, {
    get(this: LazyServiceClients) {
      return this['service'](name);
    },
  });
}

/** Clients whose calls throw the translated error on a non-success status (GraphQL), bound on first use. */
export function createLazyServiceClients(deps: CallDeps, context: ClientContext): ServiceClients {
  // One getter per service of UPSTREAMS, the table `ServiceClients` is derived from: the shapes match by construction.
  return new LazyServiceClients(deps, context) as unknown as ServiceClients;
}

/** Clients whose calls throw the translated error on a non-success status (GraphQL). */
export function createServiceClients(deps: CallDeps, context: ClientContext): ServiceClients {
  return bind(CHECKED, deps, withSpanContext(context));
}

/** Clients whose calls return the reply as the service sent it, status included (the legacy REST layer). */
export function createRawServiceClients(deps: CallDeps, context: ClientContext): ServiceClients {
  return bind(RAW, deps, withSpanContext(context));
}
