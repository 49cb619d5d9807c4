export {
  createDeploymentStrategyResolveAction,
  DEPLOYMENT_STRATEGY_RESOLVE_ACTION_ID,
} from './deploymentStrategy';
export {
  createCodePipelineStartAction,
  CODEPIPELINE_START_ACTION_ID,
} from './codepipelineStart';
export {
  createCodePipelineWaitAction,
  CODEPIPELINE_WAIT_ACTION_ID,
  type WaitClock,
} from './codepipelineWait';
export {
  createGitPublishLocalAction,
  GIT_PUBLISH_LOCAL_ACTION_ID,
  resolveLocalGitDirectory,
  type CatalogAccess,
} from './gitPublishLocal';
export {
  createCatalogAnnotateAction,
  CATALOG_ANNOTATE_ACTION_ID,
} from './catalogAnnotate';
