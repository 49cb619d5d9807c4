import * as path from 'node:path';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { AlarmThresholds, BlueGreenWaits, Environment } from './config';
import { BlueGreenService } from './constructs/bluegreen-service';
import { DeploymentStrategy } from './deployment-config';

export interface ServiceStackProps extends StackProps {
  readonly serviceName: string;
  /** `staging` or `production`: the deployment group is `<serviceName>-<stage>`. */
  readonly stage: string;
  readonly alarms: AlarmThresholds;
  readonly blueGreen: BlueGreenWaits;
  /** Where the pipeline pushes the images: the repository named after the service in this environment. */
  readonly imageRepository: Environment;
  /**
   * Availability zones of the VPC, spelled out so that synth needs no lookup.
   * @default - `<region>a` and `<region>b`
   */
  readonly availabilityZones?: string[];
}

/** The service in one account: VPC, ALB with production and test listeners, Fargate, CodeDeploy blue/green. */
export class ServiceStack extends Stack {
  public readonly vpc: ec2.Vpc;
  public readonly service: BlueGreenService;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.zones = props.availabilityZones ?? [`${this.region}a`, `${this.region}b`];
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: this.zones,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.REJECT } },
    });
    // The hook reaches the internet-facing load balancer through the NAT gateway, so its test
    // listener opens to the NAT gateway's Elastic IP only.
    const natAddresses = this.vpc.publicSubnets
      .map(subnet => subnet.node.tryFindChild('EIP'))
      .filter((eip): eip is ec2.CfnEIP => eip instanceof ec2.CfnEIP)
      .map(eip => eip.attrPublicIp);

    const { account, region } = props.imageRepository;
    const repository = ecr.Repository.fromRepositoryAttributes(this, 'ImageRepository', {
      repositoryName: props.serviceName,
      repositoryArn: `arn:aws:ecr:${region}:${account}:repository/${props.serviceName}`,
    });

    this.service = new BlueGreenService(this, 'Service', {
      vpc: this.vpc,
      repository,
      // The Build stage pushes every image as `latest` too; CodeDeploy deploys the commit tags.
      initialTag: 'latest',
      deploymentConfig: new DeploymentStrategy(this, 'DeploymentStrategy').config,
      applicationName: props.serviceName,
      deploymentGroupName: `${props.serviceName}-${props.stage}`,
      testTrafficHook: path.join(__dirname, '..', 'src', 'hooks', 'after-allow-test-traffic.ts'),
      hookSourceAddresses: natAddresses,
      approvalWaitMinutes: props.blueGreen.approvalWaitMinutes,
      terminationWaitMinutes: props.blueGreen.terminationWaitMinutes,
      alarms: props.alarms,
      environment: { SERVICE_NAME: props.serviceName, STAGE: props.stage },
    });

    const svc = this.service;
    new CfnOutput(this, 'ServiceUrl', {
      value: `http://${svc.loadBalancer.loadBalancerDnsName}/`,
      description: 'Base URL of the service (production listener)',
    });
    new CfnOutput(this, 'DeploymentGroupName', { value: svc.deploymentGroup.deploymentGroupName });
    // What the pipeline's CodeDeployToECS action needs, written to taskdef.json and appspec.yaml by
    // buildspec-deploy.yml. <IMAGE1_NAME> and <TASK_DEFINITION> are CodePipeline's placeholders.
    new CfnOutput(this, 'TaskDefinitionTemplate', {
      value: this.toJsonString({
        family: svc.taskDefinition.family,
        executionRoleArn: svc.taskDefinition.obtainExecutionRole().roleArn,
        taskRoleArn: svc.taskDefinition.taskRole.roleArn,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: svc.container.containerName,
            image: '<IMAGE1_NAME>',
            essential: true,
            portMappings: [{ containerPort: svc.container.containerPort, protocol: 'tcp' }],
            environment: [
              { name: 'SERVICE_NAME', value: props.serviceName },
              { name: 'STAGE', value: props.stage },
            ],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': svc.logGroup.logGroupName,
                'awslogs-region': this.region,
                'awslogs-stream-prefix': 'web',
              },
            },
          },
        ],
      }),
    });
    new CfnOutput(this, 'AppSpecTemplate', {
      value: this.toJsonString({
        version: 0.0,
        Resources: [
          {
            TargetService: {
              Type: 'AWS::ECS::Service',
              Properties: {
                TaskDefinition: '<TASK_DEFINITION>',
                LoadBalancerInfo: { ContainerName: svc.container.containerName, ContainerPort: svc.container.containerPort },
              },
            },
          },
        ],
        Hooks: [{ AfterAllowTestTraffic: svc.testTrafficHook.functionName }],
      }),
    });
  }

  /** The zones are given, so that `cdk synth` needs no lookup (and no credentials). */
  get availabilityZones(): string[] {
    return this.zones;
  }
}
