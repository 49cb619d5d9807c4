import { InfoCard } from '@backstage/core-components';
import { DeploymentGroupSection } from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DeliveryBoundary } from '../DeliveryBoundary';
import { Countdown, ExternalLink, SectionErrorPanel } from '../common';
import {
  deploymentErrorInWords,
  deploymentStatusLabel,
  splitTaskSets,
} from '../DeploymentPanel';
import { StatusLabel, StatusText } from '../status';
import { lambdaTrafficLabels, TrafficBar } from '../TrafficBar';

function GroupSummary(props: { section: DeploymentGroupSection }) {
  const { section } = props;
  const g = section.group;
  if (section.error) {
    return (
      <SectionErrorPanel
        what={`Deployment group ${section.deploymentGroupName}`}
        error={section.error}
      />
    );
  }
  if (!g) return null;
  const d = g.current ?? g.recent[0];
  const inAlarm = (section.alarms?.items ?? []).filter(
    a => a.state === 'ALARM',
  );
  let bar = null;
  if (g.current && d?.traffic?.platform === 'Lambda') {
    bar = (
      <TrafficBar
        label={`Production traffic of ${section.deploymentGroupName}`}
        {...lambdaTrafficLabels(d)}
        toPercent={d.traffic.targetVersionWeight}
      />
    );
  } else if (g.current && d?.traffic?.platform === 'ECS') {
    const { original, replacement } = splitTaskSets(d.traffic);
    bar = (
      <TrafficBar
        label={`Production traffic of ${section.deploymentGroupName}`}
        fromLabel={original?.label ?? 'original'}
        toLabel={replacement?.label ?? 'replacement'}
        fromRole="Original"
        toRole="Replacement"
        toPercent={replacement?.trafficWeight ?? 0}
      />
    );
  }
  // A rollback explains itself by the deployment it undid.
  const undone = d?.isRollback
    ? g.recent.find(
        r => r.deploymentId === d.rollbackInfo?.rollbackTriggeringDeploymentId,
      )
    : undefined;
  const explained = undone ?? d;
  const why = explained
    ? deploymentErrorInWords(explained, section.alarms?.items)
    : undefined;
  const status = d ? deploymentStatusLabel(d) : undefined;
  return (
    <Box mb={2}>
      <Typography variant="subtitle1" component="h3">
        <ExternalLink href={g.consoleUrl}>
          {section.deploymentGroupName}
        </ExternalLink>
      </Typography>
      {!d && <Typography variant="body2">No deployments yet.</Typography>}
      {d && status && (
        <>
          <Typography variant="caption" component="div">
            {g.current ? 'Current deployment' : 'Last deployment'}{' '}
            {d.deploymentId}
            {g.trafficRouting ? `, ${g.trafficRouting.description}` : ''}
          </Typography>
          <StatusLabel status={status.status} label={status.label} />
          {d.possibleActions.continueReadyWait && (
            <StatusText kind="pending">Needs your decision</StatusText>
          )}
          {why && (
            <Box my={1}>
              <Alert severity={undone ? 'warning' : 'error'}>
                {undone ? `${undone.deploymentId}: ` : ''}
                {why}
              </Alert>
            </Box>
          )}
          {bar && <Box my={1}>{bar}</Box>}
          {g.current && (
            <Box>
              <Countdown label="Next shift in" seconds={d.nextShiftInSeconds} />
              <Countdown
                label="Ready wait ends in"
                seconds={d.readyWaitRemainingSeconds}
              />
              <Countdown
                label="Original terminates in"
                seconds={d.terminationWaitRemainingSeconds}
              />
            </Box>
          )}
        </>
      )}
      {inAlarm.length > 0 && (
        <Typography variant="body2" color="error">
          In alarm: {inAlarm.map(a => a.name).join(', ')}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Overview card: the current (or last) deployment of each deployment group:
 * status, where traffic is, the next countdown, and why it failed.
 */
export function DeploymentCard() {
  return (
    <InfoCard title="Deployment">
      <DeliveryBoundary compact>
        {value =>
          value.deploymentGroups.length === 0 ? (
            <Typography variant="body2">
              No deployment group annotation on this entity.
            </Typography>
          ) : (
            value.deploymentGroups.map(section => (
              <GroupSummary key={section.arn} section={section} />
            ))
          )
        }
      </DeliveryBoundary>
    </InfoCard>
  );
}
