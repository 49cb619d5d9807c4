import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { demoEntity } from './__fixtures__/delivery';
import {
  awsCicdDeploymentCard,
  awsCicdEntityContent,
  awsCicdPipelineCard,
} from './alpha';

const bare = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy-billing' },
  spec: { type: 'service' },
};

describe('alpha extensions', () => {
  it('puts the CI/CD tab only on entities with a Liftoff annotation', () => {
    const tester = createExtensionTester(awsCicdEntityContent);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(demoEntity('payments-api'))).toBe(true);
    expect(filter(bare)).toBe(false);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('CI/CD');
  });

  it('puts the pipeline card only on entities with a Liftoff annotation', () => {
    const filter = createExtensionTester(awsCicdPipelineCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(demoEntity('orders-service'))).toBe(true);
    expect(filter(bare)).toBe(false);
  });

  it('puts the deployment card only on entities with a Liftoff annotation', () => {
    const filter = createExtensionTester(awsCicdDeploymentCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(demoEntity('orders-service'))).toBe(true);
    expect(filter(bare)).toBe(false);
  });
});
