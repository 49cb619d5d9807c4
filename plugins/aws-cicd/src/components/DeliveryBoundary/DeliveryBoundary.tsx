import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DeliveryResponse,
  hasAwsCicdAnnotations,
  readAwsCicdTargets,
} from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useMemo } from 'react';
import {
  DeliveryContextProvider,
  useAwsCicdPermissions,
  useDelivery,
} from '../../hooks';
import { errorMessage } from '../../lib/errors';
import { formatDuration } from '../../lib/format';
import { AnnotationsSummary } from '../AnnotationsSummary';
import { LiveStatus } from '../LiveStatus';

function annotationsUsable(
  entity: Parameters<typeof hasAwsCicdAnnotations>[0],
) {
  if (!hasAwsCicdAnnotations(entity)) return false;
  try {
    readAwsCicdTargets(entity);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads the entity's delivery state (polled) and renders `children` with it.
 * Missing or invalid annotations show what to add instead; a failed first
 * load shows the error; a failed refresh keeps the last data and says so.
 */
export function DeliveryBoundary(props: {
  children: (value: DeliveryResponse) => ReactNode;
  /** Compact: for cards (no "updated" row when fine). */
  compact?: boolean;
}) {
  const { entity } = useEntity();
  const usable = annotationsUsable(entity);
  if (!usable) {
    return <AnnotationsSummary />;
  }
  return (
    <Loaded entityRef={stringifyEntityRef(entity)} compact={props.compact}>
      {props.children}
    </Loaded>
  );
}

function Loaded(props: {
  entityRef: string;
  compact?: boolean;
  children: (value: DeliveryResponse) => ReactNode;
}) {
  const { entityRef } = props;
  const state = useDelivery(entityRef);
  const permissions = useAwsCicdPermissions(entityRef);
  const { refresh, updatedAt } = state;
  const context = useMemo(
    () => ({ entityRef, refresh, updatedAt, permissions }),
    [entityRef, refresh, updatedAt, permissions],
  );

  if (!state.value) {
    if (state.error) {
      return (
        <ResponseErrorPanel
          title="Could not load the CI/CD status"
          error={state.error}
        />
      );
    }
    return <Progress />;
  }

  return (
    <DeliveryContextProvider value={context}>
      <Box
        display="flex"
        justifyContent="flex-end"
        flexWrap="wrap"
        mb={props.compact ? 0 : 1}
      >
        <LiveStatus
          value={state.value}
          updatedAt={state.updatedAt}
          loading={state.loading}
          error={state.error}
          onRefresh={() => {
            refresh();
          }}
        />
      </Box>
      {state.error && (
        <Box mb={2}>
          <Alert severity="warning">
            Could not refresh: {errorMessage(state.error)}. Showing what was
            read{' '}
            {updatedAt
              ? `${formatDuration(
                  Math.floor((Date.now() - updatedAt) / 1000),
                )} ago`
              : 'earlier'}
            ; trying again shortly.
          </Alert>
        </Box>
      )}
      {props.children(state.value)}
    </DeliveryContextProvider>
  );
}
