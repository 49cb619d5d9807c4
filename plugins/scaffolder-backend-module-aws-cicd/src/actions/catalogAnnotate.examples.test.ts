import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { runExample } from '../__testUtils__';
import { createCatalogAnnotateAction } from './catalogAnnotate';
import { examples } from './catalogAnnotate.examples';

describe('liftoff:catalog:annotate examples', () => {
  const mockDir = createMockDirectory();
  const action = createCatalogAnnotateAction();
  const annotations = () =>
    yaml
      .parseAllDocuments(
        fs.readFileSync(mockDir.resolve('workspace/catalog-info.yaml'), 'utf8'),
      )
      .map(d => [d.toJS().metadata.name, d.toJS().metadata.annotations ?? {}]);

  it('annotates the only entity (example 1)', async () => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml':
          'kind: Component\nmetadata:\n  name: payments-api\n',
      },
    });
    const [run] = await runExample(examples[0].example, [action], {
      workspacePath: mockDir.resolve('workspace'),
    });
    expect(run.error).toBeUndefined();
    expect(annotations()).toEqual([
      [
        'payments-api',
        {
          'aws.amazon.com/aws-codepipeline-arn':
            'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
          'aws.amazon.com/aws-codedeploy-deployment-group-arn':
            'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production',
          'aws.amazon.com/aws-codebuild-project-arn':
            'arn:aws:codebuild:eu-west-1:123456789012:project/payments-api-build',
        },
      ],
    ]);
  });

  it('annotates the named entity (example 2)', async () => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml':
          'kind: Component\nmetadata:\n  name: payments-api\n---\nkind: Component\nmetadata:\n  name: orders-service\n',
      },
    });
    const [run] = await runExample(examples[1].example, [action], {
      workspacePath: mockDir.resolve('workspace'),
    });
    expect(run.error).toBeUndefined();
    expect(annotations()).toEqual([
      ['payments-api', {}],
      [
        'orders-service',
        {
          'aws.amazon.com/aws-codepipeline-arn':
            'arn:aws:codepipeline:eu-west-1:123456789012:orders-service',
        },
      ],
    ]);
  });
});
