import { SectionError } from '@liftoff/plugin-aws-cicd-common';

/*
 * The classification and wording of AWS errors live in
 * @liftoff/plugin-aws-cicd-node (shared with the scaffolder actions); only
 * the backend's cache adds this one.
 */

/** A section error read from the cache, rethrown by a dependent load. */
export class CachedSectionError extends Error {
  constructor(readonly section: SectionError) {
    super(section.message);
    this.name = 'CachedSectionError';
  }
}
