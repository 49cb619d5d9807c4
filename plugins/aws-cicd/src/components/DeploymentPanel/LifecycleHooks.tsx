import { DeploymentView } from '@liftoff/plugin-aws-cicd-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { LiveDuration } from '../common';
import { StatusLabel } from '../status';

/** The lifecycle events of a deployment's targets, with their diagnostics. */
export function LifecycleHooks(props: { deployment: DeploymentView }) {
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
