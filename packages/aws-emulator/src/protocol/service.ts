import { Scope } from '../arn';
import { Input, InputDialect } from './input';

/** What a handler knows about the call besides its input. */
export interface RequestContext extends Scope {
  service: string;
  operation: string;
  requestId: string;
  accessKeyId?: string;
  /** Throws AccessDenied when fault injection denies `arn`; `action` is the IAM action, e.g. `codepipeline:GetPipeline`. */
  authorize(action: string, arn: string): void;
}

/** A handler returns the output structure; timestamps as `Date` (the wire layer writes epoch seconds). */
export type OperationHandler = (
  input: Input,
  ctx: RequestContext,
) => object | void;

/** One AWS service on the JSON protocols. */
export interface ServiceDefinition {
  /** Name in the call log and in `counts()` keys: CodePipeline, CodeDeploy, CodeBuild, CloudWatch. */
  name: string;
  /** `x-amz-target` prefix, e.g. `CodePipeline_20150709`. */
  targetPrefix: string;
  jsonVersion: '1.0' | '1.1';
  /** IAM / SigV4 service name, e.g. `codepipeline`. */
  signingName: string;
  /** CloudWatch: awsQueryCompatible, so errors also carry `x-amzn-query-error`. */
  queryCompatible: boolean;
  dialect: InputDialect;
  /** Codes for the cross-cutting errors as this service spells them. */
  errors: {
    accessDenied: { code: string; queryCode?: string };
    throttling: { code: string; queryCode?: string };
  };
  operations: Record<string, OperationHandler>;
}
