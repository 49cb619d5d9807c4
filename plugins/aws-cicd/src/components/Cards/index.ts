export { PipelineCard } from './PipelineCard';
export { DeploymentCard } from './DeploymentCard';
