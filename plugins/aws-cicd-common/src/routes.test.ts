import { awsCicdPath, awsCicdRoutes } from './routes';

const entity = {
  namespace: 'default',
  kind: 'component',
  name: 'payments-api',
};

describe('the HTTP API routes', () => {
  it('fill a path with URL-encoded parameters and a query without empty members', () => {
    expect(
      awsCicdPath(
        awsCicdRoutes.executions,
        { ...entity, name: 'svc#1', pipeline: 'pipe/line' },
        { pageToken: 'a&b', pageSize: undefined },
      ),
    ).toBe(
      '/v1/entity/default/component/svc%231/pipelines/pipe%2Fline/executions?pageToken=a%26b',
    );
    expect(awsCicdPath(awsCicdRoutes.delivery, entity)).toBe(
      '/v1/entity/default/component/payments-api/delivery',
    );
  });

  it('give every route a distinct method and path under the entity', () => {
    const keys = Object.values(awsCicdRoutes).map(r => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of Object.values(awsCicdRoutes)) {
      expect(route.path.startsWith('/v1/entity/:namespace/:kind/:name/')).toBe(
        true,
      );
    }
  });

  it('say which field is wrong and what it must be', () => {
    const result = awsCicdRoutes.stopDeployment.params.safeParse({
      ...entity,
      application: 'payments api',
      group: 'payments-api-production',
      deploymentId: 'x-1',
    });
    expect(result.success).toBe(false);
    expect(
      result.error?.issues.map(i => `${i.path.join('.')}: ${i.message}`),
    ).toEqual([
      "application: must be 1-100 characters, no '/' or spaces",
      "deploymentId: must be a deployment id ('d-' and 1-64 of A-Z 0-9)",
    ]);
  });

  it('take the request bodies of api.ts and nothing else', () => {
    const approval = awsCicdRoutes.approval.body;
    expect(
      approval.parse({
        stageName: 'Approval',
        actionName: 'ManualApproval',
        status: 'Approved',
        summary: '  Looks good ',
      }),
    ).toEqual({
      stageName: 'Approval',
      actionName: 'ManualApproval',
      status: 'Approved',
      summary: 'Looks good',
    });
    expect(
      awsCicdRoutes.stopDeployment.body.safeParse({
        rollback: true,
        arn: 'arn:aws:codedeploy:eu-west-1:999999999999:deploymentgroup:a/b',
      }).success,
    ).toBe(false);
  });
});
