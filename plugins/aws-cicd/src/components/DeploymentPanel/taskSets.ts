import {
  EcsTaskSetView,
  EcsTrafficView,
} from '@liftoff/plugin-aws-cicd-common';

/** The original (Blue) and replacement (Green) task sets of a deployment. */
export function splitTaskSets(traffic: EcsTrafficView): {
  original?: EcsTaskSetView;
  replacement?: EcsTaskSetView;
} {
  const sets = traffic.taskSets;
  const original =
    sets.find(t => t.label === 'Blue') ??
    sets.find(t => t.status === 'PRIMARY') ??
    sets[0];
  const replacement =
    sets.find(t => t.label === 'Green') ?? sets.find(t => t !== original);
  return { original, replacement };
}
