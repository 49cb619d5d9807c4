import { DeploymentGroupView } from '@liftoff/plugin-aws-cicd-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatDuration, formatTime } from '../../lib/format';
import { ExternalLink } from '../common';
import { StatusLabel } from '../status';
import { deploymentStatusLabel } from './words';

/**
 * The group's recent deployments, rollbacks and what they roll back linked
 * both ways (the shown deployment's anchor is on its details instead).
 */
export function RecentDeployments(props: {
  group: DeploymentGroupView;
  currentId?: string;
}) {
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
