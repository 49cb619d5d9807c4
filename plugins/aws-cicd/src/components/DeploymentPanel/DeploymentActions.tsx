import { useApi } from '@backstage/core-plugin-api';
import {
  DeploymentGroupView,
  DeploymentView,
} from '@liftoff/plugin-aws-cicd-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import { ActionButton, ActionChoice } from '../ActionButton';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
  },
}));

/**
 * What can be done to the deployment now, as the backend says
 * (possibleActions) and the permissions allow.
 */
export function DeploymentActions(props: {
  group: DeploymentGroupView;
  deployment: DeploymentView;
}) {
  const classes = useStyles();
  const api = useApi(awsCicdApiRef);
  const { entityRef, permissions } = useDeliveryContext();
  const { group, deployment: d } = props;
  const ref = {
    applicationName: group.applicationName,
    deploymentGroupName: group.deploymentGroupName,
  };
  const possible = d.possibleActions;

  const stopChoices: ActionChoice[] = [];
  if (possible.stop) {
    stopChoices.push({
      label: 'Stop deployment',
      destructive: true,
      run: async () => {
        await api.stopDeployment(entityRef, ref, d.deploymentId, {
          rollback: false,
        });
        return `Stopping ${d.deploymentId}. Traffic stays where it is now.`;
      },
    });
  }
  if (possible.stopAndRollback) {
    stopChoices.push({
      label: 'Stop and roll back',
      destructive: true,
      run: async () => {
        await api.stopDeployment(entityRef, ref, d.deploymentId, {
          rollback: true,
        });
        return `Stopping ${d.deploymentId} and rolling back to the previous version.`;
      },
    });
  }

  const canContinue =
    possible.continueReadyWait || possible.continueTerminationWait;
  const canStopAny = stopChoices.length > 0;
  if (
    (!permissions.stopDeployment || !canStopAny) &&
    (!permissions.continueDeployment || !canContinue)
  ) {
    return null;
  }

  return (
    <div className={classes.row}>
      {permissions.continueDeployment && possible.continueReadyWait && (
        <div>
          <ActionButton
            label="Reroute traffic now"
            primary
            title={`Reroute production traffic to the replacement of ${group.deploymentGroupName}?`}
            choices={[
              {
                label: 'Reroute traffic now',
                run: async () => {
                  await api.continueDeployment(entityRef, ref, d.deploymentId, {
                    waitType: 'READY_WAIT',
                  });
                  return 'Rerouting production traffic to the replacement task set.';
                },
              },
            ]}
          >
            <Typography variant="body2">
              The replacement task set is ready and receives test traffic.
              Continuing moves all production traffic to it now. The original
              task set stays until the termination wait ends, so you can still
              roll back.
            </Typography>
          </ActionButton>
        </div>
      )}
      {permissions.continueDeployment && possible.continueTerminationWait && (
        <div>
          <ActionButton
            label="Terminate original now"
            title={`Terminate the original task set of ${group.deploymentGroupName} now?`}
            choices={[
              {
                label: 'Terminate original now',
                destructive: true,
                run: async () => {
                  await api.continueDeployment(entityRef, ref, d.deploymentId, {
                    waitType: 'TERMINATION_WAIT',
                  });
                  return 'Terminating the original task set; the deployment finishes.';
                },
              },
            ]}
          >
            <Typography variant="body2">
              Production traffic is on the replacement already. Terminating the
              original task set now ends the wait early: after that, a rollback
              needs a new deployment.
            </Typography>
          </ActionButton>
        </div>
      )}
      {permissions.stopDeployment && canStopAny && (
        <div>
          <ActionButton
            label="Stop…"
            destructive
            title={`Stop deployment ${d.deploymentId}?`}
            choices={stopChoices}
          >
            <Typography variant="body2" paragraph>
              {possible.stop && (
                <>
                  <strong>Stop deployment</strong> halts it where it is: traffic
                  stays split as it is now.{' '}
                </>
              )}
              {possible.stopAndRollback && (
                <>
                  <strong>Stop and roll back</strong> halts it and moves all
                  traffic back to the previous version.
                </>
              )}
            </Typography>
          </ActionButton>
        </div>
      )}
    </div>
  );
}
