import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Publish the new service to the local data folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'liftoff:git:publish-local',
          name: 'Publish to a local repository',
          input: { repoName: 'payments-api' },
        },
      ],
    }),
  },
  {
    description:
      'Publish a subfolder of the workspace on another branch, with a commit message',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'liftoff:git:publish-local',
          name: 'Publish to a local repository',
          input: {
            repoName: 'orders-service',
            sourcePath: 'service',
            defaultBranch: 'trunk',
            gitCommitMessage: 'Create orders-service from the ECS template',
          },
        },
      ],
    }),
  },
];
