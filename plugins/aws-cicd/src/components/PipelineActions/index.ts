export { ApprovalButton } from './ApprovalButton';
export { RetryStageButton } from './RetryStageButton';
export { StartExecutionButton } from './StartExecutionButton';
export { StopExecutionButton } from './StopExecutionButton';
export { canStop } from './canStop';
