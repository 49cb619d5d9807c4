import {
  DeploymentView,
  TrafficRouting,
} from '@liftoff/plugin-aws-cicd-common';
import Typography from '@material-ui/core/Typography';
import { Countdown } from '../common';
import { StepItem, StepList } from './StepList';

/**
 * The traffic plan of a canary or linear configuration: "Shift 10%",
 * "Shift 100% after 5 min", with the step reached now and a countdown to the
 * next shift.
 */
export function TrafficSteps(props: {
  routing: TrafficRouting;
  deployment: DeploymentView;
  active: boolean;
}) {
  const { routing, deployment } = props;
  const current = props.active ? deployment.currentStep : undefined;
  const finished = deployment.status === 'Succeeded';
  const steps: StepItem[] = routing.steps.map((step, i) => {
    const title =
      i === 0
        ? `Shift ${step.percentage}% at the start`
        : `Shift to ${step.percentage}% after ${step.atMinute} min`;
    let state: StepItem['state'] = 'later';
    if (finished || (current !== undefined && i < current)) state = 'done';
    else if (current === i) state = 'current';
    else if (current !== undefined && i === current + 1) state = 'next';
    return {
      title,
      state,
      detail:
        state === 'next' && deployment.nextShiftInSeconds !== undefined ? (
          <Countdown
            label="Next shift in"
            seconds={deployment.nextShiftInSeconds}
          />
        ) : undefined,
    };
  });
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {routing.deploymentConfigName}: {routing.description}
      </Typography>
      <StepList label="Traffic shifting steps" steps={steps} />
    </>
  );
}
