import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useId, useState } from 'react';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import { shortId } from '../../lib/format';
import { ActionButton } from '../ActionButton';

/** Stop the running execution: let actions finish, or abandon them. */
export function StopExecutionButton(props: {
  pipelineName: string;
  executionId: string;
}) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const stop = (abandon: boolean) => async () => {
    await api.stopExecution(entityRef, props.pipelineName, props.executionId, {
      abandon,
      reason: reason.trim() || undefined,
    });
    return abandon
      ? `Stopping execution ${shortId(props.executionId)}; running actions are abandoned.`
      : `Stopping execution ${shortId(props.executionId)} once its running actions finish.`;
  };
  return (
    <ActionButton
      label="Stop execution"
      destructive
      title={`Stop execution ${shortId(props.executionId)} of ${props.pipelineName}?`}
      onOpen={() => setReason('')}
      choices={[
        { label: 'Stop and wait', run: stop(false) },
        { label: 'Stop and abandon', destructive: true, run: stop(true) },
      ]}
    >
      <Typography variant="body2" paragraph>
        <strong>Stop and wait</strong> lets the actions that run now finish,
        then stops. <strong>Stop and abandon</strong> stops at once; the
        abandoned actions may leave their work half done.
      </Typography>
      <Box>
        <TextField
          id={reasonId}
          label="Reason (optional)"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          variant="outlined"
          inputProps={{ maxLength: 200 }}
        />
      </Box>
    </ActionButton>
  );
}
