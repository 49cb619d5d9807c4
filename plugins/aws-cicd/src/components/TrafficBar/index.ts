export { lambdaTrafficLabels, TrafficBar } from './TrafficBar';
export type { TrafficBarProps } from './TrafficBar';
