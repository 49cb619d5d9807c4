import { usePermission } from '@backstage/plugin-permission-react';
import {
  awsCicdApprovalPermission,
  awsCicdContinueDeploymentPermission,
  awsCicdRetryStagePermission,
  awsCicdStartExecutionPermission,
  awsCicdStopDeploymentPermission,
  awsCicdStopExecutionPermission,
} from '@liftoff/plugin-aws-cicd-common';

export interface AwsCicdPermissions {
  approve: boolean;
  retryStage: boolean;
  startExecution: boolean;
  stopExecution: boolean;
  stopDeployment: boolean;
  continueDeployment: boolean;
}

/**
 * What the signed-in user may do on this entity. Each is false while the
 * answer is loading: a button appears once it is allowed, never before.
 */
export function useAwsCicdPermissions(entityRef: string): AwsCicdPermissions {
  const resourceRef = entityRef;
  const approve = usePermission({
    permission: awsCicdApprovalPermission,
    resourceRef,
  });
  const retryStage = usePermission({
    permission: awsCicdRetryStagePermission,
    resourceRef,
  });
  const startExecution = usePermission({
    permission: awsCicdStartExecutionPermission,
    resourceRef,
  });
  const stopExecution = usePermission({
    permission: awsCicdStopExecutionPermission,
    resourceRef,
  });
  const stopDeployment = usePermission({
    permission: awsCicdStopDeploymentPermission,
    resourceRef,
  });
  const continueDeployment = usePermission({
    permission: awsCicdContinueDeploymentPermission,
    resourceRef,
  });
  return {
    approve: approve.allowed,
    retryStage: retryStage.allowed,
    startExecution: startExecution.allowed,
    stopExecution: stopExecution.allowed,
    stopDeployment: stopDeployment.allowed,
    continueDeployment: continueDeployment.allowed,
  };
}
