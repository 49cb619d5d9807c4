import fs from 'node:fs';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_CODEBUILD_PROJECT_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEPIPELINE_ARN,
  parseBuildProjectArns,
  parseDeploymentGroupArns,
  parsePipelineArns,
} from '@liftoff/plugin-aws-cicd-common';
import yaml, { Document, isMap } from 'yaml';
import { examples } from './catalogAnnotate.examples';

/** @public */
export const CATALOG_ANNOTATE_ACTION_ID = 'liftoff:catalog:annotate';

const ANNOTATIONS = [
  {
    input: 'pipelineArns',
    annotation: ANNOTATION_CODEPIPELINE_ARN,
    parse: parsePipelineArns,
  },
  {
    input: 'deploymentGroupArns',
    annotation: ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
    parse: parseDeploymentGroupArns,
  },
  {
    input: 'buildProjectArns',
    annotation: ANNOTATION_CODEBUILD_PROJECT_ARN,
    parse: parseBuildProjectArns,
  },
] as const;

type EntityLike = {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
};

function describeDoc(doc: Document): string {
  const e = doc.toJS() as EntityLike | undefined;
  return `${String(e?.kind ?? '?')}:${String(e?.metadata?.name ?? '?')}`;
}

/**
 * Adds Liftoff's annotations to a catalog-info.yaml in the workspace, for
 * onboarding a service that exists already. Edits the YAML document in place,
 * so comments, key order and every other field stay as they were.
 * @public
 */
export function createCatalogAnnotateAction() {
  const arnListDescription = (what: string, example: string) =>
    `${what} ARNs (a list, or one comma-separated string), e.g. ${example}. Replaces the annotation's value; an empty list leaves it unchanged`;
  return createTemplateAction({
    id: CATALOG_ANNOTATE_ACTION_ID,
    description:
      "Adds Liftoff's AWS annotations (CodePipeline, CodeDeploy, CodeBuild ARNs) to a catalog-info.yaml in the workspace, keeping its comments and other fields.",
    examples,
    // Only the workspace changes, and a dry run has its own workspace.
    supportsDryRun: true,
    schema: {
      input: {
        filePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the catalog descriptor in the workspace. Default catalog-info.yaml',
            ),
        entityName: z =>
          z
            .string()
            .optional()
            .describe(
              'metadata.name of the entity to annotate when the file holds several. Default: the only entity, else the only Component',
            ),
        pipelineArns: z =>
          z
            .union([z.string(), z.array(z.string())])
            .optional()
            .describe(
              arnListDescription(
                'CodePipeline pipeline',
                'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
              ),
            ),
        deploymentGroupArns: z =>
          z
            .union([z.string(), z.array(z.string())])
            .optional()
            .describe(
              arnListDescription(
                'CodeDeploy deployment group',
                'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production',
              ),
            ),
        buildProjectArns: z =>
          z
            .union([z.string(), z.array(z.string())])
            .optional()
            .describe(
              arnListDescription(
                'CodeBuild project',
                'arn:aws:codebuild:eu-west-1:123456789012:project/payments-api-build',
              ),
            ),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .describe(
              'Ref of the annotated entity, e.g. component:default/payments-api',
            ),
        annotations: z =>
          z
            .record(z.string())
            .describe("The entity's Liftoff annotations after the change"),
        changed: z =>
          z
            .boolean()
            .describe(
              'Whether the file changed (false when it had these values already)',
            ),
      },
    },
    async handler(ctx) {
      // The engine validates input against the JSON schema but applies no defaults.
      const input = {
        ...ctx.input,
        filePath: ctx.input.filePath ?? 'catalog-info.yaml',
      };
      const updates: Array<{ annotation: string; value: string }> = [];
      for (const { input: key, annotation, parse } of ANNOTATIONS) {
        const raw = input[key];
        const list = (Array.isArray(raw) ? raw : (raw ?? '').split(','))
          .map(s => s.trim())
          .filter(Boolean);
        if (list.length === 0) continue;
        const value = list.join(',');
        parse(value); // throws an InputError naming the annotation and the bad ARN
        updates.push({ annotation, value });
      }
      if (updates.length === 0) {
        throw new InputError(
          'Give at least one of pipelineArns, deploymentGroupArns and buildProjectArns',
        );
      }

      const path = resolveSafeChildPath(ctx.workspacePath, input.filePath);
      if (!fs.existsSync(path)) {
        throw new NotFoundError(
          `No ${input.filePath} in the workspace to annotate; fetch the repository first (e.g. fetch:plain) or create the file`,
        );
      }
      const text = await fs.promises.readFile(path, 'utf8');
      const docs = yaml.parseAllDocuments(text);
      for (const doc of docs) {
        if ('errors' in doc && doc.errors.length > 0) {
          throw new InputError(
            `${input.filePath} is not valid YAML: ${doc.errors[0].message}`,
          );
        }
      }
      const entities = (docs as Document[]).filter(d => isMap(d.contents));
      let candidates = entities;
      if (input.entityName) {
        candidates = entities.filter(
          d => (d.toJS() as EntityLike)?.metadata?.name === input.entityName,
        );
      } else if (entities.length > 1) {
        candidates = entities.filter(
          d => (d.toJS() as EntityLike)?.kind === 'Component',
        );
      }
      if (candidates.length !== 1) {
        const found = entities.map(describeDoc).join(', ') || 'none';
        throw new InputError(
          `${input.filePath}: cannot tell which entity to annotate (${
            input.entityName
              ? `none named '${input.entityName}'`
              : `${candidates.length} Components`
          }; entities: ${found}). Set entityName`,
        );
      }
      const doc = candidates[0];

      let changed = false;
      for (const { annotation, value } of updates) {
        const path_ = ['metadata', 'annotations', annotation];
        const before = doc.getIn(path_);
        if (before === value) continue;
        if (before !== undefined) {
          ctx.logger.info(
            `Replacing ${annotation}: ${String(before)} -> ${value}`,
          );
        } else {
          ctx.logger.info(`Adding ${annotation}: ${value}`);
        }
        doc.setIn(path_, value);
        changed = true;
      }
      if (changed) {
        await fs.promises.writeFile(
          path,
          docs.map(d => d.toString({ flowCollectionPadding: false })).join(''),
        );
      } else {
        ctx.logger.info(`${input.filePath} has these annotations already`);
      }

      const entity = doc.toJS() as EntityLike & {
        metadata: { annotations?: Record<string, string> };
      };
      const annotations: Record<string, string> = {};
      for (const { annotation } of ANNOTATIONS) {
        const v = entity.metadata.annotations?.[annotation];
        if (typeof v === 'string') annotations[annotation] = v;
      }
      ctx.output(
        'entityRef',
        `${String(entity.kind).toLocaleLowerCase('en-US')}:${String(
          entity.metadata.namespace ?? 'default',
        )}/${String(entity.metadata.name)}`,
      );
      ctx.output('annotations', annotations);
      ctx.output('changed', changed);
    },
  });
}
