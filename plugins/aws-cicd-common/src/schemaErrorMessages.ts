/*
 * The wizard's half of validationMessages: the create-component wizard
 * validates with RJSF and ajv, which has ajv-errors loaded, so a schema's
 * `errorMessage` replaces ajv's wording ("must be <= 99"). This adds the
 * sentences of ruleMessage() to a template's parameter schema, ajv-errors'
 * `${0}` standing for the value.
 */
import { JsonSchema, ruleMessage, VALUE_KEYWORDS } from './validationMessages';

const isObject = (v: unknown): v is { [key: string]: unknown } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const asSchema = (v: unknown): JsonSchema => (isObject(v) ? v : {});

/**
 * The schema with ajv-errors `errorMessage`s in the same words, for the
 * wizard (RJSF + ajv + ajv-errors): each value rule of each subschema gets
 * its sentence, `${0}` standing for the value. A template's own
 * errorMessage wins.
 */
export function withErrorMessages<T extends JsonSchema>(schema: T): T {
  return decorate(schema) as T;
}

const MAPS_OF_SCHEMAS = ['properties', 'dependencies', 'definitions', '$defs'];
const SCHEMAS = [
  'items',
  'oneOf',
  'anyOf',
  'allOf',
  'if',
  'then',
  'else',
  'additionalProperties',
];

function decorate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(decorate);
  if (!isObject(node)) return node;
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(node)) {
    if (MAPS_OF_SCHEMAS.includes(k)) {
      out[k] = Object.fromEntries(
        Object.entries(asSchema(v)).map(([name, sub]) => [name, decorate(sub)]),
      );
    } else out[k] = SCHEMAS.includes(k) ? decorate(v) : v;
  }
  const messages: { [key: string]: string } = {};
  for (const k of ['type', ...VALUE_KEYWORDS]) {
    if (node[k] === undefined) continue;
    const message = ruleMessage(k, node, '${0}');
    // "${" elsewhere in a sentence (a pattern's text) would read as a template.
    if (message && message.split('${0}').join('').indexOf('${') === -1)
      messages[k] = message;
  }
  if (Object.keys(messages).length > 0) {
    out.errorMessage = isObject(node.errorMessage)
      ? { ...messages, ...node.errorMessage }
      : (node.errorMessage ?? messages);
  }
  return out;
}
