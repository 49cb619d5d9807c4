/*
 * The create-component wizard refuses a value in the same words as the
 * liftoff CLI: "150 is not between 1 and 99", not ajv's "must be <= 99".
 *
 * The scaffolder's wizard validates with RJSF and ajv, and loads ajv-errors,
 * so a schema's `errorMessage` replaces ajv's wording. The new frontend
 * system's templates page takes no `formProps.transformErrors` (and
 * transformErrors never sees the value), so the scaffolder client gives the
 * wizard each template's parameter schema with those messages added, by
 * withErrorMessages() from -common, where the CLI's words come from too.
 * Only the wizard's copy changes: the backend still validates the template.
 *
 * A number field with a range is shown as a text input in that copy: as a
 * number input the browser's own range check stops the form before RJSF
 * validates (the page sets no noHtml5Validate, and takes none), and the
 * person would read the browser's words, without the value.
 */
import {
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import {
  ScaffolderClient,
  TemplateParameterSchema,
} from '@backstage/plugin-scaffolder-common';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { JsonObject, JsonValue } from '@backstage/types';
import { withErrorMessages } from '@liftoff/plugin-aws-cicd-common';

const RANGE = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];

/** Number fields with a range, everywhere in a schema, as text inputs (see above). */
export function rangesAsText(
  node: JsonValue | undefined,
): JsonValue | undefined {
  if (Array.isArray(node)) return node.map(n => rangesAsText(n) ?? null);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonObject = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, rangesAsText(v)]),
  );
  const options = out['ui:options'];
  const numeric = node.type === 'integer' || node.type === 'number';
  if (numeric && RANGE.some(k => k in node) && !node['ui:widget']) {
    const own =
      typeof options === 'object' && !Array.isArray(options) ? options : {};
    out['ui:options'] = { inputType: 'text', ...own };
  }
  return out;
}

/** The scaffolder's own client, with the parameter schemas' messages in a person's words. */
export class PlainWordsScaffolderClient extends ScaffolderClient {
  async getTemplateParameterSchema(
    ...args: Parameters<ScaffolderClient['getTemplateParameterSchema']>
  ): Promise<TemplateParameterSchema> {
    const manifest = await super.getTemplateParameterSchema(...args);
    return {
      ...manifest,
      steps: manifest.steps.map(step => ({
        ...step,
        schema: rangesAsText(withErrorMessages(step.schema)) as JsonObject,
      })),
    };
  }
}

/** Replaces the scaffolder plugin's `api:scaffolder`. */
export const scaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: scaffolderApiRef,
          deps: {
            discoveryApi: discoveryApiRef,
            scmIntegrationsApi: scmIntegrationsApiRef,
            fetchApi: fetchApiRef,
            identityApi: identityApiRef,
          },
          factory: deps => new PlainWordsScaffolderClient(deps),
        }),
    }),
  ],
});
