// Two projects: fast unit tests beside the code, and emulator tests that start real emulators.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/functions/src/**/*.test.ts', '<rootDir>/infra/**/*.test.ts'],
    },
    {
      displayName: 'emulator',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/functions/test/**/*.test.ts'],
      testTimeout: 120000,
    },
  ],
};
