export { PipelinePanel, PipelineHistoryPanel } from './PipelinePanel';
