// Four tiers: unit (no sockets), integration (real gRPC on loopback, real Redis, real Consul), faults (one scenario
// of real processes under load, spawned from dist/: `npm run test:faults` builds first), and examples (the README's
// and docs' examples against the built gateway: `npm run test:examples` builds first).
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
    tier('examples', { slowTestThreshold: 30 }),
  ],
  testTimeout: 30000,
};
