import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Onboard an existing service: annotate its catalog-info.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'annotate',
          action: 'liftoff:catalog:annotate',
          name: 'Add the Liftoff annotations',
          input: {
            pipelineArns: [
              'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
            ],
            deploymentGroupArns: [
              'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production',
            ],
            buildProjectArns: [
              'arn:aws:codebuild:eu-west-1:123456789012:project/payments-api-build',
            ],
          },
        },
      ],
    }),
  },
  {
    description: 'Annotate one entity of a file with several, by name',
    example: yaml.stringify({
      steps: [
        {
          id: 'annotate',
          action: 'liftoff:catalog:annotate',
          name: 'Add the pipeline annotation',
          input: {
            filePath: 'catalog-info.yaml',
            entityName: 'orders-service',
            pipelineArns:
              'arn:aws:codepipeline:eu-west-1:123456789012:orders-service',
          },
        },
      ],
    }),
  },
];
