import { AlarmView, DeploymentView } from '@liftoff/plugin-aws-cicd-common';

/** The words for a deployment's state, with rollbacks said as such. */
export function deploymentStatusLabel(d: DeploymentView): {
  status: string;
  label?: string;
} {
  if (d.status === 'Ready') {
    return { status: 'Ready', label: 'Ready: needs your decision' };
  }
  if (d.isRollback && d.status === 'Succeeded') {
    return { status: 'Unknown', label: 'Rolled back (rollback succeeded)' };
  }
  if (d.rollbackInfo?.rollbackDeploymentId) {
    return { status: d.status, label: `${d.status}, rolled back` };
  }
  return { status: d.status };
}

/** CodeDeploy's error codes, said plainly. */
const ERROR_WORDS: Record<string, string> = {
  ALARM_ACTIVE: 'went into ALARM',
  HEALTH_CONSTRAINTS: 'Too many targets failed their health checks.',
  HEALTH_CONSTRAINTS_INVALID:
    'The minimum healthy hosts setting cannot be met with this many targets.',
  TIMEOUT: 'The deployment took longer than allowed and timed out.',
  MANUAL_STOP: 'Someone stopped the deployment.',
  HOOK_EXECUTION_FAILURE: 'A lifecycle hook failed (see the hooks below).',
  DEPLOYMENT_GROUP_MISSING: 'The deployment group no longer exists.',
  APPLICATION_MISSING: 'The application no longer exists.',
  REVISION_MISSING: 'The revision to deploy could not be found.',
  IAM_ROLE_MISSING: 'The service role of the deployment group is missing.',
  IAM_ROLE_PERMISSIONS:
    'The service role of the deployment group lacks a permission.',
  NO_INSTANCES: 'There was nothing to deploy to.',
  THROTTLED: 'AWS throttled the deployment.',
  INTERNAL_ERROR: 'CodeDeploy had an internal error.',
  ECS_UPDATE_ERROR: 'ECS could not update the service.',
  INVALID_LAMBDA_CONFIGURATION: 'The Lambda alias or versions are not valid.',
  INVALID_LAMBDA_FUNCTION: 'The Lambda function could not be found.',
  RESOURCE_LIMIT_EXCEEDED: 'An AWS limit was reached.',
  AUTOSCALING_VALIDATION_ERROR: 'Auto Scaling rejected the deployment.',
};

/** The alarm names in a CodeDeploy ALARM_ACTIVE message, if it lists them. */
function alarmsIn(message: string | undefined): string[] {
  const m = /Activated alarms?:?\s*(.*)$/is.exec(message ?? '');
  if (!m) return [];
  return [...m[1].matchAll(/<([^>]+)>/g)].map(x => x[1]);
}

/**
 * Why a deployment failed or stopped, in one sentence, or undefined when it
 * did not. ALARM_ACTIVE names the alarm: from the message, else the alarms
 * that are in ALARM now.
 */
export function deploymentErrorInWords(
  d: DeploymentView,
  alarms: AlarmView[] = [],
): string | undefined {
  const code = d.errorInformation?.code;
  if (!code && !d.errorInformation?.message) return undefined;
  if (code === 'ALARM_ACTIVE') {
    const named = alarmsIn(d.errorInformation?.message);
    const names = named.length
      ? named
      : alarms.filter(a => a.state === 'ALARM').map(a => a.name);
    if (names.length === 0) {
      return 'Stopped because a rollback alarm went into ALARM.';
    }
    return `Stopped because alarm ${names.join(', ')} went into ALARM.`;
  }
  if (code && ERROR_WORDS[code]) {
    return ERROR_WORDS[code];
  }
  return d.errorInformation?.message ?? `Failed with ${code}.`;
}
