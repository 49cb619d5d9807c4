/** Integration tests: run by the pipeline against the staging deployment (SERVICE_URL). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/integration'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest'],
  },
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'integration-tests.xml' }]],
};
