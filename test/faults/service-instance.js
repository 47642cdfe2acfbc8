// One reference-service process for the faults suite, built from dist/ (run `npm run build` first), so the suite
// can SIGKILL, SIGSTOP and SIGCONT it as a real process. The five servers start as `npm run services` starts them
// (each service calls its siblings in this process), but only the services named in FAULTS_REGISTER are
// registered in Consul: the others are private to this process.
//
// Environment:
//   CONSUL_HTTP_ADDR                    the agent to register with
//   FAULTS_REGISTER                     comma-separated services to register (e.g. "schedule")
//   FAULTS_TTL_SECONDS                  TTL of each registration's Consul check (default 10)
//   FAULTS_PORT_<SERVICE>               a fixed port for that service's server (default: a free one)
//   FAULTS_ADVERTISE_<SERVICE>          `host:port` to register instead of the server's own (a proxy in front)
// Protocol on stdout, one JSON object per line:
//   {"ready":true,"addresses":{...},"registrations":{"<service>":{"serviceId","checkId","address"}}}
//   {"callCounts":{"<wire path>":n}}   on SIGUSR2
// SIGTERM deregisters, stops the servers and exits 0.
const { SERVICE_NAMES } = require('../../dist/core/config');
const { createConsulClient } = require('../../dist/core/consul-client');
const { createLogger } = require('../../dist/core/logger');
const { registerInConsul } = require('../../dist/reference-services/consul-registration');
const { startReferenceServices } = require('../../dist/reference-services/start-reference-services');

const logger = createLogger({ name: 'faults-service-instance', level: 'silent' });
const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main() {
  const env = process.env;
  const register = (env.FAULTS_REGISTER || '').split(',').filter(Boolean);
  const unknown = register.filter((s) => !SERVICE_NAMES.includes(s));
  if (unknown.length > 0) throw new Error(`unknown services: ${unknown.join(', ')}`);
  const ttlSeconds = Number(env.FAULTS_TTL_SECONDS || 10);
  const ports = {};
  for (const service of SERVICE_NAMES) {
    const port = env[`FAULTS_PORT_${service.toUpperCase()}`];
    if (port) ports[service] = Number(port);
  }

  const services = await startReferenceServices({ logger, ports });
  const consul = createConsulClient({ address: env.CONSUL_HTTP_ADDR });
  const registrations = {};
  const deregister = [];
  for (const service of register) {
    const advertised = env[`FAULTS_ADVERTISE_${service.toUpperCase()}`] || services.addresses[service];
    const [host, port] = advertised.split(':');
    const registration = await registerInConsul({ consul, service, host, port: Number(port), ttlSeconds, logger });
    registrations[service] = { serviceId: registration.serviceId, checkId: registration.checkId, advertised };
    deregister.push(() => registration.close());
  }

  process.on('SIGUSR2', () => say({ callCounts: services.callCounts() }));
  let closing = false;
  process.on('SIGTERM', () => {
    if (closing) return;
    closing = true;
    services.markNotServing();
    Promise.allSettled(deregister.map((close) => close()))
      .then(() => services.close(0))
      .then(() => {
        consul.destroy();
        process.exit(0);
      });
  });
  say({ ready: true, addresses: services.addresses, registrations });
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
