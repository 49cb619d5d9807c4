import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  AwsResourceRef,
  parseAwsRoleArn,
} from '@liftoff/plugin-aws-cicd-common';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * The AWS services Liftoff talks to.
 * @public
 */
export type AwsService =
  'codepipeline' | 'codedeploy' | 'codebuild' | 'cloudwatch';

const SERVICES: AwsService[] = [
  'codepipeline',
  'codedeploy',
  'codebuild',
  'cloudwatch',
];

/**
 * The role session name Liftoff's calls carry when it assumes a role: what
 * CloudTrail shows as `assumed-role/<role>/liftoff-aws-cicd`.
 * @public
 */
export const LIFTOFF_ROLE_SESSION_NAME = 'liftoff-aws-cicd';

/**
 * Builds the AWS SDK clients for a resource: credentials for its account
 * (from `aws.*` through integration-aws-node), optionally a role assumed on
 * top of them, its region, and the configured endpoint. Clients are reused per
 * service, account, region and role, so their connections are kept alive
 * across requests.
 * @public
 */
export interface AwsClientFactory {
  codePipeline(
    ref: AwsResourceRef,
    options?: AwsClientOptions,
  ): Promise<CodePipelineClient>;
  codeDeploy(
    ref: AwsResourceRef,
    options?: AwsClientOptions,
  ): Promise<CodeDeployClient>;
  codeBuild(
    ref: AwsResourceRef,
    options?: AwsClientOptions,
  ): Promise<CodeBuildClient>;
  cloudWatch(
    ref: AwsResourceRef,
    options?: AwsClientOptions,
  ): Promise<CloudWatchClient>;
}

/**
 * Per-call options of {@link AwsClientFactory}: who the calls are made as.
 * @public
 */
export interface AwsClientOptions {
  /**
   * A role to assume for the calls (from the entity's
   * `aws.amazon.com/aws-role-arn` annotation or the account's default), on
   * top of the account's credentials from `aws.*`. Absent: the account's
   * credentials as they are.
   */
  roleArn?: string;
}

/** @public */
export interface AwsClientFactoryOptions {
  /** Endpoint per service (and for STS, where roles are assumed); AWS's own when absent. */
  endpoints?: Partial<Record<AwsService | 'sts', string>>;
  /**
   * The role to assume, per account id of the resource, when a call names
   * none (an entity without the role annotation).
   */
  defaultRoles?: Record<string, string>;
  /** Attempts per call (SDK standard retry mode). Default 3. */
  maxAttempts?: number;
  /** Milliseconds per attempt. Default 5000. */
  requestTimeoutMs?: number;
  /** Open connections per endpoint. Default 50. */
  maxSockets?: number;
  /** Extra user agent, e.g. `liftoff-aws-cicd-backend`. */
  userAgent?: string;
}

type ClientClass =
  | typeof CodePipelineClient
  | typeof CodeDeployClient
  | typeof CodeBuildClient
  | typeof CloudWatchClient;

/**
 * Reads the factory's options from `awsCicd.*` config.
 * @public
 */
export function readAwsClientFactoryOptions(
  config: Config,
): AwsClientFactoryOptions {
  const common = config.getOptionalString('awsCicd.endpoint');
  const endpoints: Partial<Record<AwsService | 'sts', string>> = {};
  for (const service of [...SERVICES, 'sts' as const]) {
    const endpoint =
      config.getOptionalString(`awsCicd.endpoints.${service}`) ?? common;
    if (endpoint) {
      endpoints[service] = endpoint;
    }
  }
  return {
    endpoints,
    defaultRoles: readDefaultRoles(config),
    maxAttempts: config.getOptionalNumber('awsCicd.client.maxAttempts'),
    requestTimeoutMs: config.getOptionalNumber(
      'awsCicd.client.requestTimeoutMs',
    ),
    maxSockets: config.getOptionalNumber('awsCicd.client.maxSockets'),
  };
}

function readDefaultRoles(config: Config): Record<string, string> {
  const roles: Record<string, string> = {};
  (config.getOptionalConfigArray('awsCicd.defaultRoles') ?? []).forEach(
    (entry, i) => {
      const key = `awsCicd.defaultRoles[${i}]`;
      const accountId = entry.getString('accountId');
      if (!/^\d{12}$/.test(accountId)) {
        throw new InputError(
          `Config ${key}.accountId '${accountId}' must be a 12-digit AWS account id`,
        );
      }
      if (roles[accountId]) {
        throw new InputError(
          `Config ${key} repeats the account ${accountId}: give each account one default role`,
        );
      }
      // Validated now, so a typo stops the backend at startup, not the first page view.
      roles[accountId] = parseAwsRoleArn(
        entry.getString('roleArn'),
        `Config ${key}.roleArn`,
      ).arn;
    },
  );
  return roles;
}

type CredentialProvider = ReturnType<typeof fromTemporaryCredentials>;
type Credentials = Awaited<ReturnType<CredentialProvider>>;

// Temporary credentials are renewed this long before they expire (the SDK's own margin).
const REFRESH_BEFORE_MS = 5 * 60 * 1000;

/**
 * One role session for the clients of every service: assumed once, renewed
 * before it expires, and a failed assumption is not kept (the next call tries
 * again).
 */
