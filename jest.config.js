/**
 * Three projects, by directory:
 * - `unit`: the pure core and the adapters against stub servers (test/unit, test/providers), seconds;
 * - `e2e`: the real gateway over HTTP with the embedded sandbox (test/e2e, test/soak);
 * - `contract`: the emulators and the adapters against the providers' published specs (test/contracts, test/sandbox);
 * - `browser`: the settings page in headless Chromium against the real gateway (test/browser).
 * `npx jest` runs all three; `npx jest --selectProjects unit` one of them.
 * The typed operations the tests import are generated first when missing or stale (test/generate-documents.js).
 *
 * Tests compile with ts-jest in transpile-only mode (type-checking is `npm run typecheck`'s job);
 * TypeScript emits the decorator metadata type-graphql and TypeORM read.
 */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
};

const project = (displayName, dirs) => ({
  ...shared,
  displayName,
  roots: ['<rootDir>/test'],
  testMatch: dirs.map((dir) => `<rootDir>/test/${dir}/**/*.test.ts`),
});

module.exports = {
  globalSetup: '<rootDir>/test/generate-documents.js',
  projects: [
    project('unit', ['unit', 'providers']),
    project('e2e', ['e2e', 'soak']),
    project('contract', ['contracts', 'sandbox']),
    project('browser', ['browser']),
  ],
  testTimeout: 30000,
  maxWorkers: 2,
};
