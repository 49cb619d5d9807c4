export {
  ApprovalButton,
  RetryStageButton,
  StartExecutionButton,
  StopExecutionButton,
  canStop,
} from './PipelineActions';
