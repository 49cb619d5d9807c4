import {
  DeliveryResponse,
  DeploymentView,
} from '@liftoff/plugin-aws-cicd-common';
import { statusOf } from '../status';

function weightOf(d: DeploymentView | undefined): number | undefined {
  const t = d?.traffic;
  if (!t) return undefined;
  if (t.platform === 'Lambda') return t.targetVersionWeight;
  const green =
    t.taskSets.find(s => s.label === 'Green') ??
    t.taskSets.find(s => s.status !== 'PRIMARY');
  return green?.trafficWeight;
}

/**
 * What changed between two responses that a person watching would want
 * announced: a pipeline finishing or failing, an approval waiting, traffic
 * shifting, a deployment waiting, finishing or rolling back.
 */
export function milestones(
  prev: DeliveryResponse | undefined,
  next: DeliveryResponse,
): string[] {
  if (!prev) return [];
  const out: string[] = [];
  for (const p of next.pipelines) {
    const before = prev.pipelines.find(x => x.name === p.name)?.pipeline;
    const now = p.pipeline;
    if (!before || !now) continue;
    const a = before.latestExecution;
    const b = now.latestExecution;
    if (b && a?.pipelineExecutionId !== b.pipelineExecutionId) {
      out.push(`Pipeline ${p.name} started a new execution.`);
    } else if (b && a && a.status !== b.status) {
      out.push(`Pipeline ${p.name}: ${statusOf(b.status).label}.`);
    }
    for (const stage of now.stages) {
      const old = before.stages.find(s => s.name === stage.name);
      for (const action of stage.actions) {
        const oldAction = old?.actions.find(x => x.name === action.name);
        if (action.approval?.waiting && !oldAction?.approval?.waiting) {
          out.push(
            `Pipeline ${p.name}: ${action.name} in ${stage.name} waits for approval.`,
          );
        }
      }
      if (stage.status === 'Failed' && old?.status !== 'Failed') {
        out.push(`Pipeline ${p.name}: stage ${stage.name} failed.`);
      }
    }
  }
  for (const g of next.deploymentGroups) {
    const before = prev.deploymentGroups.find(
      x => x.deploymentGroupName === g.deploymentGroupName,
    )?.group;
    const now = g.group;
    if (!before || !now) continue;
    const name = g.deploymentGroupName;
    const b = now.current;
    const a = before.current;
    if (b && a?.deploymentId !== b.deploymentId) {
      out.push(
        b.isRollback
          ? `${name}: rollback ${b.deploymentId} started.`
          : `${name}: deployment ${b.deploymentId} started.`,
      );
    }
    if (a && a.deploymentId !== b?.deploymentId) {
      const done = now.recent.find(r => r.deploymentId === a.deploymentId);
      if (done) {
        out.push(
          `${name}: deployment ${done.deploymentId} ${statusOf(
            done.status,
          ).label.toLowerCase()}${
            done.rollbackInfo?.rollbackDeploymentId ? ', rolled back' : ''
          }.`,
        );
      }
    }
    if (b && a?.deploymentId === b.deploymentId) {
      const wa = weightOf(a);
      const wb = weightOf(b);
      if (wb !== undefined && wa !== wb) {
        out.push(`${name}: traffic shifted, ${wb}% on the new version.`);
      }
      if (
        b.possibleActions.continueReadyWait &&
        !a.possibleActions.continueReadyWait
      ) {
        out.push(
          `${name}: the replacement is ready and waits for your decision.`,
        );
      }
    }
  }
  return out;
}
