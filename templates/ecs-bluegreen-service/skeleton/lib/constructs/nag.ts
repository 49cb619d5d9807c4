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

/**
 * How cdk-nag spells `value` (an ARN, a name) in a finding on a resource of
 * `scope`'s stack. The same token resolves differently per stack: a bucket's
 * ARN is `<Bucket.Arn>` in its own stack, but a literal ARN with its
 * generated physical name in a stack of another account or region.
 */
export function nagValue(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

/** cdk-nag's flattening of a resolved CloudFormation value (its `flattenCfnReference`, which it does not export). */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const fn = node as Record<string, unknown>;
  if (fn['Fn::Join']) {
    const [delimiter, items] = fn['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (fn['Fn::Sub']) return flatten(fn['Fn::Sub']);
  if (fn['Fn::GetAtt']) {
    const [resource, attribute] = fn['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (fn['Fn::ImportValue']) return flatten(fn['Fn::ImportValue']);
  if (fn.Ref) return `<${flatten(fn.Ref)}>`;
  return JSON.stringify(node);
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
