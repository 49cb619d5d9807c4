import {
  describePattern,
  explainObject,
  explainValidationErrors,
  formatProblem,
  ruleMessage,
  valueProblems,
} from './validationMessages';
import { withErrorMessages } from './schemaErrorMessages';

// The Releasing page of the Lambda template, cut down: the fields that a
// custom strategy adds live in a dependencies/oneOf branch.
const releasing = {
  required: ['strategy'],
  properties: {
    strategy: { type: 'string', enum: ['all-at-once', 'canary', 'linear'] },
    alarmErrors: { type: 'integer', minimum: 1, maximum: 10000 },
  },
  dependencies: {
    strategy: {
      oneOf: [
        { properties: { strategy: { enum: ['all-at-once'] } } },
        {
          properties: {
            strategy: { enum: ['canary', 'linear'] },
            percentage: { type: 'integer', minimum: 1, maximum: 99 },
            intervalMinutes: { type: 'integer', minimum: 1 },
          },
          required: ['percentage', 'intervalMinutes'],
        },
      ],
    },
  },
};

describe('ruleMessage', () => {
  it('says each rule in words, with the value shown as given', () => {
    const range = { type: 'integer', minimum: 1, maximum: 99 };
    expect(ruleMessage('maximum', range, '150')).toBe(
      '150 is not between 1 and 99',
    );
    expect(ruleMessage('minimum', { minimum: 10 }, '3')).toBe(
      '3 is less than 10',
    );
    expect(ruleMessage('type', range, '"abc"')).toBe(
      '"abc" is not a whole number',
    );
    expect(ruleMessage('type', { type: ['string', 'null'] }, '3')).toBe(
      '3 is not text or empty (null)',
    );
    expect(ruleMessage('maxLength', { maxLength: 200 }, '"x"')).toBe(
      '"x" is longer than 200 characters',
    );
    expect(ruleMessage('enum', { enum: ['lambda', 'ecs'] }, '"ec2"')).toBe(
      '"ec2" is not one of: lambda, ecs',
    );
    expect(ruleMessage('pattern', { pattern: '^[0-9]{12}$' }, '"55"')).toBe(
      '"55" is not of the form: 12 digits',
    );
    expect(ruleMessage('nonsense', {}, '1')).toBeUndefined();
  });
});

describe('describePattern', () => {
  it('reads simple anchored patterns', () => {
    expect(describePattern('^[a-z][a-z0-9-]{1,38}[a-z0-9]$')).toBe(
      "a lowercase letter, then 1 to 38 lowercase letters, digits or '-', then a lowercase letter or digit",
    );
    expect(describePattern('^[a-z]{2}(-gov)?-[a-z]+-[0-9]{1,2}$')).toBe(
      "2 lowercase letters, then optionally '-gov', then '-', then one or more lowercase letters, then '-', then 1 to 2 digits",
    );
    expect(describePattern('^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$')).toBe(
      "one or more uppercase letters, lowercase letters, digits, '_', '.' or '-', then '/', then one or more uppercase letters, lowercase letters, digits, '_', '.' or '-'",
    );
  });

  it('gives up on what it cannot say plainly', () => {
    expect(describePattern('^(codestar|codeconnections):.*$')).toBeUndefined();
    expect(describePattern('[a-z]+')).toBeUndefined();
    expect(describePattern('^[^a-z]$')).toBeUndefined();
    expect(ruleMessage('pattern', { pattern: '^(a|b)$' }, '"c"')).toBe(
      '"c" does not match the pattern ^(a|b)$',
    );
  });
});

describe('valueProblems', () => {
  it('reports a wrong type alone, then every broken rule', () => {
    expect(valueProblems({ type: 'integer', minimum: 1 }, 'x')).toEqual([
      '"x" is not a whole number',
    ]);
    expect(
      valueProblems({ type: 'string', minLength: 5, pattern: '^a+$' }, 'bb'),
    ).toEqual([
      '"bb" is shorter than 5 characters',
      '"bb" is not of the form: one or more \'a\'',
    ]);
    expect(valueProblems({ type: 'integer', maximum: 9 }, 9)).toEqual([]);
  });
});

