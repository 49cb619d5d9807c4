import { InputError } from '@backstage/errors';
import {
  explainValidationErrors,
  formatProblem,
  SchemaValidationError,
} from '@liftoff/plugin-aws-cicd-common';

/** Values the scaffolder refused, one `field: message` line per problem. */
export class InvalidValuesError extends InputError {
  constructor(readonly problems: string[]) {
    super(`Invalid values: ${problems.join('; ')}`);
  }
}

/**
 * The problems in the scaffolder's 400 answer to a task or dry run (its
 * jsonschema errors), in the same words as the CLI's own check; undefined
 * when the answer is not a validation refusal.
 */
export function refusedValues(body: unknown): string[] | undefined {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (
    !Array.isArray(errors) ||
    errors.length === 0 ||
    !errors.every(
      e => typeof e?.property === 'string' && typeof e?.name === 'string',
    )
  ) {
    return undefined;
  }
  const problems = explainValidationErrors(errors as SchemaValidationError[]);
  return [...new Set(problems.map(formatProblem))];
}
