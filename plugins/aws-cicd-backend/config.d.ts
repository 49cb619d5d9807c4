import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Liftoff AWS CI/CD plugins (endpoints and client settings: see @liftoff/plugin-aws-cicd-node). */
  awsCicd?: {
    /**
     * How long the backend cache service keeps what was read from AWS. The
     * cache is the backend's (`backend.cache`: memory by default, Redis or
     * another shared store for several replicas). Each value is milliseconds
     * or a duration such as `{ seconds: 5 }`.
     */
    cache?: {
      /**
       * Live state while something runs (a stage, an approval, a deployment,
       * a build, an alarm in ALARM). Default 5 seconds.
       * @visibility backend
       */
      inProgressTtl?: number | HumanDuration;
      /**
       * Live state while everything is idle. Default 60 seconds.
       * @visibility backend
       */
      idleTtl?: number | HumanDuration;
      /**
       * Definitions: pipeline structure, deployment group settings, deployment
       * configurations. Default 10 minutes.
       * @visibility backend
       */
      definitionTtl?: number | HumanDuration;
      /**
       * History that no longer changes (older execution pages, finished
       * action executions and builds). Default 60 minutes.
       * @visibility backend
       */
      finishedTtl?: number | HumanDuration;
      /**
       * AWS errors (not found, access denied, throttled, unavailable), so a
       * failing AWS is not asked again on every view. Timeouts are never
       * kept. 0 keeps none. Default 5 seconds.
       * @visibility backend
       */
      errorTtl?: number | HumanDuration;
    };
    /**
     * Time budget of one request. Sections that AWS has not delivered by then
     * carry a Timeout error (the rest of the page is shown); their AWS calls
     * are abandoned at the same budget. Default 8 seconds.
     * @visibility backend
     */
    requestBudget?: number | HumanDuration;
    /**
     * Concurrent calls per AWS API (e.g. CodePipeline.GetPipelineState) per
     * backend instance; further calls wait their turn. Default 10.
     * @visibility backend
     */
    maxConcurrentCallsPerApi?: number;
    /**
     * Deployments shown per deployment group (1-25). Default 10.
     * @visibility backend
     */
    recentDeployments?: number;
    /**
     * Builds shown per CodeBuild project, and the page size of the builds
     * route (1-100). Default 10.
     * @visibility backend
     */
    recentBuilds?: number;
  };
}
