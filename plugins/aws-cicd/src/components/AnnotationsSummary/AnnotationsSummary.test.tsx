import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  ANNOTATION_CODEBUILD_PROJECT_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEPIPELINE_ARN,
} from '@liftoff/plugin-aws-cicd-common';
import { screen } from '@testing-library/react';
import { AnnotationsSummary } from './AnnotationsSummary';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
});

async function render(e: Entity) {
  return renderInTestApp(
    <EntityProvider entity={e}>
      <AnnotationsSummary />
    </EntityProvider>,
  );
}

describe('AnnotationsSummary', () => {
  it('says exactly which annotations to add, as a YAML snippet with the entity name', async () => {
    await render(entity());
    expect(
      screen.getByText('No AWS CI/CD annotations on this entity'),
    ).toBeInTheDocument();
    const snippet = document.body.textContent ?? '';
    expect(snippet).toContain(
      `${ANNOTATION_CODEPIPELINE_ARN}: arn:aws:codepipeline:eu-west-1:123456789012:payments-api`,
    );
    expect(snippet).toContain(
      `${ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN}: arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production`,
    );
    expect(snippet).toContain(ANNOTATION_CODEBUILD_PROJECT_ARN);
  });

  it('lists valid annotations, explains invalid ones and the missing one', async () => {
    await render(
      entity({
        [ANNOTATION_CODEPIPELINE_ARN]:
          'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
        [ANNOTATION_CODEBUILD_PROJECT_ARN]:
          'arn:aws:s3:eu-west-1:123456789012:project/x',
      }),
    );
    expect(
      screen.getByText(
        'pipeline payments-api (eu-west-1, account 123456789012)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /names the service 's3', but this annotation takes codebuild ARNs/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Not set\. Add/)).toHaveTextContent(
      ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
    );
  });
});
