import fs from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { validate } from 'jsonschema';
import {
  explainValidationErrors,
  formatProblem,
} from '@liftoff/plugin-aws-cicd-common';
import yaml from 'yaml';

/** A template entity as the scaffolder reads it. */
export interface TemplateEntity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; title?: string };
  spec: {
    parameters?: JsonSchema | JsonSchema[];
    steps: Array<{ id?: string; name?: string; action: string }>;
    [key: string]: unknown;
  };
}

type JsonSchema = Record<string, unknown>;

export interface LoadedTemplate {
  path: string;
  template: TemplateEntity;
  /** Every file beside the template (skeletons, ...), for the dry-run API. */
  directoryContents: Array<{ path: string; base64Content: string }>;
}

/** Directory contents bigger than this are refused (the dry-run API takes 10 MB of JSON). */
const MAX_CONTENT_BYTES = 7 * 1024 * 1024;
const SKIP = new Set(['.git', 'node_modules', 'cdk.out']);

function readDirectory(root: string) {
  const files: Array<{ path: string; base64Content: string }> = [];
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.isFile()) {
        const content = fs.readFileSync(full);
        total += content.length;
        if (total > MAX_CONTENT_BYTES) {
          throw new Error(
            `The files beside ${root} exceed ${MAX_CONTENT_BYTES / 1024 / 1024} MB; keep each template in its own folder`,
          );
        }
        files.push({
          path: relative(root, full).split('\\').join('/'),
          base64Content: content.toString('base64'),
        });
      }
    }
  };
  walk(root);
  return files;
}

export function loadTemplate(path: string): LoadedTemplate {
  const full = resolve(path);
  let template: TemplateEntity;
  try {
    template = yaml.parse(fs.readFileSync(full, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read the template ${path}: ${(error as Error).message}`,
    );
  }
  if (template?.kind !== 'Template' || !template.spec?.steps) {
    throw new Error(
      `${path} is not a software template (kind: Template with spec.steps)`,
    );
  }
  const directoryContents = readDirectory(dirname(full));
  // The dry-run API expects the template itself at template.yaml.
  const self = relative(dirname(full), full);
  if (self !== 'template.yaml') {
    directoryContents.push({
      path: 'template.yaml',
      base64Content: Buffer.from(fs.readFileSync(full)).toString('base64'),
    });
  }
  return { path: full, template, directoryContents };
}

/**
 * Reads values (or secrets) from a YAML or JSON file. Scalars stay text
 * (YAML's failsafe schema), so that coerceValues() can type them by the
 * template's schema: `stagingAccount: 012345678901` keeps its digits.
 */
export function loadValues(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  const values =
    yaml.parse(fs.readFileSync(path, 'utf8'), { schema: 'failsafe' }) ?? {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new Error(`${path} must hold a map of parameter names to values`);
  }
  return values;
}

/** `--set name=value` pairs, as text; coerceValues() types them. */
export function parseSetFlags(pairs: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--set takes name=value, got '${pair}'`);
    values[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return values;
}

export function parameterSchemas(
  parameters: JsonSchema | JsonSchema[] | undefined,
): JsonSchema[] {
  if (!parameters) return [];
  return Array.isArray(parameters) ? parameters : [parameters];
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A parameter's schema on any page, in a dependency branch too (the strategy-dependent fields). */
function propertySchema(
  schemas: JsonSchema[],
  name: string,
): JsonSchema | undefined {
  const found: JsonSchema[] = [];
  const visit = (schema: unknown) => {
    if (!isMap(schema)) return;
    const own = isMap(schema.properties) ? schema.properties[name] : undefined;
    if (isMap(own)) found.push(own);
    for (const dep of Object.values(
      isMap(schema.dependencies) ? schema.dependencies : {},
    )) {
      visit(dep);
    }
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      for (const sub of Array.isArray(schema[key]) ? schema[key] : []) {
        visit(sub);
      }
    }
  };
  schemas.forEach(visit);
  return found.find(s => s.type !== undefined || s.enum !== undefined);
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.type !== undefined)
    return ([] as unknown[]).concat(schema.type).map(String);
  if (
    Array.isArray(schema.enum) &&
    schema.enum.every(e => typeof e === 'string')
  ) {
    return ['string'];
  }
  return [];
}

/**
 * One value given as text, typed by its schema: text stays text (an account
 * id is digits, not a number), numbers and booleans are parsed, lists and maps
 * read as JSON (or YAML flow). What cannot be read is left as text, and the
 * validation says why it is refused ("abc" is not a whole number).
 */
function coerce(raw: unknown, schema: JsonSchema | undefined): unknown {
  if (Array.isArray(raw)) {
    const items = isMap(schema?.items) ? schema.items : undefined;
    return raw.map(item => coerce(item, items));
  }
  if (isMap(raw)) {
    const props = isMap(schema?.properties) ? schema.properties : {};
    return Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [
        k,
        coerce(v, isMap(props[k]) ? props[k] : undefined),
      ]),
    );
  }
  if (typeof raw !== 'string') return raw;
  const types = schema ? typesOf(schema) : [];
  if (types.length === 0) return yaml.parse(raw); // not in the schema: as YAML reads it
  if (types.includes('string')) return raw;
  const text = raw.trim();
  if (types.includes('integer') || types.includes('number')) {
    const n = Number(text);
    if (text !== '' && Number.isFinite(n)) return n;
  }
  if (types.includes('boolean') && /^(true|false)$/i.test(text)) {
    return text.toLowerCase() === 'true';
  }
  if (types.includes('null') && (text === '' || text === 'null')) return null;
  if (types.includes('array') || types.includes('object')) {
    try {
      const parsed = yaml.parse(text);
      if (types.includes(Array.isArray(parsed) ? 'array' : typeof parsed)) {
        return coerce(parsed, schema);
      }
    } catch {
      // Left as text: the validation names the expected type.
    }
  }
  return raw;
}

/** Values read as text (--set, a values file), typed by each parameter's schema. */
export function coerceValues(
  schemas: JsonSchema[],
  raw: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => [
      name,
      coerce(value, propertySchema(schemas, name)),
    ]),
  );
}

/**
 * Checks values against each parameter page's JSON schema, as the scaffolder
 * does (it uses jsonschema too). Returns one `field: message` line per
 * problem, in a person's words (explainValidationErrors).
 */
export function validateValues(
  schemas: JsonSchema[],
  values: Record<string, unknown>,
): string[] {
  const problems = schemas.flatMap(schema =>
    explainValidationErrors(validate(values, schema).errors),
  );
  return [...new Set(problems.map(formatProblem))];
}
