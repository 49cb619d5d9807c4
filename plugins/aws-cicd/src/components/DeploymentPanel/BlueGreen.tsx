import {
  DeploymentGroupView,
  DeploymentView,
  EcsTaskSetView,
  EcsTrafficView,
} from '@liftoff/plugin-aws-cicd-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Countdown } from '../common';
import { TrafficBar } from '../TrafficBar';
import { StepItem, StepList } from './StepList';
import { splitTaskSets } from './taskSets';

function labelOf(t: EcsTaskSetView, fallback: string): string {
  return t.label ?? fallback;
}

function trafficHooksDone(d: DeploymentView): boolean {
  const events = d.targets.flatMap(t => t.lifecycleEvents);
  const after = events.find(e => e.name === 'AfterAllowTraffic');
  // Without hook details, traffic at 100% is all there is to go by.
  return !after || after.status === 'Succeeded' || after.status === 'Skipped';
}

function ecsSteps(d: DeploymentView, green: number): StepItem[] {
  const titles = [
    'Start the replacement task set',
    'Route test traffic to it',
    'Wait until ready',
    'Reroute production traffic',
    'Wait before terminating the original',
    'Terminate the original task set',
  ];
  let current: number;
  if (d.status === 'Succeeded') current = titles.length;
  else if (d.readyWaitRemainingSeconds !== undefined || d.status === 'Ready')
    current = 2;
  else if (d.terminationWaitRemainingSeconds !== undefined) current = 4;
  // All traffic is on the replacement once AllowTraffic runs; the reroute
  // step lasts until its hooks (AfterAllowTraffic) have passed.
  else if (green >= 100 && !trafficHooksDone(d)) current = 3;
  else if (green >= 100) current = 5;
  else if (green > 0) current = 3;
  else current = 0;
  return titles.map((title, i) => {
    let state: StepItem['state'] = 'later';
    if (i < current) state = 'done';
    else if (i === current) state = 'current';
    else if (i === current + 1) state = 'next';
    let detail;
    if (i === 2 && state === 'current') {
      detail = (
        <Countdown
          label="Ready wait ends in"
          seconds={d.readyWaitRemainingSeconds}
        />
      );
    }
    if (i === 4 && state === 'current') {
      detail = (
        <Countdown
          label="Original terminates in"
          seconds={d.terminationWaitRemainingSeconds}
        />
      );
    }
    return { title, state, detail };
  });
}

/**
 * ECS blue/green: where production and test traffic go, the task sets, and
 * the two waits with their countdowns.
 */
export function BlueGreen(props: {
  group: DeploymentGroupView;
  deployment: DeploymentView;
  traffic: EcsTrafficView;
  active: boolean;
}) {
  const { deployment: d, traffic, group } = props;
  const { original, replacement } = splitTaskSets(traffic);
  const fromLabel = original ? labelOf(original, 'original') : 'original';
  const toLabel = replacement
    ? labelOf(replacement, 'replacement')
    : 'replacement';
  const green = replacement?.trafficWeight ?? 0;
  const readyAction = group.blueGreen?.readyWait?.actionOnTimeout;
  return (
    <>
      <TrafficBar
        label="Production traffic"
        fromLabel={`${fromLabel} (original)`}
        toLabel={`${toLabel} (replacement)`}
        toPercent={green}
      />
      <Typography variant="body2" gutterBottom>
        Test traffic:{' '}
        {traffic.testTrafficTo
          ? `to ${traffic.testTrafficTo}`
          : 'no test listener'}
      </Typography>
      {props.active && d.readyWaitRemainingSeconds !== undefined && (
        <Typography variant="body2" gutterBottom>
          {readyAction === 'STOP_DEPLOYMENT'
            ? 'If nobody continues before the wait ends, the deployment stops and traffic stays on the original.'
            : 'When the wait ends, production traffic is rerouted automatically.'}
        </Typography>
      )}
      <Table size="small" aria-label="Task sets">
        <TableHead>
          <TableRow>
            <TableCell>Task set</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Tasks running</TableCell>
            <TableCell>Production traffic</TableCell>
            <TableCell>Test traffic</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {traffic.taskSets.map(t => (
            <TableRow key={t.id}>
              <TableCell>
                {t.label ?? t.id}
                {t === original && ' (original)'}
                {t === replacement && ' (replacement)'}
              </TableCell>
              <TableCell>{t.status ?? ''}</TableCell>
              <TableCell>
                {t.runningCount ?? '?'} of {t.desiredCount ?? '?'}
                {t.pendingCount ? `, ${t.pendingCount} starting` : ''}
              </TableCell>
              <TableCell>{t.trafficWeight}%</TableCell>
              <TableCell>
                {traffic.testTrafficTo && traffic.testTrafficTo === t.label
                  ? 'Yes'
                  : 'No'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {props.active && (
        <>
          <Typography
            variant="subtitle2"
            component="h4"
            style={{ marginTop: 16 }}
          >
            Steps
          </Typography>
          <StepList label="Blue/green steps" steps={ecsSteps(d, green)} />
        </>
      )}
    </>
  );
}
