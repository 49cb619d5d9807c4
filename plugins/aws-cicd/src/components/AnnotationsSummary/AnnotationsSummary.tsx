import { Entity } from '@backstage/catalog-model';
import { CodeSnippet, EmptyState, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_CODEBUILD_PROJECT_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEPIPELINE_ARN,
  AwsCicdAnnotation,
  parseBuildProjectArns,
  parseDeploymentGroupArns,
  parsePipelineArns,
} from '@liftoff/plugin-aws-cicd-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { StatusText } from '../status';

interface AnnotationInfo {
  annotation: AwsCicdAnnotation;
  enables: string;
  example(name: string): string;
  describe(value: string): string[];
}

const ANNOTATIONS: AnnotationInfo[] = [
  {
    annotation: ANNOTATION_CODEPIPELINE_ARN,
    enables: 'the pipeline graph and its execution history',
    example: name => `arn:aws:codepipeline:eu-west-1:123456789012:${name}`,
    describe: v =>
      parsePipelineArns(v).map(
        p => `pipeline ${p.pipelineName} (${p.region}, account ${p.accountId})`,
      ),
  },
  {
    annotation: ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
    enables: 'deployments: traffic shifting, alarms and rollbacks',
    example: name =>
      `arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:${name}/${name}-production`,
    describe: v =>
      parseDeploymentGroupArns(v).map(
        g =>
          `deployment group ${g.applicationName}/${g.deploymentGroupName} (${g.region}, account ${g.accountId})`,
      ),
  },
  {
    annotation: ANNOTATION_CODEBUILD_PROJECT_ARN,
    enables: 'builds of a CodeBuild project outside the pipeline',
    example: name =>
      `arn:aws:codebuild:eu-west-1:123456789012:project/${name}-build`,
    describe: v =>
      parseBuildProjectArns(v).map(
        b => `project ${b.projectName} (${b.region}, account ${b.accountId})`,
      ),
  },
];

function snippet(entity: Entity, missing: AnnotationInfo[]): string {
  const lines = missing.map(
    a => `    ${a.annotation}: ${a.example(entity.metadata.name)}`,
  );
  return [
    `apiVersion: ${entity.apiVersion}`,
    `kind: ${entity.kind}`,
    'metadata:',
    `  name: ${entity.metadata.name}`,
    '  annotations:',
    ...lines,
  ].join('\n');
}

type Row =
  | { info: AnnotationInfo; state: 'missing' }
  | { info: AnnotationInfo; state: 'valid'; targets: string[] }
  | { info: AnnotationInfo; state: 'invalid'; error: string };

function readRows(entity: Entity): Row[] {
  const annotations = entity.metadata.annotations ?? {};
  return ANNOTATIONS.map(info => {
    const value = annotations[info.annotation];
    if (value === undefined) {
      return { info, state: 'missing' };
    }
    try {
      return { info, state: 'valid', targets: info.describe(value) };
    } catch (e) {
      return { info, state: 'invalid', error: (e as Error).message };
    }
  });
}

/**
 * Lists the entity's Liftoff annotations, and says exactly what to add to
 * `catalog-info.yaml` when they are missing or invalid.
 */
export function AnnotationsSummary() {
  const { entity } = useEntity();
  const rows = readRows(entity);
  const missing = rows.filter(r => r.state === 'missing').map(r => r.info);

  if (missing.length === rows.length) {
    return (
      <EmptyState
        missing="field"
        title="No AWS CI/CD annotations on this entity"
        description={`Liftoff shows a service's CodePipeline, CodeBuild builds and CodeDeploy deployments once its catalog-info.yaml says where they are. Add these annotations (with your region, account and names) to ${entity.metadata.name}'s catalog-info.yaml:`}
        action={
          <CodeSnippet
            language="yaml"
            text={snippet(entity, missing)}
            showCopyCodeButton
          />
        }
      />
    );
  }

  return (
    <InfoCard title="AWS CI/CD annotations">
      <Table size="small" aria-label="AWS CI/CD annotations">
        <TableHead>
          <TableRow>
            <TableCell>Annotation</TableCell>
            <TableCell>Shows</TableCell>
            <TableCell>Value</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.info.annotation}>
              <TableCell>
                <code>{row.info.annotation}</code>
              </TableCell>
              <TableCell>{row.info.enables}</TableCell>
              <TableCell>
                {row.state === 'valid' &&
                  row.targets.map(t => (
                    <StatusText kind="ok" key={t}>
                      {t}
                    </StatusText>
                  ))}
                {row.state === 'invalid' && (
                  <StatusText kind="warning">{row.error}</StatusText>
                )}
                {row.state === 'missing' && (
                  <Typography variant="body2">
                    Not set. Add{' '}
                    <code>
                      {row.info.annotation}:{' '}
                      {row.info.example(entity.metadata.name)}
                    </code>
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
