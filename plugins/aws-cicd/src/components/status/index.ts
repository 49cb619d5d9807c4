export { statusOf, isActive } from './status';
export type { StatusInfo, StatusKind } from './status';
export { StatusLabel, StatusText } from './StatusLabel';
