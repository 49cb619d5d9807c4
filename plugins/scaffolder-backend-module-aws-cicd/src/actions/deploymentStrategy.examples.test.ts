import { runExample } from '../__testUtils__';
import { createDeploymentStrategyResolveAction } from './deploymentStrategy';
import { examples } from './deploymentStrategy.examples';

describe('liftoff:deployment-strategy:resolve examples', () => {
  const action = createDeploymentStrategyResolveAction();

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const [run] = await runExample(example, [action]);
      expect(run.error).toBeUndefined();
      expect(run.outputs.deploymentConfigName).toMatch(
        /^(CodeDeployDefault|Liftoff)\./,
      );
      expect(run.outputs.timeline).toMatch(/% now/);
    },
  );

  it('gives what each example promises', async () => {
    const results = [];
    for (const e of examples) {
      const [run] = await runExample(e.example, [action]);
      results.push([run.outputs.deploymentConfigName, run.outputs.timeline]);
    }
    expect(results).toEqual([
      [
        'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        '10% now, 100% after 5 min',
      ],
      [
        'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
        '10% now, then +10% every 3 min, 100% after 27 min',
      ],
      ['Liftoff.LambdaCanary25Percent15Minutes', '25% now, 100% after 15 min'],
    ]);
  });
});
