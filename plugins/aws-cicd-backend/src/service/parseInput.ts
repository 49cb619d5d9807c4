import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Validates a request part against its schema from -common.
 * @throws InputError naming each field, what is wrong and, from the schema's
 *   message, what it must be: `Invalid body: status: Invalid enum value...`
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: 'path' | 'query' | 'body' | 'entity reference',
): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issues = result.error.issues
      .map(i => `${i.path.join('.') || where}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${where}: ${issues}`);
  }
  return result.data;
}
