import { ScmIntegrationsApi } from '@backstage/integration-react';
import { MockConfigApi } from '@backstage/test-utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import ajvErrors from 'ajv-errors';
import { PlainWordsScaffolderClient } from './scaffolderModule';

// The wizard's validator, set up as @backstage/plugin-scaffolder-react's Stepper does.
const validator = customizeValidator();
ajvErrors(validator.ajv);

// The Releasing page of templates/lambda-canary-service, cut down.
const releasing = {
  title: 'Releasing',
  required: ['strategy'],
  properties: {
    strategy: { type: 'string', enum: ['all-at-once', 'canary'] },
  },
  dependencies: {
    strategy: {
      oneOf: [
        { properties: { strategy: { enum: ['all-at-once'] } } },
        {
          properties: {
            strategy: { enum: ['canary'] },
            percentage: {
              title: 'Percentage of traffic per shift',
              type: 'integer',
              minimum: 1,
              maximum: 99,
            },
          },
          required: ['percentage'],
        },
      ],
    },
  },
};

describe('PlainWordsScaffolderClient', () => {
  const fetch = jest.fn();
  const client = new PlainWordsScaffolderClient({
    discoveryApi: { getBaseUrl: async () => 'http://backstage/api/scaffolder' },
    fetchApi: { fetch },
    scmIntegrationsApi: ScmIntegrationsApi.fromConfig(new MockConfigApi({})),
  });

  it("gives the wizard schemas whose refusals name the value and the rule in the CLI's words", async () => {
    fetch.mockResolvedValue({
      ok: true,
      status: 200,
      json: async () => ({
        title: 'Lambda',
        steps: [{ title: 'Releasing', schema: releasing }],
      }),
    });
    const manifest = await client.getTemplateParameterSchema(
      'template:default/lambda-canary-service',
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/scaffolder/v2/templates/default/template/lambda-canary-service/parameter-schema',
      expect.anything(),
    );
    const { schema } = manifest.steps[0];

    const refused = validator.validateFormData(
      { strategy: 'canary', percentage: 150 },
      schema,
    );
    expect(
      refused.errors
        .filter(e => e.property === '.percentage')
        .map(e => e.message),
    ).toEqual(['150 is not between 1 and 99']);

    // A text input: the browser's own range check would stop the form first.
    expect(schema).toMatchObject({
      dependencies: {
        strategy: {
          oneOf: [
            {},
            {
              properties: {
                percentage: { 'ui:options': { inputType: 'text' } },
              },
            },
          ],
        },
      },
    });
    expect(schema).not.toHaveProperty(['properties', 'strategy', 'ui:options']);

    const accepted = validator.validateFormData(
      { strategy: 'canary', percentage: 25 },
      schema,
    );
    expect(accepted.errors).toEqual([]);
  });
});
