export { usePolling } from './usePolling';
export type { PollingState } from './usePolling';
export { useDelivery, FAST_REFRESH_MS, SLOW_REFRESH_MS } from './useDelivery';
export { useTicker, useCountdown, useElapsed } from './useTicker';
export { useAwsCicdPermissions } from './useAwsCicdPermissions';
export type { AwsCicdPermissions } from './useAwsCicdPermissions';
export { DeliveryContextProvider, useDeliveryContext } from './DeliveryContext';
export type { DeliveryContextValue } from './DeliveryContext';
