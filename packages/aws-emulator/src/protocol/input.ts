import { AwsError, serializationError } from '../errors';

/** How a service reports a missing or out-of-constraint member, when the operation does not name its own error. */
export interface InputDialect {
  missing(path: string): AwsError;
  invalid(path: string, constraint: string, value: unknown): AwsError;
  /** A member that cannot be read as its type. Default: `SerializationException` (the JSON protocols). */
  malformed?(path: string, expected: string, value: unknown): AwsError;
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 64 ? `${value.slice(0, 64)}...` : value;
  return JSON.stringify(value) ?? String(value);
}

/** CodePipeline and CodeBuild style: one `ValidationException`-like code for everything. */
export function coralDialect(code: string): InputDialect {
  return {
    missing: path =>
      new AwsError(
        code,
        `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
      ),
    invalid: (path, constraint, value) =>
      new AwsError(
        code,
        `1 validation error detected: Value '${describe(value)}' at '${path}' failed to satisfy constraint: ${constraint}`,
      ),
  };
}

/** An override for one member: the error code the operation's model names for it. */
export type MemberError = string | undefined;

interface Common {
  /** true: missing is an error of the dialect; a string: missing is this error code. */
  required?: boolean | string;
  /** Error code for a constraint failure of this member (default: the dialect's). */
  invalid?: MemberError;
}

export interface StringRule extends Common {
  min?: number;
  max?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
}

export interface NumberRule extends Common {
  min?: number;
  max?: number;
}

export interface ListRule extends Common {
  min?: number;
  max?: number;
  /** Code for exceeding `max` (e.g. BatchLimitExceededException). */
  tooMany?: string;
}

/**
 * A typed reader over one JSON object of a request. Wrong JSON types are `SerializationException` (as AWS answers
 * when its deserializer fails); missing and out-of-constraint members use the service's dialect or the member's own
 * error code.
 *
 * `textual` readers serve the query protocol, whose form values are all strings: numbers, booleans and timestamps
 * are read from their text, and an empty value is an empty list.
 */
export class Input {
  constructor(
    private readonly value: Record<string, unknown>,
    private readonly dialect: InputDialect,
    private readonly prefix = '',
    private readonly textual = false,
  ) {}

  /** A textual reader over a decoded query-protocol form (see `parseQueryForm`). */
  static fromForm(form: Record<string, unknown>, dialect: InputDialect): Input {
    return new Input(form, dialect, '', true);
  }

  private malformed(name: string, expected: string, value: unknown): AwsError {
    const path = this.path(name);
    return (
      this.dialect.malformed?.(path, expected, value) ??
      serializationError(`Expected ${expected} for ${path}`)
    );
  }

  private child(value: Record<string, unknown>, prefix: string): Input {
    return new Input(value, this.dialect, prefix, this.textual);
  }

  /** Parses a request body into the top-level reader. */
  static parse(body: string, dialect: InputDialect): Input {
    const text = body.trim() === '' ? '{}' : body;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw serializationError('Request body is not valid JSON');
    }
    if (
      parsed === null ||
      typeof parsed !== 'object' ||
      Array.isArray(parsed)
    ) {
      throw serializationError('Request body must be a JSON object');
    }
    return new Input(parsed as Record<string, unknown>, dialect);
  }

  private path(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }

  private get(name: string, rule: Common | undefined): unknown {
    const v = this.value[name];
    if (v === undefined || v === null) {
      if (rule?.required) {
        throw typeof rule.required === 'string'
          ? new AwsError(rule.required, `${this.path(name)} is required`)
          : this.dialect.missing(this.path(name));
      }
      return undefined;
    }
    return v;
  }

  private fail(
    name: string,
    rule: Common | undefined,
    constraint: string,
    value: unknown,
  ): never {
    if (rule?.invalid)
      throw new AwsError(
        rule.invalid,
        `Invalid ${this.path(name)}: ${constraint}`,
      );
    throw this.dialect.invalid(this.path(name), constraint, value);
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  string(name: string, rule?: StringRule & { required: true | string }): string;
  string(name: string, rule?: StringRule): string | undefined;
  string(name: string, rule?: StringRule): string | undefined {
    const v = this.get(name, rule);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw this.malformed(name, 'a string', v);
    if (rule?.required && v === '' && (rule.min ?? 1) > 0) {
      throw typeof rule.required === 'string'
        ? new AwsError(rule.required, `${this.path(name)} is required`)
        : this.fail(
            name,
            rule,
            'Member must have length greater than or equal to 1',
            v,
          );
    }
    if (rule?.min !== undefined && v.length < rule.min) {
      this.fail(
        name,
        rule,
        `Member must have length greater than or equal to ${rule.min}`,
        v,
      );
    }
    if (rule?.max !== undefined && v.length > rule.max) {
      this.fail(
        name,
        rule,
        `Member must have length less than or equal to ${rule.max}`,
        v,
      );
    }
    if (rule?.pattern && !rule.pattern.test(v)) {
      this.fail(
        name,
        rule,
        `Member must satisfy regular expression pattern: ${rule.pattern.source}`,
        v,
      );
    }
    if (rule?.oneOf && !rule.oneOf.includes(v)) {
      this.fail(
        name,
        rule,
        `Member must satisfy enum value set: [${rule.oneOf.join(', ')}]`,
        v,
      );
    }
    return v;
  }

  /** A string member from a fixed set of values, typed as that set. */
  enum<T extends string>(
    name: string,
    values: readonly T[],
    rule: Omit<StringRule, 'oneOf'> & { required: true | string },
  ): T;
  enum<T extends string>(
    name: string,
    values: readonly T[],
    rule?: Omit<StringRule, 'oneOf'>,
  ): T | undefined;
  enum<T extends string>(
    name: string,
    values: readonly T[],
    rule?: Omit<StringRule, 'oneOf'>,
  ): T | undefined {
    return this.string(name, { ...rule, oneOf: values }) as T | undefined;
  }

  number(name: string, rule?: NumberRule): number | undefined {
    const raw = this.get(name, rule);
    if (raw === undefined) return undefined;
    const v =
      this.textual && typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)
        ? Number(raw)
        : raw;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw this.malformed(name, 'a number', raw);
    }
    if (rule?.min !== undefined && v < rule.min) {
      this.fail(
        name,
        rule,
        `Member must have value greater than or equal to ${rule.min}`,
        v,
      );
    }
    if (rule?.max !== undefined && v > rule.max) {
      this.fail(
        name,
        rule,
        `Member must have value less than or equal to ${rule.max}`,
        v,
      );
    }
    return v;
  }

  boolean(name: string, rule?: Common): boolean | undefined {
    const v = this.get(name, rule);
    if (v === undefined) return undefined;
    if (this.textual && (v === 'true' || v === 'false')) return v === 'true';
    if (typeof v !== 'boolean') throw this.malformed(name, 'a boolean', v);
    return v;
  }

  /** A timestamp member: epoch seconds (what the SDKs send), ISO 8601 text on the query protocol. */
  timestamp(name: string, rule?: Common): Date | undefined {
    const v = this.get(name, rule);
    if (v === undefined) return undefined;
    if (this.textual) {
      const date = typeof v === 'string' ? new Date(v) : undefined;
      if (!date || Number.isNaN(date.getTime()))
        throw this.malformed(name, 'an ISO 8601 timestamp', v);
      return date;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw serializationError(
        `Expected a timestamp (epoch seconds) for ${this.path(name)}`,
      );
    }
    return new Date(v * 1000);
  }

  private list(
    name: string,
    rule: ListRule | undefined,
  ): unknown[] | undefined {
    const raw = this.get(name, rule);
    if (raw === undefined) return undefined;
    // The query protocol sends an empty list as `Name=`.
    const v = this.textual && raw === '' ? [] : raw;
    if (!Array.isArray(v)) throw this.malformed(name, 'a list', raw);
    if (rule?.max !== undefined && v.length > rule.max) {
      if (rule.tooMany)
        throw new AwsError(
          rule.tooMany,
          `The maximum number of ${this.path(name)} is ${rule.max}`,
        );
      this.fail(
        name,
        rule,
        `Member must have length less than or equal to ${rule.max}`,
        v,
      );
    }
    if (rule?.min !== undefined && v.length < rule.min) {
      if (typeof rule.required === 'string' && v.length === 0) {
        throw new AwsError(rule.required, `${this.path(name)} is required`);
      }
      this.fail(
        name,
        rule,
        `Member must have length greater than or equal to ${rule.min}`,
        v,
      );
    }
    return v;
  }

  stringList(
    name: string,
    rule?: ListRule & { item?: StringRule },
  ): string[] | undefined {
    const v = this.list(name, rule);
    if (v === undefined) return undefined;
    return v.map((item, i) => {
      if (typeof item !== 'string')
        throw serializationError(
          `Expected a string for ${this.path(name)}.${i + 1}`,
        );
      if (rule?.item)
        this.child({ [`${i + 1}`]: item }, this.path(name)).string(
          `${i + 1}`,
          rule.item,
        );
      return item;
    });
  }

  object(name: string, rule: Common & { required: true | string }): Input;
  object(name: string, rule?: Common): Input | undefined;
  object(name: string, rule?: Common): Input | undefined {
    const v = this.get(name, rule);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      throw this.malformed(name, 'a structure', v);
    }
    return this.child(v as Record<string, unknown>, this.path(name));
  }

  objectList(name: string, rule?: ListRule): Input[] | undefined {
    const v = this.list(name, rule);
    if (v === undefined) return undefined;
    return v.map((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw serializationError(
          `Expected a structure for ${this.path(name)}.${i + 1}`,
        );
      }
      return this.child(
        item as Record<string, unknown>,
        `${this.path(name)}.${i + 1}`,
      );
    });
  }

  /** A map of string to string (e.g. action configuration). */
  stringMap(name: string, rule?: Common): Record<string, string> | undefined {
    const v = this.get(name, rule);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v))
      throw this.malformed(name, 'a map', v);
    const out: Record<string, string> = {};
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      if (typeof item !== 'string')
        throw serializationError(
          `Expected a string for ${this.path(name)}.${k}`,
        );
      out[k] = item;
    }
    return out;
  }

  /** The raw JSON value (for members stored verbatim after a shape check by the caller). */
  raw(name: string): unknown {
    return this.value[name];
  }
}
