// Two tiers: unit (no sockets) and integration (real gRPC on loopback, real Redis, real Consul).
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
  projects: [tier('unit'), tier('integration', { slowTestThreshold: 20 })],
  testTimeout: 30000,
};
