import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Start a pipeline and wait for the release, following the canary',
    example: yaml.stringify({
      steps: [
        {
          id: 'release',
          action: 'aws:codepipeline:start',
          name: 'Start the pipeline',
          input: {
            pipelineArn:
              'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
          },
        },
        {
          id: 'wait',
          action: 'aws:codepipeline:wait',
          name: 'Wait for the release',
          input: {
            pipelineArn:
              'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
            executionId: '${{ steps.release.output.executionId }}',
            deploymentGroupArn:
              'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production',
            timeoutMinutes: 45,
          },
        },
      ],
    }),
  },
  {
    description: 'Wait for a known execution, polling every 30 seconds',
    example: yaml.stringify({
      steps: [
        {
          id: 'wait',
          action: 'aws:codepipeline:wait',
          name: 'Wait for the release',
          input: {
            pipelineArn:
              'arn:aws:codepipeline:eu-west-1:123456789012:orders-service',
            executionId: '4f1e7b9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
            pollSeconds: 30,
          },
        },
      ],
    }),
  },
];
