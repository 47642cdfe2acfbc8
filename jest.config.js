// Four tiers: unit (no sockets), integration (real gRPC on loopback, real Redis, real Consul), e2e (the built
// gateway as a process, and the offline explorer in headless Chromium) and faults (one scenario of real processes
// under load). e2e and faults spawn dist/: `npm run test:e2e` and `npm run test:faults` build first.
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
  ],
  testTimeout: 30000,
};
