import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  coerceValues,
  loadTemplate,
  loadValues,
  parameterSchemas,
  parseSetFlags,
} from './template';

const schemas = parameterSchemas(
  loadTemplate(`${__dirname}/__fixtures__/choices-template/template.yaml`)
    .template.spec.parameters,
);

describe('coerceValues', () => {
  it('types --set values by the parameter schema, in dependency branches too', () => {
    expect(
      coerceValues(
        schemas,
        parseSetFlags([
          'stagingAccount=012345678901',
          'manualApproval=false',
          'strategy=canary',
          'percentage= 25 ',
          'intervalMinutes=15',
          'tags=["a", "b"]',
          'extra=3',
        ]),
      ),
    ).toEqual({
      stagingAccount: '012345678901',
      manualApproval: false,
      strategy: 'canary',
      percentage: 25,
      intervalMinutes: 15,
      tags: ['a', 'b'],
      // Not a parameter of the template: read as YAML reads it.
      extra: 3,
    });
  });

  it('leaves what cannot be typed as text, for the validation to name', () => {
    expect(
      coerceValues(
        schemas,
        parseSetFlags([
          'percentage=',
          'intervalMinutes=ten',
          'manualApproval=yes',
          'tags={not a list}',
        ]),
      ),
    ).toEqual({
      percentage: '',
      intervalMinutes: 'ten',
      manualApproval: 'yes',
      tags: '{not a list}',
    });
  });

  it('types a values file the same way: YAML digits stay an account id', () => {
    const dir = createMockDirectory({
      content: {
        'values.yaml':
          'stagingAccount: 012345678901\npercentage: 25\nmanualApproval: true\ntags: [a, 1]\n',
      },
    });
    expect(
      coerceValues(schemas, loadValues(dir.resolve('values.yaml'))),
    ).toEqual({
      stagingAccount: '012345678901',
      percentage: 25,
      manualApproval: true,
      tags: ['a', '1'],
    });
  });

  it('refuses a --set without a name', () => {
    expect(() => parseSetFlags(['=3'])).toThrow(
      "--set takes name=value, got '=3'",
    );
  });
});
