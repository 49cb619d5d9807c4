import { DeploymentGroupSection } from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatTime } from '../../lib/format';
import { SectionErrorPanel } from '../common';
import { StatusLabel } from '../status';

const useStyles = makeStyles(theme => ({
  block: { marginTop: theme.spacing(2) },
}));

/** The group's rollback alarms and their state, or why there are none. */
export function RollbackAlarms(props: { section: DeploymentGroupSection }) {
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
