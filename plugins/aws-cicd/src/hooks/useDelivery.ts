import { useApi } from '@backstage/core-plugin-api';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import { awsCicdApiRef } from '../api';
import { PollingState, usePolling } from './usePolling';

/** Refresh interval while anything is in progress. */
export const FAST_REFRESH_MS = 5_000;
/** Refresh interval when everything is idle (and after an error). */
export const SLOW_REFRESH_MS = 30_000;

/**
 * The entity's delivery state, polled: every 5 s while anything is in
 * progress, every 30 s when idle, not at all while the browser tab is hidden.
 */
export function useDelivery(entityRef: string): PollingState<DeliveryResponse> {
  const api = useApi(awsCicdApiRef);
  return usePolling(
    entityRef,
    () => api.getDelivery(entityRef),
    value => (value?.inProgress ? FAST_REFRESH_MS : SLOW_REFRESH_MS),
  );
}
