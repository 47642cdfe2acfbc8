export const SERVICE_NAMES = ['auth', 'club', 'outing', 'schedule', 'announcement'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The name each service registers under in Consul, as in the legacy system. */
export function consulServiceName(service: ServiceName): string {
  return `DMS.SMS.v1.service.${service}`;
}

export const DEFAULT_SERVICE_PORTS: Record<ServiceName, number> = {
  auth: 50051,
  club: 50052,
  outing: 50053,
  schedule: 50054,
  announcement: 50055,
};
