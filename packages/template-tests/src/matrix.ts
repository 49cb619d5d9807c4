import fs from 'node:fs';
import {
  expectAnnotations,
  expectNagClean,
  wildcardStatements,
} from './assertions';
import { MatrixCase, TemplateName, TOPOLOGIES } from './cases';
import {
  CaseResult,
  concurrency,
  makeWorkDir,
  pool,
  runCase,
  timingTable,
} from './runner';
import {
  expectDeployProjectTargets,
  expectStackEnvironments,
} from './topology';

/**
 * Declares a template's matrix: renders and builds every case once, before
 * the checks (in parallel, up to `concurrency()`), then per case the checks
 * every template shares around the template's own (`templateChecks`), and,
 * for the one strategy checked in every topology, those of the topology.
 */
// eslint-disable-next-line jest/no-export -- declared here once, called by each template's test file
export function describeMatrix(
  template: TemplateName,
  cases: MatrixCase[],
  templateChecks: (result: () => CaseResult) => void,
  /** The template's checks of the cross-account/cross-region wiring, in the topology cases only. */
  topologyChecks: (result: () => CaseResult) => void,
) {
  const results = new Map<string, CaseResult>();
  let workDir: string;

  beforeAll(async () => {
    workDir = await makeWorkDir(template);
    const start = Date.now();
    const done = await pool(cases, concurrency(), c => runCase(c, workDir));
    for (const r of done) results.set(r.case.id, r);
    // eslint-disable-next-line no-console
    console.log(
      `${template} matrix (work dir ${workDir}):\n${timingTable(done, (Date.now() - start) / 1000)}`,
    );
  }, 30 * 60_000);

  afterAll(async () => {
    if (workDir && !process.env.LIFTOFF_MATRIX_KEEP)
      await fs.promises.rm(workDir, { recursive: true, force: true });
  });

  describe.each(cases.map(c => [c.id, c] as const))(
    `${template}, %s`,
    (id, matrixCase) => {
      const result = () => results.get(id)!;

      if (matrixCase.ownTests) {
        test("the generated repository's own tests pass", () => {
          expect(result().testSummary).toMatch(
            /Tests:\s+\d+ passed, \d+ total/,
          );
          expect(result().testSummary).not.toMatch(/failed|skipped/);
        });
      }

      templateChecks(result);

      if (matrixCase.checkTopology) {
        describe(`${TOPOLOGIES[matrixCase.topology].description}`, () => {
          test("the stacks are in the chosen accounts and regions, the pipeline in production's", () => {
            expectStackEnvironments(result());
          });

          test("each stage's cdk deploy project targets its account and region", () => {
            expectDeployProjectTargets(result());
          });

          topologyChecks(result);
        });
      }

      test('no IAM statement grants "*" beyond actions without resource-level permissions', () => {
        expect(wildcardStatements(result().templates)).toEqual([]);
      });

      test('cdk-nag (AwsSolutions) reports no unacknowledged finding', () => {
        expectNagClean(result());
      });

      test('catalog-info.yaml names the pipeline, deployment groups and projects the stacks create', () => {
        expectAnnotations(result());
      });
    },
  );
}
