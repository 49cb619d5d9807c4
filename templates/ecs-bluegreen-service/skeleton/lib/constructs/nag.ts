import { CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag AwsSolutions findings on a construct and everything in
 * it, with the reason written next to the code that causes them.
 * `ids` are rule ids (`APIG4`) or rule ids with a finding
 * (`IAM5[Resource::<Bucket.Arn>/*]`), as the synth error names them.
 */
export function acknowledge(scope: IConstruct, reason: string, ...ids: string[]): void {
  Validations.of(scope).acknowledge(...ids.map(id => ({ id: `AwsSolutions::AwsSolutions-${id}`, reason })));
}

/** How cdk-nag spells a resource's logical id inside a finding: `<LogicalId>`. */
export function nagRef(resource: IConstruct): string {
  const element = (resource.node.defaultChild ?? resource) as CfnElement;
  return `<${Stack.of(element).resolve(element.logicalId)}>`;
}

/** How cdk-nag spells `Fn::GetAtt [LogicalId, Arn]` inside a finding. */
export function nagArn(resource: IConstruct): string {
  return nagRef(resource).replace(/>$/, '.Arn>');
}

/** How cdk-nag spells the start of an ARN of this stack's account and region. */
export function nagArnPrefix(scope: IConstruct, service: string): string {
  const stack = Stack.of(scope);
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  return `arn:${partition}:${service}:${stack.region}:${stack.account}`;
}

/** The IAM4 finding of an AWS managed policy. */
export function managedPolicy(name: string): string {
  return `IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`;
}
