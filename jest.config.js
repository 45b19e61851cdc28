/** Tests run against the TypeScript sources through ts-jest. */
module.exports = {
  testEnvironment: '<rootDir>/tests/helpers/node-env.js',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 60000,
};
