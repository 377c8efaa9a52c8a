// Two projects: fast unit tests beside the code, and emulator tests that start real emulators.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const transform = {
  '^.+\\.ts$': swc,
  // The CEL library ships ES modules only; jest on Node 20 needs it as CommonJS.
  '^.+/node_modules/@marcbachmann/cel-js/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = ['/node_modules/(?!@marcbachmann/cel-js/)'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/functions/src/**/*.test.ts', '<rootDir>/infra/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'],
    },
    {
      displayName: 'emulator',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/functions/test/**/*.test.ts'],
      testTimeout: 120000,
    },
  ],
};
