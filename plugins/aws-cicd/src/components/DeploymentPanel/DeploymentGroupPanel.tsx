import { InfoCard } from '@backstage/core-components';
import { DeploymentGroupSection } from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { plural } from '../../lib/format';
import { ExternalLink, SectionErrorPanel } from '../common';
import { DeploymentDetails } from './DeploymentDetails';
import { RecentDeployments } from './RecentDeployments';
import { RollbackAlarms } from './RollbackAlarms';

const useStyles = makeStyles(theme => ({
  block: { marginTop: theme.spacing(2) },
}));

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
      <RollbackAlarms section={section} />
      {group && group.recent.length > 0 && (
        <Box className={classes.block}>
          <Typography variant="h6" component="h3" gutterBottom>
            Recent deployments ({plural(group.recent.length, 'deployment')})
          </Typography>
          <RecentDeployments group={group} currentId={shown?.deploymentId} />
        </Box>
      )}
    </InfoCard>
  );
}