describe('explainObject', () => {
  it("reports the failing rule of the branch the strategy chose, not 'not exactly one from subschema'", () => {
    expect(
      explainObject(releasing, {
        strategy: 'canary',
        percentage: 150,
        intervalMinutes: 5,
      }).map(formatProblem),
    ).toEqual(['percentage: 150 is not between 1 and 99']);
    expect(
      explainObject(releasing, { strategy: 'linear' }).map(formatProblem),
    ).toEqual(['percentage: is required', 'intervalMinutes: is required']);
    expect(
      explainObject(releasing, { strategy: 'all-at-once' }).map(formatProblem),
    ).toEqual([]);
  });
});

describe('explainValidationErrors', () => {
  // jsonschema's errors for { strategy: 'canary', percentage: 150, intervalMinutes: 5 }, as the backend sends them.
  const values = { strategy: 'canary', percentage: 150, intervalMinutes: 5 };
  const raw = [
    {
      property: 'instance',
      name: 'dependencies',
      argument: 'instance.strategy',
      instance: values,
      schema: releasing,
      path: [],
      message: 'does not meet dependency required by instance.strategy',
    },
    {
      property: 'instance.strategy',
      name: 'oneOf',
      argument: ['[subschema 0]', '[subschema 1]'],
      instance: values,
      schema: releasing.dependencies.strategy,
      path: ['strategy'],
      message: 'is not exactly one from [subschema 0],[subschema 1]',
    },
  ];

  it('translates a dependency/oneOf refusal into the chosen branch rule', () => {
    expect(explainValidationErrors(raw).map(formatProblem)).toEqual([
      'percentage: 150 is not between 1 and 99',
    ]);
  });

  it('names required fields and plain rules, and says a refused choice once', () => {
    const other = { strategy: 'nope' };
    expect(
      explainValidationErrors([
        { property: 'instance', name: 'required', argument: 'owner' },
        {
          property: 'instance.strategy',
          name: 'enum',
          instance: 'nope',
          schema: releasing.properties.strategy,
          path: ['strategy'],
        },
        { ...raw[1], instance: other },
        {
          property: 'instance.alarmErrors',
          name: 'unknownRule',
          instance: 0,
          schema: {},
          message: 'is odd',
        },
      ]).map(formatProblem),
    ).toEqual([
      'owner: is required',
      'strategy: "nope" is not one of: all-at-once, canary, linear',
      'alarmErrors: 0 is odd',
    ]);
  });
});

describe('withErrorMessages', () => {
  it("gives every value rule, in branches too, ajv-errors' sentence with ${0} for the value", () => {
    const decorated = withErrorMessages(releasing);
    expect(decorated.properties.alarmErrors).toEqual({
      ...releasing.properties.alarmErrors,
      errorMessage: {
        type: '${0} is not a whole number',
        minimum: '${0} is not between 1 and 10000',
        maximum: '${0} is not between 1 and 10000',
      },
    });
    const branch = decorated.dependencies.strategy.oneOf[1];
    expect(branch.properties.percentage).toMatchObject({
      errorMessage: { maximum: '${0} is not between 1 and 99' },
    });
    expect(branch.required).toEqual(['percentage', 'intervalMinutes']);
    // The input is not changed.
    expect(releasing.properties.alarmErrors).not.toHaveProperty('errorMessage');
  });

  it("keeps a template's own errorMessage", () => {
    const own = {
      type: 'string',
      pattern: '^a$',
      errorMessage: { pattern: 'say a' },
    };
    expect(
      withErrorMessages({ properties: { x: own } }).properties.x.errorMessage,
    ).toEqual({
      type: '${0} is not text',
      pattern: 'say a',
    });
  });
});
