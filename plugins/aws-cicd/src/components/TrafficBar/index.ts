export { TrafficBar } from './TrafficBar';
export type { TrafficBarProps } from './TrafficBar';
