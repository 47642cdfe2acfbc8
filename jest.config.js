// Four tiers: unit (no sockets), integration (real gRPC on loopback, real Redis, real Consul), faults (one
// scenario of real processes under load, spawned from dist/: `npm run test:faults` builds first), and clusters
// (the gateway on a Redis Cluster, a Sentinel set and three Consul servers, from dist/ too).
/** @type {import('jest').Config} */
const tier = (name, extra = {}) => ({
  displayName: name,
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  ...extra,
});

module.exports = {
  projects: [
    tier('unit'),
    tier('integration', { slowTestThreshold: 20 }),
    tier('faults', { slowTestThreshold: 180 }),
    tier('clusters', { slowTestThreshold: 180 }),
  ],
  testTimeout: 30000,
};
