export { DeploymentGroupPanel } from './DeploymentGroupPanel';
export { DeploymentDetails } from './DeploymentDetails';
export { deploymentErrorInWords, deploymentStatusLabel } from './words';
export { splitTaskSets } from './taskSets';
