// Jest in its default CommonJS mode, as `nest new` set it up for NestJS 11.
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
};
