import { InfoCard } from '@backstage/core-components';
import {
  AlarmView,
  DeploymentGroupSection,
  DeploymentGroupView,
  DeploymentView,
} from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { formatDuration, formatTime, plural } from '../../lib/format';
import { ExternalLink, LiveDuration, SectionErrorPanel } from '../common';
import { StatusLabel, isActive } from '../status';
import { lambdaTrafficLabels, TrafficBar } from '../TrafficBar';
import { BlueGreen } from './BlueGreen';
import { DeploymentActions } from './DeploymentActions';
import { TrafficSteps } from './TrafficSteps';
import { deploymentErrorInWords } from './words';

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

/** The words for a deployment's state, with rollbacks said as such. */
export function deploymentStatusLabel(d: DeploymentView): {
  status: string;
  label?: string;
} {
  if (d.status === 'Ready') {
    return { status: 'Ready', label: 'Ready: needs your decision' };
  }
  if (d.isRollback && d.status === 'Succeeded') {
    return { status: 'Unknown', label: 'Rolled back (rollback succeeded)' };
  }
  if (d.rollbackInfo?.rollbackDeploymentId) {
    return { status: d.status, label: `${d.status}, rolled back` };
  }
  return { status: d.status };
}

function RollbackBanner(props: {
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

function Hooks(props: { deployment: DeploymentView }) {
  const events = props.deployment.targets.flatMap(t =>
    t.lifecycleEvents.map(e => ({ target: t, event: e })),
  );
  if (events.length === 0) return null;
  const many = props.deployment.targets.length > 1;
  return (
    <Table size="small" aria-label="Lifecycle hooks">
      <TableHead>
        <TableRow>
          {many && <TableCell>Target</TableCell>}
          <TableCell>Lifecycle event</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Duration</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map(({ target, event }) => (
          <TableRow key={`${target.targetId}/${event.name}`}>
            {many && <TableCell>{target.targetId}</TableCell>}
            <TableCell>{event.name}</TableCell>
            <TableCell>
              <StatusLabel status={event.status} whenMissing="Pending" />
              {event.diagnostics?.message && (
                <Typography variant="body2" color="error">
                  {event.diagnostics.errorCode
                    ? `${event.diagnostics.errorCode}: `
                    : ''}
                  {event.diagnostics.message}
                </Typography>
              )}
              {event.diagnostics?.logTail && (
                <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {event.diagnostics.logTail}
                </pre>
              )}
            </TableCell>
            <TableCell>
              <LiveDuration
                seconds={event.durationSeconds}
                running={event.status === 'InProgress'}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Alarms(props: { section: DeploymentGroupSection }) {
  const classes = useStyles();
  const alarms = props.section.alarms;
  if (!alarms) return null;
  return (
    <Box className={classes.block}>
      <Typography variant="h6" component="h3" gutterBottom>
        Rollback alarms
      </Typography>
      {alarms.error && (
        <SectionErrorPanel what="Alarm states" error={alarms.error} />
      )}
      {!alarms.enabled && (
        <Typography variant="body2">
          Alarm monitoring is off for this deployment group: no alarm stops a
          deployment.
        </Typography>
      )}
      {alarms.items && alarms.items.length === 0 && alarms.enabled && (
        <Typography variant="body2">No alarms are configured.</Typography>
      )}
      {alarms.items && alarms.items.length > 0 && (
        <Table size="small" aria-label="Rollback alarms">
          <TableHead>
            <TableRow>
              <TableCell>Alarm</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Watches</TableCell>
              <TableCell>Since</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {alarms.items.map(a => (
              <TableRow key={a.name}>
                <TableCell>{a.name}</TableCell>
                <TableCell>
                  <StatusLabel status={a.state} />
                  {a.reason && a.state !== 'OK' && (
                    <Typography variant="caption" component="div">
                      {a.reason}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {a.metricName
                    ? `${a.namespace ? `${a.namespace} ` : ''}${a.metricName}${
                        a.comparisonOperator && a.threshold !== undefined
                          ? ` ${a.comparisonOperator} ${a.threshold}`
                          : ''
                      }`
                    : ''}
                </TableCell>
                <TableCell>{formatTime(a.updatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

function Recent(props: { group: DeploymentGroupView; currentId?: string }) {
  const { recent } = props.group;
  if (recent.length === 0) return null;
  return (
    <Table size="small" aria-label="Recent deployments">
      <TableHead>
        <TableRow>
          <TableCell>Deployment</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Created</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>By</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {recent.map(d => {
          const s = deploymentStatusLabel(d);
          return (
            <TableRow
              key={d.deploymentId}
              id={
                d.deploymentId === props.currentId
                  ? undefined
                  : `deployment-${d.deploymentId}`
              }
            >
              <TableCell>
                <ExternalLink href={d.consoleUrl}>
                  {d.deploymentId}
                </ExternalLink>{' '}
                {d.isRollback && <Chip size="small" label="Rollback" />}
                {d.description && (
                  <Typography variant="caption" component="div">
                    {d.description}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <StatusLabel status={s.status} label={s.label} />
                {d.rollbackInfo?.rollbackDeploymentId && (
                  <Typography variant="caption" component="div">
                    Rolled back by{' '}
                    <a
                      href={`#deployment-${d.rollbackInfo.rollbackDeploymentId}`}
                    >
                      {d.rollbackInfo.rollbackDeploymentId}
                    </a>
                  </Typography>
                )}
                {d.rollbackInfo?.rollbackTriggeringDeploymentId && (
                  <Typography variant="caption" component="div">
                    Rollback of{' '}
                    <a
                      href={`#deployment-${d.rollbackInfo.rollbackTriggeringDeploymentId}`}
                    >
                      {d.rollbackInfo.rollbackTriggeringDeploymentId}
                    </a>
                  </Typography>
                )}
              </TableCell>
              <TableCell>{formatTime(d.createTime)}</TableCell>
              <TableCell>{formatDuration(d.durationSeconds)}</TableCell>
              <TableCell>{d.creator ?? ''}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

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
        <Hooks deployment={d} />
      </Box>
    </Box>
  );
}

/** A CodeDeploy deployment group: the current deployment, alarms, history. */
export function DeploymentGroupPanel(props: {
  section: DeploymentGroupSection;
}) {
  const classes = useStyles();
  const { section } = props;
  const group = section.group;
  const alarms = section.alarms?.items ?? [];
  const shown = group?.current ?? group?.recent[0];
  const subheader = group
    ? [
        group.computePlatform,
        group.trafficRouting?.deploymentConfigName,
        group.autoRollback.enabled
          ? `automatic rollback on ${group.autoRollback.events
              .map(e => e.replace('DEPLOYMENT_STOP_ON_', '').toLowerCase())
              .join(', ')}`
          : 'no automatic rollback',
      ]
        .filter(Boolean)
        .join(' · ')
    : undefined;
  return (
    <InfoCard
      title={`Deployments of ${section.deploymentGroupName}`}
      subheader={subheader}
    >
      {section.error && (
        <SectionErrorPanel
          what={`Deployment group ${section.applicationName}/${section.deploymentGroupName}`}
          error={section.error}
        />
      )}
      {group && (
        <>
          <Typography variant="body2">
            <ExternalLink href={group.consoleUrl}>
              Open in AWS console
            </ExternalLink>
          </Typography>
          {!group.current && (
            <Typography variant="body2" className={classes.block}>
              No deployment is in progress.
            </Typography>
          )}
          {shown && (
            <DeploymentDetails
              group={group}
              deployment={shown}
              alarms={alarms}
              current={shown === group.current}
              anchor
            />
          )}
          {!shown && (
            <Typography variant="body2">
              {section.deploymentGroupName} has no deployments yet.
            </Typography>
          )}
        </>
      )}
      <Alarms section={section} />
      {group && group.recent.length > 0 && (
        <Box className={classes.block}>
          <Typography variant="h6" component="h3" gutterBottom>
            Recent deployments ({plural(group.recent.length, 'deployment')})
          </Typography>
          <Recent group={group} currentId={shown?.deploymentId} />
        </Box>
      )}
    </InfoCard>
  );
}
