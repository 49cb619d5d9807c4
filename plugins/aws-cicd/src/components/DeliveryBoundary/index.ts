export { DeliveryBoundary } from './DeliveryBoundary';
