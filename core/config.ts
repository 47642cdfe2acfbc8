import { z } from 'zod';
import type { SettingGroup } from './config/define-settings';
import { cacheSettings } from './config/cache-settings';
import { discoverySettings } from './config/discovery-settings';
import { graphqlSettings } from './config/graphql-settings';
import { healthCheckerSettings } from './config/health-checker-settings';
import { httpSettings } from './config/http-settings';
import { naverSearchSettings } from './config/naver-search-settings';
import { redisSettings } from './config/redis-settings';
import { referenceServicesSettings } from './config/reference-services-settings';
import { requestSecuritySettings } from './config/request-security-settings';
import { resilienceSettings } from './config/resilience-settings';
import { runtimeSettings } from './config/runtime-settings';
import { shutdownSettings } from './config/shutdown-settings';
import { subscriptionSettings } from './config/subscription-settings';
import { telemetrySettings } from './config/telemetry-settings';
import { tokenSettings } from './config/token-settings';
import { trafficSettings } from './config/traffic-settings';

export { SERVICE_NAMES, consulServiceName, DEFAULT_SERVICE_PORTS, type ServiceName } from './config/service-names';
export type { RedisTarget, HostPort } from './config/redis-settings';
export type { SubscriptionLimits } from './config/subscription-settings';
export { DEVELOPMENT_FLOOD_ALLOWLIST } from './config/traffic-settings';

/**
 * Every setting of the gateway and the reference services, one group per concern (`core/config/`), parsed once
 * from an env object at the edge (`src/main.ts`, `reference-services/main.ts`). Each one is listed with its
 * default in docs/settings.md.
 */
export const SETTING_GROUPS = {
  runtime: runtimeSettings,
  http: httpSettings,
  tokens: tokenSettings,
  graphql: graphqlSettings,
  discovery: discoverySettings,
  resilience: resilienceSettings,
  redis: redisSettings,
  cache: cacheSettings,
  traffic: trafficSettings,
  referenceServices: referenceServicesSettings,
  healthChecker: healthCheckerSettings,
  telemetry: telemetrySettings,
  shutdown: shutdownSettings,
  requestSecurity: requestSecuritySettings,
  subscriptions: subscriptionSettings,
  naverSearch: naverSearchSettings,
};

type Group = (typeof SETTING_GROUPS)[keyof typeof SETTING_GROUPS];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** Groups seen as their common shape, for the loops over them (their own types stay on SETTING_GROUPS). */
const groups = Object.values(SETTING_GROUPS) as unknown as Array<SettingGroup<z.ZodRawShape, z.ZodRawShape, object>>;

const envShape = Object.assign({}, ...groups.map((group) => group.env)) as UnionToIntersection<Group['env']>;

const envSchema = z.object(envShape).superRefine(reportConflicts, {
  // Conflicts are reported beside invalid values, not after they are fixed; each rule skips what it cannot trust.
  when: () => true,
});

export type Env = z.infer<typeof envSchema>;

/** Every environment variable the gateway and its tools read (docs/settings.md lists each). */
export const SETTING_NAMES = Object.keys(envShape) as Array<keyof Env>;

/** The parsed configuration: each group's part, merged. */
export type Config = Flatten<UnionToIntersection<ReturnType<Group['read']>>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the whole environment at once and reports every invalid setting and every conflict together. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable is how shells and manifests say "unset".
  const relevant = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(relevant);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return Object.assign({}, ...groups.map((group) => group.read(result.data))) as Config;
}

function reportConflicts(env: Record<string, unknown>, ctx: z.RefinementCtx<Record<string, unknown>>): void {
  const invalid = new Set(ctx.issues.map((issue) => String(issue.path?.[0])));
  for (const group of groups) {
    for (const rule of group.rules) {
      if (rule.reads.some((name) => invalid.has(name))) continue;
      const problem = rule.check(env);
      if (problem) ctx.addIssue({ code: 'custom', path: [problem.setting], message: problem.reason });
    }
  }
}
