export {
  DeploymentGroupPanel,
  DeploymentDetails,
  deploymentStatusLabel,
} from './DeploymentGroupPanel';
export { deploymentErrorInWords } from './words';
