export { LiveStatus } from './LiveStatus';
export { milestones } from './milestones';
