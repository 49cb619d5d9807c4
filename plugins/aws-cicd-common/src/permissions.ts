import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/*
 * One permission per write action. Each is a resource permission on the
 * catalog entity, so a policy can apply ownership rules (catalog's
 * isEntityOwner) to it. Reads ride on catalog entity read.
 */

/**
 * Approve or reject a manual approval action of the entity's pipeline.
 * @public
 */
export const awsCicdApprovalPermission = createPermission({
  name: 'aws-cicd.pipeline.approval',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Retry a failed stage of the entity's pipeline.
 * @public
 */
export const awsCicdRetryStagePermission = createPermission({
  name: 'aws-cicd.pipeline.retry-stage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start an execution of the entity's pipeline.
 * @public
 */
export const awsCicdStartExecutionPermission = createPermission({
  name: 'aws-cicd.pipeline.start',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Stop (or abandon) an execution of the entity's pipeline.
 * @public
 */
export const awsCicdStopExecutionPermission = createPermission({
  name: 'aws-cicd.pipeline.stop',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Stop a deployment of the entity's deployment group, with or without rollback.
 * @public
 */
export const awsCicdStopDeploymentPermission = createPermission({
  name: 'aws-cicd.deployment.stop',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Continue a blue/green deployment that waits (reroute traffic now, or
 * terminate the original task set now).
 * @public
 */
export const awsCicdContinueDeploymentPermission = createPermission({
  name: 'aws-cicd.deployment.continue',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the Liftoff AWS CI/CD plugins.
 * @public
 */
export const awsCicdPermissions = [
  awsCicdApprovalPermission,
  awsCicdRetryStagePermission,
  awsCicdStartExecutionPermission,
  awsCicdStopExecutionPermission,
  awsCicdStopDeploymentPermission,
  awsCicdContinueDeploymentPermission,
];
