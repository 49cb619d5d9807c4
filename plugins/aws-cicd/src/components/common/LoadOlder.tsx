import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import { useCallback, useState } from 'react';

/**
 * Loading the next (older) page of a list: runs `load`, with its progress
 * and its error. Only one load at a time.
 */
export function useLoadOlder(load: () => Promise<void>) {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();
  const run = useCallback(async () => {
    setLoading(true);
    setError(undefined);
    try {
      await load();
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [load]);
  return { loading, error, run };
}

/**
 * The foot of a paged list: why the last older page failed, and the button
 * for the next one while there is one.
 */
export function LoadOlder(props: {
  /** What the list holds, plural ("builds"). */
  what: string;
  hasMore: boolean;
  state: ReturnType<typeof useLoadOlder>;
}) {
  const { what, hasMore, state } = props;
  return (
    <>
      {state.error && (
        <ResponseErrorPanel
          title={`Could not load older ${what}`}
          error={state.error}
        />
      )}
      {hasMore && (
        <Box mt={1}>
          <Button
            variant="outlined"
            size="small"
            onClick={state.run}
            disabled={state.loading}
          >
            {state.loading && (
              <CircularProgress size={14} aria-label="Loading" />
            )}
            &nbsp;Load older {what}
          </Button>
        </Box>
      )}
    </>
  );
}
