import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import { shortId } from '../../lib/format';
import { ActionButton } from '../ActionButton';

function newToken(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) {
    return c.randomUUID();
  }
  return `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Start a new execution with the latest source ("Release change"). */
export function StartExecutionButton(props: { pipelineName: string }) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  // One token per dialog: pressing twice does not start twice.
  const [token, setToken] = useState(newToken);
  return (
    <ActionButton
      label="Release change"
      title={`Release the latest change through ${props.pipelineName}?`}
      onOpen={() => setToken(newToken())}
      choices={[
        {
          label: 'Release change',
          run: async () => {
            const res = await api.startExecution(
              entityRef,
              props.pipelineName,
              { clientRequestToken: token },
            );
            return `Started execution ${shortId(res.pipelineExecutionId)}.`;
          },
        },
      ]}
    >
      <Typography variant="body2">
        Starts a new execution with the most recent revision of each source. In
        SUPERSEDED mode it may overtake an execution that is running.
      </Typography>
    </ActionButton>
  );
}
