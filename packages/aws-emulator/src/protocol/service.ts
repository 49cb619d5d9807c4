import { Scope } from '../arn';
import { Caller } from '../sim/identity';
import { Input, InputDialect } from './input';

export type { Caller };

/** What a handler knows about the call besides its input. */
export interface RequestContext extends Scope {
  service: string;
  operation: string;
  requestId: string;
  accessKeyId?: string;
  caller: Caller;
  /** Throws AccessDenied when fault injection denies `arn`; `action` is the IAM action, e.g. `codepipeline:GetPipeline`. */
  authorize(action: string, arn: string): void;
}

/** A handler returns the output structure; timestamps as `Date` (the wire layer writes them as its protocol does). */
export type OperationHandler = (
  input: Input,
  ctx: RequestContext,
) => object | void;

interface ServiceBase {
  /** Name in the call log and in `counts()` keys: CodePipeline, CodeDeploy, CodeBuild, CloudWatch, STS. */
  name: string;
  /** IAM / SigV4 service name, e.g. `codepipeline`. */
  signingName: string;
  dialect: InputDialect;
  /** Codes for the cross-cutting errors as this service spells them. */
  errors: {
    accessDenied: { code: string; queryCode?: string };
    throttling: { code: string; queryCode?: string };
  };
  operations: Record<string, OperationHandler>;
}

/** A service on the AWS JSON protocols: `POST /` routed by `x-amz-target`. */
export interface JsonServiceDefinition extends ServiceBase {
  protocol: 'json';
  /** `x-amz-target` prefix, e.g. `CodePipeline_20150709`. */
  targetPrefix: string;
  jsonVersion: '1.0' | '1.1';
  /** CloudWatch: awsQueryCompatible, so errors also carry `x-amzn-query-error`. */
  queryCompatible: boolean;
}

/**
 * A service on the AWS query protocol: `POST /` with a form body (`Action=...&Version=...`), routed by the SigV4
 * credential scope's service name; XML answers.
 */
export interface QueryServiceDefinition extends ServiceBase {
  protocol: 'query';
  /** The API version the form's `Version` names, e.g. `2011-06-15`. */
  version: string;
  /** The namespace of the XML answers, e.g. `https://sts.amazonaws.com/doc/2011-06-15/`. */
  xmlNamespace: string;
}

export type ServiceDefinition = JsonServiceDefinition | QueryServiceDefinition;
