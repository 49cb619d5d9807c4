import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { BuildsPanel } from '../BuildsPanel';
import { DeliveryBoundary } from '../DeliveryBoundary';
import { DeploymentGroupPanel } from '../DeploymentPanel';
import { PipelineHistoryPanel, PipelinePanel } from '../PipelinePanel';

/**
 * The entity's CI/CD tab: its pipelines (graph and history), deployments
 * (traffic, steps, hooks, alarms) and builds, refreshed while things move.
 * Each section shows its own error; the others still render.
 */
const useStyles = makeStyles(theme => ({
  // min-width 0 lets wide parts (the stage strip, tables) scroll inside
  // their card instead of widening the page.
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
    minWidth: 0,
    maxWidth: '100%',
    '& > *': { minWidth: 0 },
  },
}));

export function AwsCicdContent() {
  const classes = useStyles();
  return (
    <DeliveryBoundary>
      {value => (
        <div className={classes.column}>
          {value.pipelines.length === 0 &&
            value.deploymentGroups.length === 0 &&
            value.buildProjects.length === 0 && (
              <div>
                <Typography variant="body1">
                  The annotations point at nothing Liftoff could read.
                </Typography>
              </div>
            )}
          {value.pipelines.map(section => (
            <div key={`p:${section.arn}`}>
              <PipelinePanel section={section} />
            </div>
          ))}
          {value.deploymentGroups.map(section => (
            <div key={`dg:${section.arn}`}>
              <DeploymentGroupPanel section={section} />
            </div>
          ))}
          {value.pipelines.map(section => (
            <div key={`h:${section.arn}`}>
              <PipelineHistoryPanel section={section} />
            </div>
          ))}
          {value.buildProjects.map(section => (
            <div key={`b:${section.projectName}:${section.region}`}>
              <BuildsPanel section={section} />
            </div>
          ))}
        </div>
      )}
    </DeliveryBoundary>
  );
}
