import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bundledCode, NODE_RUNTIME } from './bundled-code';
import { acknowledge, managedPolicy, nagArn } from './nag';

/** Thresholds of the alarms that roll a deployment back. */
export interface BlueGreenAlarmThresholds {
  /**
   * HTTP 5xx responses (targets and load balancer) in one minute.
   * @default 5
   */
  readonly http5xx?: number;
  /**
   * Unhealthy tasks in a target group, two minutes in a row.
   * @default 1
   */
  readonly unhealthyHosts?: number;
}

export interface BlueGreenServiceProps {
  readonly vpc: ec2.IVpc;
  /** The image repository and the tag the first task definition runs; CodeDeploy deploys the later ones. */
  readonly repository: ecr.IRepository;
  readonly initialTag: string;
  /** How CodeDeploy shifts traffic from blue to green. */
  readonly deploymentConfig: codedeploy.IEcsDeploymentConfig;
  /** CodeDeploy application and deployment group names (they appear in catalog-info.yaml). */
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  /** The AfterAllowTestTraffic hook, a TypeScript file exporting `handler`. */
  readonly testTrafficHook: string;
  /** Addresses the hook reaches the load balancer from (the NAT gateways' Elastic IPs). */
  readonly hookSourceAddresses: string[];
  /**
   * Port of the production listener.
   * @default 80
   */
  readonly productionPort?: number;
  /**
   * Port of the test listener.
   * @default 9000
   */
  readonly testPort?: number;
  /**
   * Port the container listens on.
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * Tasks to run.
   * @default 2
   */
  readonly desiredCount?: number;
  /**
   * Minutes green waits on the test listener before traffic shifts (0 = shift at once).
   * @default 0
   */
  readonly approvalWaitMinutes?: number;
  /**
   * Minutes blue keeps running after the shift.
   * @default 5
   */
  readonly terminationWaitMinutes?: number;
  /**
   * Alarm thresholds.
   * @default - the defaults of each threshold
   */
  readonly alarms?: BlueGreenAlarmThresholds;
  /**
   * Environment of the container.
   * @default - none
   */
  readonly environment?: Record<string, string>;
}

/**
 * A Fargate service behind an Application Load Balancer, released by
 * CodeDeploy blue/green: a production listener, a test listener that
 * reaches the new tasks first, two target groups, alarms that roll back, and
 * an AfterAllowTestTraffic hook that smoke-tests the test listener.
 */
