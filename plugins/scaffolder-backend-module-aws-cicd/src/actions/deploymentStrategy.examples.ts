import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A predefined canary for a Lambda function, by its plain-language id',
    example: yaml.stringify({
      steps: [
        {
          id: 'strategy',
          action: 'liftoff:deployment-strategy:resolve',
          name: 'Resolve the deployment strategy',
          input: {
            platform: 'lambda',
            strategy: 'canary-10-percent-5-minutes',
          },
        },
      ],
    }),
  },
  {
    description: 'A predefined ECS configuration, by its CodeDeploy name',
    example: yaml.stringify({
      steps: [
        {
          id: 'strategy',
          action: 'liftoff:deployment-strategy:resolve',
          name: 'Resolve the deployment strategy',
          input: {
            platform: 'ecs',
            strategy: 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
          },
        },
      ],
    }),
  },
  {
    description: "A custom canary from the wizard's fields",
    example: yaml.stringify({
      steps: [
        {
          id: 'strategy',
          action: 'liftoff:deployment-strategy:resolve',
          name: 'Resolve the deployment strategy',
          input: {
            platform: 'lambda',
            strategy: 'canary',
            percentage: 25,
            intervalMinutes: 15,
          },
        },
      ],
    }),
  },
];
