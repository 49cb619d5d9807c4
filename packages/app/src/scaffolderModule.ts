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
import { withErrorMessages } from '@liftoff/plugin-aws-cicd-common';

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
        schema: withErrorMessages(step.schema),
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
