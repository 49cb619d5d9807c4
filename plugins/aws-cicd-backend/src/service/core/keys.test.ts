import { InputError } from '@backstage/errors';
import { buildProjectRef, pipelineRef } from '@liftoff/plugin-aws-cicd-common';
import { decodeCursor, encodeCursor } from './cursor';
import { cacheKeys } from './keys';

const where = {
  partition: 'aws',
  region: 'eu-west-1',
  accountId: '123456789012',
};
const pipeline = pipelineRef(where, 'payments-api');
const ROLE_A = 'arn:aws:iam::123456789012:role/team-a';
const ROLE_B = 'arn:aws:iam::123456789012:role/team-b';

describe('cache keys', () => {
  it('are shared by reads with the account credentials', () => {
    expect(cacheKeys.pipeline(pipeline)).toBe(
      'v1:pipeline:arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
    );
    expect(cacheKeys.pipeline({ ...pipeline })).toBe(
      cacheKeys.pipeline(pipeline),
    );
  });

  it("never let one role's read serve another role or the account", () => {
    const keysOf = (roleArn?: string) => {
      const p = { ...pipeline, roleArn };
      const b = { ...buildProjectRef(where, 'payments-api-build'), roleArn };
      return [
        cacheKeys.pipeline(p),
        cacheKeys.pipelineDefinition(p),
        cacheKeys.executions(p, 20, undefined),
        cacheKeys.actions(p, 'e-1'),
        cacheKeys.deploymentConfig(
          p,
          'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        ),
        cacheKeys.deploymentOwner(p, 'd-1'),
        cacheKeys.builds(b, undefined),
      ];
    };
    const none = keysOf(undefined);
    const a = keysOf(ROLE_A);
    const b = keysOf(ROLE_B);
    const all = [...none, ...a, ...b];
    expect(new Set(all).size).toBe(all.length);
    expect(a[0]).toBe(`${none[0]} as ${ROLE_A}`);
  });
});

describe('the builds cursor', () => {
  it('round-trips and refuses tokens this API did not return', () => {
    const token = encodeCursor({ t: 'codebuild-next', o: 10 });
    expect(decodeCursor(token)).toEqual({ t: 'codebuild-next', o: 10 });
    expect(decodeCursor(undefined)).toEqual({ o: 0 });
    expect(() => decodeCursor('garbage')).toThrow(InputError);
    expect(() => decodeCursor(encodeCursor({ o: -1 }))).toThrow(
      'pageToken is not a token this API returned',
    );
  });
});
