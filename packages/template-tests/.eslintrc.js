module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The matrix's shared checks (expectAnnotations, expectNagClean, ...) assert.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect*'] },
    ],
  },
});
