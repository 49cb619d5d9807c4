import fs from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { validate } from 'jsonschema';
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

/** Reads values (or secrets) from a YAML or JSON file. */
export function loadValues(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  const values = yaml.parse(fs.readFileSync(path, 'utf8')) ?? {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new Error(`${path} must hold a map of parameter names to values`);
  }
  return values;
}

/** `--set name=value` pairs, parsed as YAML scalars (so `replicas=3` is a number). */
export function parseSetFlags(pairs: string[] = []): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--set takes name=value, got '${pair}'`);
    values[pair.slice(0, eq)] = yaml.parse(pair.slice(eq + 1));
  }
  return values;
}

export function parameterSchemas(
  parameters: JsonSchema | JsonSchema[] | undefined,
): JsonSchema[] {
  if (!parameters) return [];
  return Array.isArray(parameters) ? parameters : [parameters];
}

/**
 * Checks values against each parameter page's JSON schema, as the scaffolder
 * does (it uses jsonschema too). Returns one `field: message` line per problem.
 */
export function validateValues(
  schemas: JsonSchema[],
  values: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  for (const schema of schemas) {
    const result = validate(values, schema);
    for (const error of result.errors) {
      const field = error.property.replace(/^instance\.?/, '');
      if (error.name === 'required') {
        const name = [field, String(error.argument)].filter(Boolean).join('.');
        problems.push(`${name}: is required`);
      } else {
        problems.push(`${field || '(values)'}: ${error.message}`);
      }
    }
  }
  return [...new Set(problems)];
}
