import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AwsResourceRef } from '@liftoff/plugin-aws-cicd-common';
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
 * Builds the AWS SDK clients for a resource: credentials for its account
 * (from `aws.*` through integration-aws-node), its region, and the configured
 * endpoint. Clients are reused per service, account and region, so their
 * connections are kept alive across requests.
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
  /** Endpoint per service; AWS's own when absent. */
  endpoints?: Partial<Record<AwsService, string>>;
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
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const service of SERVICES) {
    const endpoint =
      config.getOptionalString(`awsCicd.endpoints.${service}`) ?? common;
    if (endpoint) {
      endpoints[service] = endpoint;
    }
  }
  return {
    endpoints,
    maxAttempts: config.getOptionalNumber('awsCicd.client.maxAttempts'),
    requestTimeoutMs: config.getOptionalNumber(
      'awsCicd.client.requestTimeoutMs',
    ),
    maxSockets: config.getOptionalNumber('awsCicd.client.maxSockets'),
  };
}

/**
 * The default {@link AwsClientFactory}.
 * @public
 */
export class DefaultAwsClientFactory implements AwsClientFactory {
  private readonly clients = new Map<string, Promise<unknown>>();
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

  codePipeline(ref: AwsResourceRef) {
    return this.client('codepipeline', CodePipelineClient, ref);
  }

  codeDeploy(ref: AwsResourceRef) {
    return this.client('codedeploy', CodeDeployClient, ref);
  }

  codeBuild(ref: AwsResourceRef) {
    return this.client('codebuild', CodeBuildClient, ref);
  }

  cloudWatch(ref: AwsResourceRef) {
    return this.client('cloudwatch', CloudWatchClient, ref);
  }

  private client<C extends ClientClass>(
    service: AwsService,
    Client: C,
    ref: AwsResourceRef,
  ): Promise<InstanceType<C>> {
    const key = `${service}|${ref.partition}|${ref.accountId}|${ref.region}`;
    let client = this.clients.get(key) as Promise<InstanceType<C>> | undefined;
    if (!client) {
      client = this.create(service, Client, ref);
      // A failure (e.g. an account with no credentials configured) is not kept.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  private async create<C extends ClientClass>(
    service: AwsService,
    Client: C,
    ref: AwsResourceRef,
  ): Promise<InstanceType<C>> {
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider({
        accountId: ref.accountId,
      });
    const userAgent: [string, string][] = [['liftoff-aws-cicd', '0.1']];
    if (this.options.userAgent) {
      userAgent.push([this.options.userAgent, '']);
    }
    return new Client({
      region: ref.region,
      credentials: sdkCredentialProvider,
      endpoint: this.options.endpoints?.[service],
      maxAttempts: this.options.maxAttempts ?? 3,
      requestHandler: this.requestHandler,
      customUserAgent: userAgent,
    }) as InstanceType<C>;
  }
}
