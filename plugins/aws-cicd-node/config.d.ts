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
    };
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