export class BlueGreenService extends Construct {
  public readonly cluster: ecs.Cluster;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;
  public readonly service: ecs.FargateService;
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly productionListener: elbv2.ApplicationListener;
  public readonly testListener: elbv2.ApplicationListener;
  public readonly blueTargetGroup: elbv2.ApplicationTargetGroup;
  public readonly greenTargetGroup: elbv2.ApplicationTargetGroup;
  public readonly alarms: cloudwatch.Alarm[];
  public readonly testTrafficHook: lambda.Function;
  public readonly application: codedeploy.EcsApplication;
  public readonly deploymentGroup: codedeploy.EcsDeploymentGroup;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BlueGreenServiceProps) {
    super(scope, id);
    const productionPort = props.productionPort ?? 80;
    const testPort = props.testPort ?? 9000;
    const containerPort = props.containerPort ?? 8080;
    const thresholds = { http5xx: 5, unhealthyHosts: 1, ...props.alarms };

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    this.container = this.taskDefinition.addContainer('web', {
      image: ecs.ContainerImage.fromEcrRepository(props.repository, props.initialTag),
      portMappings: [{ containerPort }],
      environment: props.environment,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'web' }),
      healthCheck: {
        command: ['CMD-SHELL', `wget -q -O- http://127.0.0.1:${containerPort}/health || exit 1`],
        interval: Duration.seconds(15),
      },
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(accessLogs, 'This bucket holds the load balancer access logs; logging access to the logs would recurse.', 'S1');

    const albSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: props.vpc,
      description: 'Production listener open to the internet; test listener only to the hook',
      allowAllOutbound: false,
    });
    albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(productionPort), 'Production listener');
    for (const address of props.hookSourceAddresses) {
      albSecurityGroup.addIngressRule(ec2.Peer.ipv4(`${address}/32`), ec2.Port.tcp(testPort), 'Test listener, from the NAT gateway the hook uses');
    }
    acknowledge(albSecurityGroup, 'The production listener of a public HTTP service is open to the internet by design; the test listener is not.', 'EC23');

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      securityGroup: albSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.logAccessLogs(accessLogs);

    const targetGroup = (name: string) =>
      new elbv2.ApplicationTargetGroup(this, name, {
        vpc: props.vpc,
        port: containerPort,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targetType: elbv2.TargetType.IP,
        healthCheck: { path: '/health', interval: Duration.seconds(15), healthyThresholdCount: 2 },
        deregistrationDelay: Duration.seconds(30),
      });
    this.blueTargetGroup = targetGroup('BlueTargetGroup');
    this.greenTargetGroup = targetGroup('GreenTargetGroup');
    this.productionListener = this.loadBalancer.addListener('ProductionListener', {
      port: productionPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultTargetGroups: [this.blueTargetGroup],
    });
    // Between deployments green is empty; during one, CodeDeploy points the test listener at the new tasks.
    this.testListener = this.loadBalancer.addListener('TestListener', {
      port: testPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultTargetGroups: [this.greenTargetGroup],
    });
    acknowledge(
      this.loadBalancer,
      'HTTP only: attach an ACM certificate and an HTTPS listener once the service has a domain name.',
      'ELB1',
    );

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.desiredCount ?? 2,
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
      // CodeDeploy starts the whole green task set before shifting traffic.
      minHealthyPercent: 100,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      healthCheckGracePeriod: Duration.seconds(60),
    });
    this.service.attachToApplicationTargetGroup(this.blueTargetGroup);
    this.service.connections.allowFrom(this.loadBalancer, ec2.Port.tcp(containerPort), 'From the load balancer');

    const minute = Duration.minutes(1);
    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, evaluationPeriods: number, description: string) =>
      new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods,
        datapointsToAlarm: evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `${description} Rolls back a deployment in progress.`,
      });
    const http5xx = new cloudwatch.MathExpression({
      label: 'HTTP 5xx',
      expression: 'FILL(target5xx, 0) + FILL(elb5xx, 0)',
      usingMetrics: {
        target5xx: this.loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: minute, statistic: 'Sum' }),
        elb5xx: this.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: minute, statistic: 'Sum' }),
      },
      period: minute,
    });
    this.alarms = [
      alarm('Http5xxAlarm', http5xx, thresholds.http5xx, 1, `${thresholds.http5xx} or more HTTP 5xx responses in a minute.`),
      alarm('BlueUnhealthyHostsAlarm', this.blueTargetGroup.metrics.unhealthyHostCount({ period: minute, statistic: 'Maximum' }),
        thresholds.unhealthyHosts, 2, `${thresholds.unhealthyHosts} or more unhealthy tasks in the blue target group for 2 minutes.`),
      alarm('GreenUnhealthyHostsAlarm', this.greenTargetGroup.metrics.unhealthyHostCount({ period: minute, statistic: 'Maximum' }),
        thresholds.unhealthyHosts, 2, `${thresholds.unhealthyHosts} or more unhealthy tasks in the green target group for 2 minutes.`),
    ];

    this.application = new codedeploy.EcsApplication(this, 'Application', { applicationName: props.applicationName });
    this.deploymentGroup = new codedeploy.EcsDeploymentGroup(this, 'DeploymentGroup', {
      application: this.application,
      deploymentGroupName: props.deploymentGroupName,
      service: this.service,
      deploymentConfig: props.deploymentConfig,
      blueGreenDeploymentConfig: {
        blueTargetGroup: this.blueTargetGroup,
        greenTargetGroup: this.greenTargetGroup,
        listener: this.productionListener,
        testListener: this.testListener,
        // "Ready wait": with a wait, green stays on the test listener until someone continues the deployment.
        ...(props.approvalWaitMinutes ? { deploymentApprovalWaitTime: Duration.minutes(props.approvalWaitMinutes) } : {}),
        // "Drain blue": how long the old tasks stay up after the shift.
        terminationWaitTime: Duration.minutes(props.terminationWaitMinutes ?? 5),
      },
      alarms: this.alarms,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });

    // AfterAllowTestTraffic: GET /health on the test listener, which only green answers.
    this.testTrafficHook = new lambda.Function(this, 'TestTrafficHook', {
      runtime: NODE_RUNTIME,
      handler: 'index.handler',
      code: bundledCode(props.testTrafficHook),
      timeout: Duration.minutes(1),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [
        new ec2.SecurityGroup(this, 'TestTrafficHookSecurityGroup', {
          vpc: props.vpc,
          description: 'AfterAllowTestTraffic hook: out to the test listener and the CodeDeploy API only',
          allowAllOutbound: false,
        }),
      ],
      environment: { TEST_URL: `http://${this.loadBalancer.loadBalancerDnsName}:${testPort}/` },
      logGroup: new logs.LogGroup(this, 'TestTrafficHookLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.testTrafficHook.connections.allowToAnyIpv4(ec2.Port.tcp(testPort), 'The test listener, through the NAT gateway');
    this.testTrafficHook.connections.allowToAnyIpv4(ec2.Port.tcp(443), 'CodeDeploy API (PutLifecycleEventHookExecutionStatus)');
    this.testTrafficHook.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['codedeploy:PutLifecycleEventHookExecutionStatus'],
        resources: [this.deploymentGroup.deploymentGroupArn],
      }),
    );
    this.testTrafficHook.grantInvoke(this.deploymentGroup.role);

    acknowledge(
      this.testTrafficHook,
      'AWSLambdaBasicExecutionRole / AWSLambdaVPCAccessExecutionRole are the AWS-managed minimum for a Lambda function in a VPC.',
      managedPolicy('service-role/AWSLambdaBasicExecutionRole'),
      managedPolicy('service-role/AWSLambdaVPCAccessExecutionRole'),
    );
    acknowledge(
      this.deploymentGroup,
      "AWSCodeDeployRoleForECS is the AWS-managed role policy for ECS blue/green; the :* lets CodeDeploy invoke the hook's versions.",
      managedPolicy('AWSCodeDeployRoleForECS'),
      `IAM5[Resource::${nagArn(this.testTrafficHook)}:*]`,
    );
    acknowledge(
      this.taskDefinition,
      'ecr:GetAuthorizationToken has no resource-level permissions: AWS requires Resource "*" for it.',
      'IAM5[Resource::*]',
    );
    acknowledge(
      this.taskDefinition,
      'The environment holds the service name and stage, no secrets (secrets go through `secrets` from Secrets Manager).',
      'ECS2',
    );
  }
}
