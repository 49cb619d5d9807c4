export { ActionButton } from './ActionButton';
export type { ActionButtonProps, ActionChoice } from './ActionButton';
