import { execFileSync } from 'node:child_process';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { runExample } from '../__testUtils__';
import { createGitPublishLocalAction } from './gitPublishLocal';
import { examples } from './gitPublishLocal.examples';

describe('liftoff:git:publish-local examples', () => {
  const mockDir = createMockDirectory();
  const action = createGitPublishLocalAction({
    config: new ConfigReader({}),
    directory: mockDir.resolve('git'),
  });

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      mockDir.setContent({
        workspace: {
          'catalog-info.yaml': 'kind: Component\nmetadata:\n  name: svc\n',
          service: {
            'catalog-info.yaml': 'kind: Component\nmetadata:\n  name: svc\n',
          },
        },
      });
      const [run] = await runExample(example, [action], {
        workspacePath: mockDir.resolve('workspace'),
      });
      expect(run.error).toBeUndefined();
      const log = execFileSync('git', ['log', '--oneline'], {
        cwd: run.outputs.repositoryPath,
        encoding: 'utf8',
      });
      expect(log.trim().split('\n')).toHaveLength(1);
    },
  );
});
