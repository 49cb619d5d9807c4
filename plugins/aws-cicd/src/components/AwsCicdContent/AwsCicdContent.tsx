import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { BuildsPanel } from '../BuildsPanel';
import { DeploymentGroupPanel } from '../DeploymentPanel';
import { PipelineHistoryPanel, PipelinePanel } from '../PipelinePanel';
import { DeliveryBoundary } from './DeliveryBoundary';

/**
 * The entity's CI/CD tab: its pipelines (graph and history), deployments
 * (traffic, steps, hooks, alarms) and builds, refreshed while things move.
 * Each section shows its own error; the others still render.
 */
export function AwsCicdContent() {
  return (
    <DeliveryBoundary>
      {value => (
        <Grid container spacing={3} direction="column">
          {value.pipelines.length === 0 &&
            value.deploymentGroups.length === 0 &&
            value.buildProjects.length === 0 && (
              <Grid item>
                <Typography variant="body1">
                  The annotations point at nothing Liftoff could read.
                </Typography>
              </Grid>
            )}
          {value.pipelines.map(section => (
            <Grid item key={`p:${section.arn}`}>
              <PipelinePanel section={section} />
            </Grid>
          ))}
          {value.deploymentGroups.map(section => (
            <Grid item key={`dg:${section.arn}`}>
              <DeploymentGroupPanel section={section} />
            </Grid>
          ))}
          {value.pipelines.map(section => (
            <Grid item key={`h:${section.arn}`}>
              <PipelineHistoryPanel section={section} />
            </Grid>
          ))}
          {value.buildProjects.map(section => (
            <Grid item key={`b:${section.projectName}:${section.region}`}>
              <BuildsPanel section={section} />
            </Grid>
          ))}
        </Grid>
      )}
    </DeliveryBoundary>
  );
}
