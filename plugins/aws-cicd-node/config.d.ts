export interface Config {
  /** Liftoff AWS CI/CD plugins. */
  awsCicd?: {
    /**
     * An endpoint that replaces AWS's own for CodePipeline, CodeBuild,
     * CodeDeploy and CloudWatch, e.g. the local emulator
     * (http://localhost:4599). Credentials still come from the `aws.*` keys.
     * @visibility backend
     */
    endpoint?: string;
    /**
     * Per-service endpoints; each wins over `endpoint`.
     * @visibility backend
     */
    endpoints?: {
      /** @visibility backend */
      codepipeline?: string;
      /** @visibility backend */
      codedeploy?: string;
      /** @visibility backend */
      codebuild?: string;
      /** @visibility backend */
      cloudwatch?: string;
      /**
       * STS, where the roles of `defaultRoles` and of the
       * `aws.amazon.com/aws-role-arn` annotation are assumed.
       * @visibility backend
       */
      sts?: string;
    };
    /**
     * The role Liftoff assumes for the resources of an account when their
     * entity has no `aws.amazon.com/aws-role-arn` annotation (the annotation
     * wins). The role is assumed with the account's credentials from `aws.*`
     * (session name `liftoff-aws-cicd`); it may live in another account
     * (a cross-account role). For a role every Backstage plugin should use,
     * set `aws.accounts[].roleName` instead; this one is Liftoff's alone.
     * @visibility backend
     */
    defaultRoles?: Array<{
      /**
       * The 12-digit account id of the resources.
       * @visibility backend
       */
      accountId: string;
      /**
       * `arn:aws:iam::<account-id>:role/<role-name>`
       * @visibility backend
       */
      roleArn: string;
    }>;
    /** How the AWS SDK clients behave. */
    client?: {
      /**
       * Attempts per AWS call, with the SDK's standard backoff (longer on
       * throttling). Default 3.
       * @visibility backend
       */
      maxAttempts?: number;
      /**
       * Milliseconds before one attempt of an AWS call is abandoned. Default 5000.
       * @visibility backend
       */
      requestTimeoutMs?: number;
      /**
       * Open connections per AWS service endpoint (connections are kept alive
       * and reused). Default 50.
       * @visibility backend
       */
      maxSockets?: number;
    };
  };
}
