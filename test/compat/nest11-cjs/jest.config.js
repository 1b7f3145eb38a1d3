// Jest in its default CommonJS mode, as `nest new` set it up for NestJS 11.
module.exports = {
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
};
