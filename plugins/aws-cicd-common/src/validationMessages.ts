/*
 * A software template's parameter problems in a person's words:
 * "percentage: 150 is not between 1 and 99", never "is not exactly one from
 * [subschema 0],[subschema 1]". One wording for every place that refuses
 * values: the liftoff CLI (it checks with jsonschema, as the scaffolder backend
 * does, and translates the backend's own 400 answer the same way) and the
 * create-component wizard (RJSF validates with ajv, which has ajv-errors
 * loaded: withErrorMessages(), in schemaErrorMessages.ts, puts the same
 * sentences in the schema). Browser-safe: no dependencies.
 */
import { describePattern } from './patternWords';

export { describePattern };

/** A JSON schema, or one of its subschemas. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One refused value: the field (a dotted path) and what is wrong with it. */
export interface ParameterProblem {
  field: string;
  message: string;
}

/** A jsonschema ValidationError, as the library gives it or as the scaffolder backend sends it in a 400 answer. */
export interface SchemaValidationError {
  property?: string;
  name?: string;
  argument?: unknown;
  instance?: unknown;
  schema?: unknown;
  path?: Array<string | number>;
  message?: string;
}

const isObject = (v: unknown): v is { [key: string]: unknown } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const asSchema = (v: unknown): JsonSchema => (isObject(v) ? v : {});

