export { PipelineGraph } from './PipelineGraph';
