import * as path from 'node:path';
import { DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';

/** Node.js runtime of every function in this app. */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * Lambda code bundled from one TypeScript entry point with the esbuild of
 * this repository's devDependencies: at synth time, locally, no Docker. The
 * AWS SDK v3 is part of the Node.js runtime, so it stays out of the bundle.
 *
 * (NodejsFunction does the same but insists on a lock file next to the
 * project; this keeps `cdk synth` working right after the repository is
 * created, before anyone ran `npm install` with a lock file.)
 */
export function bundledCode(entry: string): lambda.Code {
  const absoluteEntry = path.resolve(entry);
  return lambda.Code.fromAsset(path.dirname(absoluteEntry), {
    bundling: {
      // Only used when local bundling is impossible, which it is not here.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      local: {
        tryBundle(outputDir: string) {
          buildSync({
            entryPoints: [absoluteEntry],
            outfile: path.join(outputDir, 'index.js'),
            bundle: true,
            platform: 'node',
            target: 'node24',
            format: 'cjs',
            external: ['@aws-sdk/*'],
            minify: true,
            sourcemap: false,
            logLevel: 'error',
          });
          return true;
        },
      },
    },
  });
}
