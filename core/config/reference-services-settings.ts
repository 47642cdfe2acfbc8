import { z } from 'zod';
import { defineSettings } from './define-settings';
import { DEFAULT_SERVICE_PORTS } from './service-names';
import { boolean, port } from './setting-schemas';

/** The five reference services (reference-services/), embedded or run by `npm run services`. */
export const referenceServicesSettings = defineSettings({
  env: {
    /** Bind address of the reference services. @default "127.0.0.1" */
    REFERENCE_SERVICES_HOST: z.string().min(1).default('127.0.0.1'),
    /** Address the reference services register in Consul. @default REFERENCE_SERVICES_HOST */
    REFERENCE_SERVICES_ADVERTISE_HOST: z.string().min(1).optional(),
    /** Reference service ports; 0 picks a free port. @default 50051…50055 */
    REFERENCE_AUTH_PORT: port.default(DEFAULT_SERVICE_PORTS.auth),
    REFERENCE_CLUB_PORT: port.default(DEFAULT_SERVICE_PORTS.club),
    REFERENCE_OUTING_PORT: port.default(DEFAULT_SERVICE_PORTS.outing),
    REFERENCE_SCHEDULE_PORT: port.default(DEFAULT_SERVICE_PORTS.schedule),
    REFERENCE_ANNOUNCEMENT_PORT: port.default(DEFAULT_SERVICE_PORTS.announcement),
    /** Seed the demo accounts, clubs, schedules, announcements and outings. @default true */
    REFERENCE_SERVICES_DEMO_DATA: boolean.default(true),
    /** TTL of the Consul check each reference service keeps passing, in seconds. @default 15 */
    REFERENCE_SERVICES_CHECK_TTL_SECONDS: z.coerce.number().int().min(2).max(3600).default(15),
  },
  read: (e) => ({
    referenceServices: {
      host: e.REFERENCE_SERVICES_HOST,
      advertiseHost: e.REFERENCE_SERVICES_ADVERTISE_HOST ?? e.REFERENCE_SERVICES_HOST,
      ports: {
        auth: e.REFERENCE_AUTH_PORT,
        club: e.REFERENCE_CLUB_PORT,
        outing: e.REFERENCE_OUTING_PORT,
        schedule: e.REFERENCE_SCHEDULE_PORT,
        announcement: e.REFERENCE_ANNOUNCEMENT_PORT,
      },
      demoData: e.REFERENCE_SERVICES_DEMO_DATA,
      checkTtlSeconds: e.REFERENCE_SERVICES_CHECK_TTL_SECONDS,
    },
  }),
});
