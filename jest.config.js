// Six tiers: unit (no sockets), integration (real gRPC on loopback, real Redis, real Consul), e2e (the built
// gateway as a process, and the offline explorer in headless Chromium), faults (one scenario of real processes
// under load), clusters (the gateway on a Redis Cluster, a Sentinel set and three Consul servers) and examples (the
// README's and docs' examples against the built gateway). All but unit and integration spawn dist/: their npm
// scripts build first.
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
    tier('e2e', { slowTestThreshold: 30 }),
    tier('faults', { slowTestThreshold: 180 }),
    tier('clusters', { slowTestThreshold: 180 }),
    tier('examples', { slowTestThreshold: 30 }),
  ],
  testTimeout: 30000,
};
