import type {
  AssumeRoleResponse,
  GetCallerIdentityResponse,
} from '@aws-sdk/client-sts';
import { AwsError } from '../errors';
import { InputDialect } from '../protocol/input';
import { ServiceDefinition } from '../protocol/service';
import { parseRoleArn } from '../sim/identity';
import { Simulation } from '../sim/simulation';

type Output<T> = Omit<T, '$metadata'>;

const lowerFirst = (path: string) =>
  path.replace(
    /(^|\.)([A-Z])/g,
    (_, dot: string, c: string) => dot + c.toLowerCase(),
  );

/** STS names members in camel case in its validation messages (`Value null at 'roleSessionName'`). */
const stsDialect: InputDialect = {
  missing: path =>
    new AwsError(
      'ValidationError',
      `1 validation error detected: Value null at '${lowerFirst(path)}' failed to satisfy constraint: Member must not be null`,
    ),
  invalid: (path, constraint, value) =>
    new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${String(value)}' at '${lowerFirst(path)}' failed to satisfy constraint: ${constraint}`,
    ),
  malformed: (path, expected) =>
    new AwsError('MalformedInput', `${lowerFirst(path)} must be ${expected}`),
};

// The model's constraints (sts-2011-06-15).
const ROLE_SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * STS (AWS query protocol, version 2011-06-15): who am I, and AssumeRole. A role session's calls act as the role,
 * in the role's account; the call log names the role of every call made with its keys.
 */
export function stsService(sim: Simulation): ServiceDefinition {
  return {
    name: 'STS',
    protocol: 'query',
    version: '2011-06-15',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    signingName: 'sts',
    dialect: stsDialect,
    errors: {
      accessDenied: { code: 'AccessDenied' },
      throttling: { code: 'Throttling' },
    },
    operations: {
      GetCallerIdentity(_input, ctx): Output<GetCallerIdentityResponse> {
        return {
          UserId: ctx.caller.userId,
          Account: ctx.caller.account,
          Arn: ctx.caller.arn,
        };
      },

      AssumeRole(input, ctx): Output<AssumeRoleResponse> {
        const roleArn = input.string('RoleArn', {
          required: true,
          min: 20,
          max: 2048,
        });
        const sessionName = input.string('RoleSessionName', {
          required: true,
          min: 2,
          max: 64,
          pattern: ROLE_SESSION_NAME,
        });
        const durationSeconds =
          input.number('DurationSeconds', { min: 900, max: 43200 }) ?? 3600;
        input.string('ExternalId', { min: 2, max: 1224, pattern: EXTERNAL_ID });
        input.string('Policy', { min: 1, max: 2048 });
        const tags = input.objectList('Tags', { max: 50 }) ?? [];
        for (const tag of tags) {
          tag.string('Key', {
            required: true,
            min: 1,
            max: 128,
            pattern: TAG_KEY,
          });
          tag.string('Value', {
            required: true,
            min: 0,
            max: 256,
            pattern: TAG_VALUE,
          });
        }
        if (!parseRoleArn(roleArn))
          throw new AwsError(
            'ValidationError',
            `${roleArn} is invalid: a role ARN is arn:<partition>:iam::<12-digit account>:role/<path/><name>`,
          );
        if (durationSeconds > 3600)
          // Roles have a MaxSessionDuration of one hour unless raised; the emulator's roles keep the default.
          throw new AwsError(
            'ValidationError',
            'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
          );
        ctx.authorize('sts:AssumeRole', roleArn);
        const session = sim.identities.assumeRole({
          roleArn,
          sessionName,
          durationSeconds,
          now: new Date(),
        });
        return {
          Credentials: {
            AccessKeyId: session.accessKeyId,
            SecretAccessKey: session.secretAccessKey,
            SessionToken: session.sessionToken,
            Expiration: session.expiration,
          },
          AssumedRoleUser: {
            AssumedRoleId: session.caller.userId,
            Arn: session.caller.arn,
          },
          PackedPolicySize: tags.length > 0 ? 1 + tags.length : undefined,
        };
      },
    },
  };
}