function shareSession(assume: CredentialProvider): CredentialProvider {
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  return async () => {
    if (
      current &&
      (!current.expiration ||
        current.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS)
    ) {
      return current;
    }
    pending ??= assume()
      .then(credentials => {
        current = credentials;
        return credentials;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/**
 * The default {@link AwsClientFactory}.
 * @public
 */
export class DefaultAwsClientFactory implements AwsClientFactory {
  private readonly clients = new Map<string, Promise<unknown>>();
  private readonly sessions = new Map<string, CredentialProvider>();
  private readonly requestHandler: NodeHttpHandler;

  static fromConfig(
    config: Config,
    options?: {
      credentialsManager?: AwsCredentialsManager;
      userAgent?: string;
    },
  ): DefaultAwsClientFactory {
    return new DefaultAwsClientFactory(
      options?.credentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(config),
      { ...readAwsClientFactoryOptions(config), userAgent: options?.userAgent },
    );
  }

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly options: AwsClientFactoryOptions = {},
  ) {
    const maxSockets = options.maxSockets ?? 50;
    // One handler, and so one pool of kept-alive connections, for every client.
    this.requestHandler = new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      connectionTimeout: 3000,
      requestTimeout: options.requestTimeoutMs ?? 5000,
    });
  }

  codePipeline(ref: AwsResourceRef, options?: AwsClientOptions) {
    return this.client('codepipeline', CodePipelineClient, ref, options);
  }

  codeDeploy(ref: AwsResourceRef, options?: AwsClientOptions) {
    return this.client('codedeploy', CodeDeployClient, ref, options);
  }

  codeBuild(ref: AwsResourceRef, options?: AwsClientOptions) {
    return this.client('codebuild', CodeBuildClient, ref, options);
  }

  cloudWatch(ref: AwsResourceRef, options?: AwsClientOptions) {
    return this.client('cloudwatch', CloudWatchClient, ref, options);
  }

  private client<C extends ClientClass>(
    service: AwsService,
    Client: C,
    ref: AwsResourceRef,
    options: AwsClientOptions | undefined,
  ): Promise<InstanceType<C>> {
    let roleArn: string | undefined;
    try {
      roleArn = this.roleFor(ref, options);
    } catch (e) {
      // Promised, like every other failure of the factory.
      return Promise.reject(e);
    }
    const key = `${service}|${ref.partition}|${ref.accountId}|${ref.region}|${roleArn ?? ''}`;
    let client = this.clients.get(key) as Promise<InstanceType<C>> | undefined;
    if (!client) {
      client = this.create(service, Client, ref, roleArn);
      // A failure (e.g. an account with no credentials configured, or a role
      // that cannot be assumed) is not kept.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  /** The call's role, else the account's default role, else none; checked before any AWS call. */
  private roleFor(
    ref: AwsResourceRef,
    options: AwsClientOptions | undefined,
  ): string | undefined {
    const value =
      options?.roleArn ?? this.options.defaultRoles?.[ref.accountId];
    if (value === undefined) {
      return undefined;
    }
    const role = parseAwsRoleArn(value);
    if (role.partition !== ref.partition) {
      throw new InputError(
        `The role ${role.arn} is in the partition '${role.partition}', but the resource ${ref.arn} is in '${ref.partition}': a role can only be assumed within its partition`,
      );
    }
    // The role's account may differ from the resource's: cross-account roles are how AWS shares access.
    return role.arn;
  }

  private userAgent(): [string, string][] {
    const userAgent: [string, string][] = [['liftoff-aws-cicd', '0.1']];
    if (this.options.userAgent) {
      userAgent.push([this.options.userAgent, '']);
    }
    return userAgent;
  }

  private async create<C extends ClientClass>(
    service: AwsService,
    Client: C,
    ref: AwsResourceRef,
    roleArn: string | undefined,
  ): Promise<InstanceType<C>> {
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider({
        accountId: ref.accountId,
      });
    let credentials: CredentialProvider = sdkCredentialProvider;
    if (roleArn) {
      credentials = this.session(ref, roleArn, sdkCredentialProvider);
      // Assume the role now, so a role that cannot be assumed fails this
      // client (which is then not kept) rather than each of its calls.
      await credentials();
    }
    return new Client({
      region: ref.region,
      credentials,
      endpoint: this.options.endpoints?.[service],
      maxAttempts: this.options.maxAttempts ?? 3,
      requestHandler: this.requestHandler,
      customUserAgent: this.userAgent(),
    }) as InstanceType<C>;
  }

  /** The role session for a role, assumed with the resource account's credentials, through STS in its region. */
  private session(
    ref: AwsResourceRef,
    roleArn: string,
    sourceCredentials: CredentialProvider,
  ): CredentialProvider {
    const key = `${ref.partition}|${ref.accountId}|${ref.region}|${roleArn}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = shareSession(
        fromTemporaryCredentials({
          masterCredentials: sourceCredentials,
          params: {
            RoleArn: roleArn,
            RoleSessionName: LIFTOFF_ROLE_SESSION_NAME,
          },
          clientConfig: {
            region: ref.region,
            endpoint: this.options.endpoints?.sts,
            maxAttempts: this.options.maxAttempts ?? 3,
            requestHandler: this.requestHandler,
            customUserAgent: this.userAgent(),
          },
        }),
      );
      this.sessions.set(key, session);
    }
    return session;
  }
}
