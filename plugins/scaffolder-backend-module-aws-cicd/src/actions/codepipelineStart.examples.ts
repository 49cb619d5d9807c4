import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Start the first release of a new service',
    example: yaml.stringify({
      steps: [
        {
          id: 'release',
          action: 'aws:codepipeline:start',
          name: 'Start the pipeline',
          input: {
            pipelineArn:
              'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
            reason: 'First release',
          },
        },
      ],
    }),
  },
  {
    description: 'Start a V2 pipeline with variables',
    example: yaml.stringify({
      steps: [
        {
          id: 'release',
          action: 'aws:codepipeline:start',
          name: 'Start the pipeline',
          input: {
            pipelineArn:
              'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
            variables: { Environment: 'staging' },
          },
        },
      ],
    }),
  },
];
