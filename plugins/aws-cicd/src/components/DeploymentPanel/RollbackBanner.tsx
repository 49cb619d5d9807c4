import { AlarmView, DeploymentView } from '@liftoff/plugin-aws-cicd-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { deploymentErrorInWords } from './words';

/**
 * Why a deployment failed, stopped or was rolled back, shown above it; a
 * rollback links the deployment it undoes and says why that one stopped.
 */
export function RollbackBanner(props: {
  deployment: DeploymentView;
  alarms: AlarmView[];
  recent: DeploymentView[];
}) {
  const d = props.deployment;
  const rb = d.rollbackInfo;
  // A rollback says why it happened: the error of the deployment it undoes.
  const triggering = d.isRollback
    ? props.recent.find(
        r => r.deploymentId === rb?.rollbackTriggeringDeploymentId,
      )
    : undefined;
  const why = deploymentErrorInWords(triggering ?? d, props.alarms);
  if (!why && !rb?.rollbackMessage && !d.isRollback) return null;
  const severity =
    d.isRollback && d.status === 'Succeeded' ? 'warning' : 'error';
  let title: string;
  if (d.isRollback) title = `Deployment ${d.deploymentId} is a rollback`;
  else if (rb?.rollbackDeploymentId)
    title = `Deployment ${d.deploymentId} was rolled back`;
  else title = `Deployment ${d.deploymentId}: ${d.status}`;
  return (
    <Alert severity={severity}>
      <AlertTitle>{title}</AlertTitle>
      {why && (
        <div>
          {triggering ? `${triggering.deploymentId}: ` : ''}
          {why}
        </div>
      )}
      {rb?.rollbackMessage && <div>{rb.rollbackMessage}</div>}
      {rb?.rollbackDeploymentId && (
        <div>
          Rolled back by{' '}
          <a href={`#deployment-${rb.rollbackDeploymentId}`}>
            {rb.rollbackDeploymentId}
          </a>
          .
        </div>
      )}
      {rb?.rollbackTriggeringDeploymentId && (
        <div>
          Rolls back{' '}
          <a href={`#deployment-${rb.rollbackTriggeringDeploymentId}`}>
            {rb.rollbackTriggeringDeploymentId}
          </a>
          .
        </div>
      )}
    </Alert>
  );
}
