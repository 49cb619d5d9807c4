import { Entity } from '@backstage/catalog-model';
import { hasAwsCicdAnnotations } from '@liftoff/plugin-aws-cicd-common';

/**
 * Whether the entity has at least one Liftoff annotation, for an
 * `EntitySwitch.Case if={isAwsCicdAvailable}` in a legacy app.
 * @public
 */
export function isAwsCicdAvailable(entity: Entity): boolean {
  return hasAwsCicdAnnotations(entity);
}
