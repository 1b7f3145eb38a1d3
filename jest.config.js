// Jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules, set by `npm test`):
// NestJS 12 is ESM-only and Jest on Node 20 cannot require() an ES module.
const typescript = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The sample imports the package by name, as users do; tests run it on the sources.
    '^nestjs-cassandra-tls$': '<rootDir>/lib/index.ts',
    '^nestjs-cassandra-tls/health$': '<rootDir>/lib/health/index.ts',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  // One real Cassandra node serves every integration test, and some tests stop
  // and restart it: test files run one at a time.
  maxWorkers: 1,
  // Some integration tests stop and start the node (about 10 s each time).
  testTimeout: 60_000,
  projects: [
    { ...typescript, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...typescript,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/start-node.mjs',
      globalTeardown: '<rootDir>/test/support/stop-node.mjs',
    },
  ],
};
