/**
 * Tests compile with ts-jest in transpile-only mode (type-checking is `npm run typecheck`'s job);
 * TypeScript emits the decorator metadata type-graphql and TypeORM read.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  maxWorkers: 2,
};
