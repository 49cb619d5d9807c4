export { AwsCicdContent } from './AwsCicdContent';
export { DeliveryBoundary } from './DeliveryBoundary';
