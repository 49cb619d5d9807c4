import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { runAction } from '../__testUtils__';
import { createCatalogAnnotateAction } from './catalogAnnotate';

const PIPELINE = 'arn:aws:codepipeline:eu-west-1:123456789012:payments-api';
const GROUP =
  'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production';
const PROJECT =
  'arn:aws:codebuild:eu-west-1:123456789012:project/payments-api-build';

const ORIGINAL = `# Owned by the payments team.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api # do not rename
  annotations:
    github.com/project-slug: acme/payments-api
  tags: [payments, java]
spec:
  type: service
  lifecycle: production
  owner: team-payments
`;

describe('liftoff:catalog:annotate', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const file = () =>
    fs.readFileSync(mockDir.resolve('workspace/catalog-info.yaml'), 'utf8');
  const action = createCatalogAnnotateAction();

  beforeEach(() =>
    mockDir.setContent({ workspace: { 'catalog-info.yaml': ORIGINAL } }),
  );

  it('adds the annotations and keeps comments, order and every other field', async () => {
    const run = await runAction(
      action,
      {
        pipelineArns: [PIPELINE],
        deploymentGroupArns: GROUP,
        buildProjectArns: [PROJECT],
      },
      { workspacePath },
    );
    expect(run.error).toBeUndefined();
    expect(file()).toBe(`# Owned by the payments team.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api # do not rename
  annotations:
    github.com/project-slug: acme/payments-api
    aws.amazon.com/aws-codepipeline-arn: ${PIPELINE}
    aws.amazon.com/aws-codedeploy-deployment-group-arn: ${GROUP}
    aws.amazon.com/aws-codebuild-project-arn: ${PROJECT}
  tags: [payments, java]
spec:
  type: service
  lifecycle: production
  owner: team-payments
`);
    expect(run.outputs).toEqual({
      entityRef: 'component:default/payments-api',
      annotations: {
        'aws.amazon.com/aws-codepipeline-arn': PIPELINE,
        'aws.amazon.com/aws-codedeploy-deployment-group-arn': GROUP,
        'aws.amazon.com/aws-codebuild-project-arn': PROJECT,
      },
      changed: true,
    });
  });

  it('creates metadata.annotations when there is none, and joins several ARNs', async () => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Component\nmetadata:\n  name: a\n',
      },
    });
    const second = 'arn:aws:codepipeline:us-east-1:123456789012:a-hotfix';
    const run = await runAction(
      action,
      { pipelineArns: [PIPELINE, second] },
      { workspacePath },
    );
    expect(run.error).toBeUndefined();
    expect(file()).toBe(
      `kind: Component\nmetadata:\n  name: a\n  annotations:\n    aws.amazon.com/aws-codepipeline-arn: ${PIPELINE},${second}\n`,
    );
  });

  it('changes nothing the second time', async () => {
    await runAction(action, { pipelineArns: PIPELINE }, { workspacePath });
    const before = file();
    const run = await runAction(
      action,
      { pipelineArns: PIPELINE },
      { workspacePath },
    );
    expect(run.outputs.changed).toBe(false);
    expect(file()).toBe(before);
  });

  it('annotates the named entity of a file with several', async () => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml':
          'kind: System\nmetadata:\n  name: pay\n---\n# the API\nkind: Component\nmetadata:\n  name: payments-api\n---\nkind: Component\nmetadata:\n  name: payments-worker\n',
      },
    });
    const run = await runAction(
      action,
      { entityName: 'payments-worker', pipelineArns: PIPELINE },
      { workspacePath },
    );
    expect(run.error).toBeUndefined();
    expect(file()).toBe(
      `kind: System\nmetadata:\n  name: pay\n---\n# the API\nkind: Component\nmetadata:\n  name: payments-api\n---\nkind: Component\nmetadata:\n  name: payments-worker\n  annotations:\n    aws.amazon.com/aws-codepipeline-arn: ${PIPELINE}\n`,
    );
    const ambiguous = await runAction(
      action,
      { pipelineArns: PIPELINE },
      { workspacePath },
    );
    expect(ambiguous.error?.message).toBe(
      'catalog-info.yaml: cannot tell which entity to annotate (2 Components; entities: System:pay, Component:payments-api, Component:payments-worker). Set entityName',
    );
  });

  it('refuses a bad ARN, naming the annotation, and leaves the file alone', async () => {
    const run = await runAction(
      action,
      {
        deploymentGroupArns: [
          'arn:aws:codedeploy:eu-west-1:123456789012:application:payments-api',
        ],
      },
      { workspacePath },
    );
    expect(run.error?.name).toBe('InputError');
    expect(run.error?.message).toMatch(
      /^Annotation aws.amazon.com\/aws-codedeploy-deployment-group-arn has an invalid CodeDeploy deployment group ARN/,
    );
    expect(file()).toBe(ORIGINAL);
  });

  it('needs at least one ARN and an existing file', async () => {
    expect(
      (await runAction(action, {}, { workspacePath })).error?.message,
    ).toMatch(/Give at least one of pipelineArns/);
    const missing = await runAction(
      action,
      { filePath: 'nope.yaml', pipelineArns: PIPELINE },
      { workspacePath },
    );
    expect(missing.error?.name).toBe('NotFoundError');
  });

  it('annotates in a dry run too: only the dry run’s own workspace changes', async () => {
    const run = await runAction(
      action,
      { pipelineArns: PIPELINE },
      { workspacePath, isDryRun: true },
    );
    expect(run.outputs.changed).toBe(true);
  });
});