/** A value as the messages show it: JSON, cut short. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `field: message`, as the CLI prints each problem. */
export function formatProblem(problem: ParameterProblem): string {
  return `${problem.field || '(values)'}: ${problem.message}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of names to values',
  null: 'empty (null)',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'email address',
  uri: 'URI',
  url: 'URL',
  date: 'date (YYYY-MM-DD)',
  'date-time': 'date and time (RFC 3339)',
  hostname: 'host name',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
};

const list = (items: string[]) =>
  items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

const plain = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The sentence for a value that breaks `keyword` of `schema`, the value shown
 * as `shown` (showValue(value), or ajv-errors' `${0}`). Undefined for a keyword
 * this module has no words for.
 */
export function ruleMessage(
  keyword: string,
  schema: JsonSchema,
  shown: string,
): string | undefined {
  const s = schema;
  const num = (k: string) =>
    typeof s[k] === 'number' ? (s[k] as number) : undefined;
  switch (keyword) {
    case 'type': {
      const types = ([] as unknown[])
        .concat(s.type)
        .map(t => TYPE_WORDS[String(t)] ?? String(t));
      return `${shown} is not ${list(types)}`;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const [min, max] = [num('minimum'), num('maximum')];
      if (min !== undefined && max !== undefined)
        return `${shown} is not between ${min} and ${max}`;
      if (keyword === 'minimum') return `${shown} is less than ${min}`;
      if (keyword === 'maximum') return `${shown} is more than ${max}`;
      const limit =
        num(keyword) ??
        num(keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum');
      return `${shown} is not ${keyword === 'exclusiveMinimum' ? 'more' : 'less'} than ${limit}`;
    }
    case 'minLength':
    case 'maxLength': {
      const [min, max] = [num('minLength'), num('maxLength')];
      if (min !== undefined && max !== undefined)
        return `${shown} is not ${min} to ${max} characters long`;
      return keyword === 'minLength'
        ? `${shown} is shorter than ${min} character${min === 1 ? '' : 's'}`
        : `${shown} is longer than ${max} characters`;
    }
    case 'pattern': {
      const words = describePattern(String(s.pattern));
      return words
        ? `${shown} is not of the form: ${words}`
        : `${shown} does not match the pattern ${String(s.pattern)}`;
    }
    case 'enum':
      return `${shown} is not one of: ${(Array.isArray(s.enum) ? s.enum : []).map(plain).join(', ')}`;
    case 'const':
      return `${shown} is not ${showValue(s.const)}`;
    case 'multipleOf':
      return `${shown} is not a multiple of ${num('multipleOf')}`;
    case 'format':
      return `${shown} is not a valid ${FORMAT_WORDS[String(s.format)] ?? String(s.format)}`;
    case 'minItems':
      return `${shown} has fewer than ${num('minItems')} items`;
    case 'maxItems':
      return `${shown} has more than ${num('maxItems')} items`;
    case 'uniqueItems':
      return `${shown} has the same item more than once`;
    default:
      return undefined;
  }
}

/** The rules of one value that ruleMessage() and valueProblems() know. */
export const VALUE_KEYWORDS = [
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'multipleOf',
  'format',
  'minItems',
  'maxItems',
  'uniqueItems',
];

function hasType(type: string, v: unknown): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObject(v);
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
}

function breaks(keyword: string, s: JsonSchema, v: unknown): boolean {
  const n = s[keyword];
  switch (keyword) {
    case 'enum':
      return (
        Array.isArray(n) &&
        !n.some(e => JSON.stringify(e) === JSON.stringify(v))
      );
    case 'const':
      return JSON.stringify(n) !== JSON.stringify(v);
    case 'minimum':
      return typeof v === 'number' && typeof n === 'number' && v < n;
    case 'maximum':
      return typeof v === 'number' && typeof n === 'number' && v > n;
    case 'exclusiveMinimum':
      return typeof v === 'number' && typeof n === 'number' && v <= n;
    case 'exclusiveMaximum':
      return typeof v === 'number' && typeof n === 'number' && v >= n;
    case 'minLength':
      return (
        typeof v === 'string' && typeof n === 'number' && [...v].length < n
      );
    case 'maxLength':
      return (
        typeof v === 'string' && typeof n === 'number' && [...v].length > n
      );
    case 'pattern':
      return (
        typeof v === 'string' &&
        typeof n === 'string' &&
        !new RegExp(n, 'u').test(v)
      );
    case 'multipleOf':
      return (
        typeof v === 'number' &&
        typeof n === 'number' &&
        !Number.isInteger(v / n)
      );
    case 'minItems':
      return Array.isArray(v) && typeof n === 'number' && v.length < n;
    case 'maxItems':
      return Array.isArray(v) && typeof n === 'number' && v.length > n;
    default:
      return false; // format, uniqueItems: left to the validator
  }
}

/** What is wrong with one value against its own schema's simple rules (type first, then the others). */
export function valueProblems(schema: JsonSchema, value: unknown): string[] {
  const shown = showValue(value);
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type).map(String);
    if (!types.some(t => hasType(t, value)))
      return [ruleMessage('type', schema, shown)!];
  }
  const messages = VALUE_KEYWORDS.filter(
    k => schema[k] !== undefined && breaks(k, schema, value),
  ).map(k => ruleMessage(k, schema, shown)!);
  return [...new Set(messages)];
}

const join = (prefix: string, key: string) =>
  prefix ? `${prefix}.${key}` : key;

/** Problems of an object of values against an object schema: required, properties, dependencies (the branch meant). */
export function explainObject(
  schema: JsonSchema,
  values: unknown,
  prefix = '',
): ParameterProblem[] {
  const obj = isObject(values) ? values : {};
  const problems: ParameterProblem[] = [];
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (obj[name] === undefined)
      problems.push({ field: join(prefix, name), message: 'is required' });
  }
  for (const [name, sub] of Object.entries(asSchema(schema.properties))) {
    if (obj[name] === undefined) continue;
    const field = join(prefix, name);
    const messages = valueProblems(asSchema(sub), obj[name]);
    problems.push(...messages.map(message => ({ field, message })));
    if (messages.length === 0 && isObject(obj[name]))
      problems.push(...explainObject(asSchema(sub), obj[name], field));
  }
  for (const [key, dep] of Object.entries(asSchema(schema.dependencies))) {
    if (obj[key] === undefined) continue;
    if (Array.isArray(dep)) {
      for (const name of dep) {
        if (obj[name] === undefined) {
          problems.push({
            field: join(prefix, name),
            message: `is required when ${key} is given`,
          });
        }
      }
    } else problems.push(...explainChoice(asSchema(dep), obj, key, prefix));
  }
  for (const sub of Array.isArray(schema.allOf) ? schema.allOf : []) {
    problems.push(...explainObject(asSchema(sub), obj, prefix));
  }
  return problems;
}

/**
 * A `dependencies` entry: its oneOf/anyOf branches are told apart by the
 * value of `key` (the templates' strategy-dependent fields). Explains the
 * branch the user meant, not "is not exactly one from [subschema 0]...".
 */
function explainChoice(
  dep: JsonSchema,
  obj: { [key: string]: unknown },
  key: string,
  prefix: string,
): ParameterProblem[] {
  const branches = ([] as unknown[])
    .concat(dep.oneOf ?? [], dep.anyOf ?? [])
    .map(asSchema);
  if (branches.length === 0) return explainObject(dep, obj, prefix);
  const own = (b: JsonSchema) => asSchema(asSchema(b.properties)[key]);
  const meant = branches.filter(
    b => valueProblems(own(b), obj[key]).length === 0,
  );
  const field = join(prefix, key);
  if (meant.length === 1) {
    return explainObject(meant[0], obj, prefix).filter(p => p.field !== field);
  }
  if (meant.length === 0) {
    const allowed = branches.flatMap(b => {
      const s = own(b);
      if (Array.isArray(s.enum)) return s.enum;
      return s.const === undefined ? [] : [s.const];
    });
    return [
      {
        field,
        message: `${showValue(obj[key])} is not one of: ${allowed.map(plain).join(', ')}`,
      },
    ];
  }
  return [
    {
      field,
      message: `${showValue(obj[key])} fits more than one of the template's choices for ${key}`,
    },
  ];
}

