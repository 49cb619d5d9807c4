import {
  AlarmView,
  DeploymentGroupView,
  DeploymentView,
} from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatTime } from '../../lib/format';
import { ExternalLink, LiveDuration } from '../common';
import { StatusLabel, isActive } from '../status';
import { lambdaTrafficLabels, TrafficBar } from '../TrafficBar';
import { BlueGreen } from './BlueGreen';
import { DeploymentActions } from './DeploymentActions';
import { LifecycleHooks } from './LifecycleHooks';
import { RollbackBanner } from './RollbackBanner';
import { TrafficSteps } from './TrafficSteps';
import { deploymentStatusLabel } from './words';

const useStyles = makeStyles(theme => ({
  block: { marginTop: theme.spacing(2) },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    justifyContent: 'space-between',
  },
  list: { margin: 0, paddingLeft: theme.spacing(2) },
}));

/**
 * One deployment: why it stopped (first), its state and actions, where
 * traffic is, the plan's steps with countdowns, and its lifecycle hooks.
 */
export function DeploymentDetails(props: {
  group: DeploymentGroupView;
  deployment: DeploymentView;
  alarms: AlarmView[];
  /** Whether this is the group's current deployment (traffic and actions). */
  current: boolean;
  /** Anchor id (current deployment only). */
  anchor?: boolean;
}) {
  const classes = useStyles();
  const { group, deployment: d } = props;
  const active = props.current && isActive(d.status);
  const s = deploymentStatusLabel(d);
  // A rollback moves all traffic back at once: the group's canary or linear
  // plan does not apply to it.
  const routing = d.isRollback ? undefined : group.trafficRouting;
  const desired =
    routing && d.currentStep !== undefined
      ? routing.steps[d.currentStep]?.percentage
      : undefined;
  return (
    <Box id={props.anchor ? `deployment-${d.deploymentId}` : undefined}>
      <RollbackBanner
        deployment={d}
        alarms={props.alarms}
        recent={group.recent}
      />
      <div className={`${classes.header} ${classes.block}`}>
        <Box>
          <Typography variant="overline" component="div">
            {props.current ? 'Current deployment' : 'Last deployment'}
          </Typography>
          <StatusLabel status={s.status} label={s.label} />
          <Typography variant="body2">
            <ExternalLink href={d.consoleUrl}>{d.deploymentId}</ExternalLink>
            {d.creator ? ` by ${d.creator}` : ''}
            {(d.startTime ?? d.createTime)
              ? `, started ${formatTime(d.startTime ?? d.createTime)}`
              : ''}
            {d.durationSeconds !== undefined && (
              <>
                {active ? ', running for ' : ', took '}
                <LiveDuration seconds={d.durationSeconds} running={active} />
              </>
            )}
          </Typography>
          {d.description && (
            <Typography variant="body2">{d.description}</Typography>
          )}
        </Box>
        {props.current && <DeploymentActions group={group} deployment={d} />}
      </div>
      {d.statusMessages.length > 0 && (
        <ul className={classes.list}>
          {d.statusMessages.map((m, i) => (
            <li key={i}>
              <Typography variant="body2">{m}</Typography>
            </li>
          ))}
        </ul>
      )}
      {props.current && d.traffic?.platform === 'Lambda' && (
        <Box className={classes.block}>
          <TrafficBar
            label="Production traffic"
            {...lambdaTrafficLabels(d)}
            toPercent={d.traffic.targetVersionWeight}
            desiredPercent={active ? desired : undefined}
          />
        </Box>
      )}
      {props.current && d.traffic?.platform === 'ECS' && (
        <Box className={classes.block}>
          <BlueGreen
            group={group}
            deployment={d}
            traffic={d.traffic}
            active={active}
          />
        </Box>
      )}
      {active && routing && routing.type !== 'AllAtOnce' && (
        <Box className={classes.block}>
          <Typography variant="subtitle2" component="h4">
            Traffic shifting
          </Typography>
          <TrafficSteps routing={routing} deployment={d} active={active} />
        </Box>
      )}
      <Box className={classes.block}>
        <LifecycleHooks deployment={d} />
      </Box>
    </Box>
  );
}
