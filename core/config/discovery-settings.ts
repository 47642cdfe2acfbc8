import { z } from 'zod';
import { defineSettings } from './define-settings';
import { addressList } from './setting-schemas';

/** Where the five services are: Consul, static lists, or (neither) the embedded reference services. */
export const discoverySettings = defineSettings({
  env: {
    /** Consul agent HTTP address (`host:port` or URL); unset means static discovery. @default unset */
    CONSUL_HTTP_ADDR: z.string().min(1).optional(),
    /** Consul ACL token. @default unset */
    CONSUL_HTTP_TOKEN: z.string().min(1).optional(),
    /** Blocking-query wait of the Consul watch. @default "30s" */
    CONSUL_WATCH_WAIT: z
      .string()
      .regex(/^\d+(ms|s|m)$/, 'expected a duration such as 30s')
      .default('30s'),
    /** The header legacy Consul HTTP watches put their index in (route 2). @default "X-Consul-Index" */
    CONSUL_INDEX_HEADER: z.string().min(1).default('X-Consul-Index'),
    /** Static upstream addresses per service, comma-separated `host:port`. @default unset (embedded services) */
    UPSTREAM_AUTH_ADDRS: addressList.optional(),
    UPSTREAM_CLUB_ADDRS: addressList.optional(),
    UPSTREAM_OUTING_ADDRS: addressList.optional(),
    UPSTREAM_SCHEDULE_ADDRS: addressList.optional(),
    UPSTREAM_ANNOUNCEMENT_ADDRS: addressList.optional(),
  },
  read: (e) => ({
    consul: e.CONSUL_HTTP_ADDR
      ? {
          address: e.CONSUL_HTTP_ADDR,
          token: e.CONSUL_HTTP_TOKEN,
          watchWait: e.CONSUL_WATCH_WAIT,
          indexHeader: e.CONSUL_INDEX_HEADER,
        }
      : undefined,
    upstreams: {
      auth: e.UPSTREAM_AUTH_ADDRS,
      club: e.UPSTREAM_CLUB_ADDRS,
      outing: e.UPSTREAM_OUTING_ADDRS,
      schedule: e.UPSTREAM_SCHEDULE_ADDRS,
      announcement: e.UPSTREAM_ANNOUNCEMENT_ADDRS,
    },
  }),
});