/**
 * jsonschema's errors (from a local check or the scaffolder backend's 400
 * answer) as problems in a person's words, one per field and rule.
 */
export function explainValidationErrors(
  errors: SchemaValidationError[],
): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  const choices: ParameterProblem[] = [];
  for (const e of errors) {
    const field = (e.property ?? '').replace(/^instance\.?/, '');
    const schema = asSchema(e.schema);
    const key = String(e.path?.at(-1) ?? '');
    switch (e.name) {
      case 'required':
        problems.push({
          field: join(field, String(e.argument)),
          message: 'is required',
        });
        break;
      case 'dependencies': {
        // A schema dependency with branches is reported again as oneOf/anyOf at its key.
        const depKey =
          String(e.argument ?? '')
            .replace(/^instance\.?/, '')
            .split('.')
            .at(-1) ?? '';
        const dep = asSchema(schema.dependencies)[depKey];
        if (Array.isArray(dep) || (isObject(dep) && !dep.oneOf && !dep.anyOf)) {
          choices.push(
            ...explainObject(
              { dependencies: { [depKey]: dep } },
              e.instance,
              field,
            ),
          );
        }
        break;
      }
      case 'oneOf':
      case 'anyOf':
        if (isObject(e.instance) && key in e.instance) {
          choices.push(
            ...explainChoice(
              schema,
              e.instance,
              key,
              field.split('.').slice(0, -1).join('.'),
            ),
          );
        } else {
          problems.push({
            field,
            message: `${showValue(e.instance)} is not any of the allowed choices`,
          });
        }
        break;
      default:
        problems.push({
          field,
          message:
            ruleMessage(e.name ?? '', schema, showValue(e.instance)) ??
            `${showValue(e.instance)} ${e.message ?? 'is not allowed'}`,
        });
    }
  }
  // A field already refused by its own rule needs no second word from a choice.
  const refused = new Set(problems.map(p => p.field));
  const all = [...problems, ...choices.filter(p => !refused.has(p.field))];
  const seen = new Set<string>();
  return all.filter(p => {
    const line = formatProblem(p);
    return seen.has(line) ? false : (seen.add(line), true);
  });
}
