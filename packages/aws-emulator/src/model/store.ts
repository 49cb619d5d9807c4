import type { DeploymentConfigInfo } from '@aws-sdk/client-codedeploy';
import { Scope } from '../arn';
import {
  AlarmRecord,
  ApplicationRecord,
  BuildRecord,
  DeploymentRecord,
  PipelineRecord,
  ProjectRecord,
} from './records';

/** Everything one account holds in one region. */
export class Partition {
  readonly pipelines = new Map<string, PipelineRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly builds = new Map<string, BuildRecord>();
  readonly applications = new Map<string, ApplicationRecord>();
  /** In creation order. */
  readonly deployments = new Map<string, DeploymentRecord>();
  readonly deploymentConfigs = new Map<string, DeploymentConfigInfo>();
  readonly alarms = new Map<string, AlarmRecord>();

  constructor(readonly scope: Scope) {}
}

/** Resources per account and region, created on first touch (an empty region is a valid, empty AWS region). */
export class Store {
  private readonly partitions = new Map<string, Partition>();

  partition(scope: Scope): Partition {
    const key = `${scope.account}/${scope.region}`;
    let p = this.partitions.get(key);
    if (!p) {
      p = new Partition({ account: scope.account, region: scope.region });
      this.partitions.set(key, p);
    }
    return p;
  }

  all(): Partition[] {
    return [...this.partitions.values()];
  }
}
