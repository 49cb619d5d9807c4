import {
  PipelineActionView,
  PipelineStageView,
  PipelineView,
  RevisionInfo,
} from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useId, useState } from 'react';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import { formatTime, shortId, shortRevision } from '../../lib/format';
import { ActionButton } from '../ActionButton';
import { ExternalLink } from '../common';

const MAX_COMMENT = 512;

function RevisionLine(props: { revision?: RevisionInfo }) {
  const r = props.revision;
  if (!r) return null;
  return (
    <Typography variant="body2">
      Revision{' '}
      <ExternalLink href={r.url}>
        <code>{shortRevision(r.revisionId)}</code>
      </ExternalLink>
      {r.summary ? `: ${r.summary}` : ''}
    </Typography>
  );
}

/** Review a manual approval: comment, then Approve or Reject. */
export function ApprovalButton(props: {
  pipelineName: string;
  stageName: string;
  action: PipelineActionView;
  revision?: RevisionInfo;
}) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  const [comment, setComment] = useState('');
  const commentId = useId();
  const { action } = props;
  const trimmed = comment.trim();
  const missing =
    trimmed.length === 0 || trimmed.length > MAX_COMMENT
      ? `Write a comment of 1 to ${MAX_COMMENT} characters first.`
      : undefined;
  const decide = (status: 'Approved' | 'Rejected') => async () => {
    await api.approve(entityRef, props.pipelineName, {
      stageName: props.stageName,
      actionName: action.name,
      status,
      summary: trimmed,
    });
    return status === 'Approved'
      ? `Approved. ${props.pipelineName} continues after ${props.stageName}.`
      : `Rejected. The ${props.stageName} stage fails and the change stops here.`;
  };
  return (
    <ActionButton
      label="Review"
      primary
      title={`Review ${action.name} in ${props.pipelineName}`}
      onOpen={() => setComment('')}
      choices={[
        {
          label: 'Reject',
          destructive: true,
          run: decide('Rejected'),
          disabledReason: missing,
        },
        { label: 'Approve', run: decide('Approved'), disabledReason: missing },
      ]}
    >
      <RevisionLine revision={props.revision} />
      {action.approval?.customData && (
        <Typography variant="body2" paragraph>
          {action.approval.customData}
        </Typography>
      )}
      {action.approval?.externalEntityLink && (
        <Typography variant="body2" paragraph>
          Review:{' '}
          <ExternalLink href={action.approval.externalEntityLink}>
            {action.approval.externalEntityLink}
          </ExternalLink>
        </Typography>
      )}
      {action.approval?.expiresAt && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Expires {formatTime(action.approval.expiresAt)}; after that the stage
          fails.
        </Typography>
      )}
      <TextField
        id={commentId}
        label="Comment"
        value={comment}
        onChange={e => setComment(e.target.value)}
        required
        multiline
        minRows={2}
        fullWidth
        variant="outlined"
        inputProps={{ maxLength: MAX_COMMENT }}
        helperText={`Required, up to ${MAX_COMMENT} characters. Saved with the decision.`}
      />
    </ActionButton>
  );
}

/** Retry a failed stage of the latest execution. */
export function RetryStageButton(props: {
  pipelineName: string;
  stage: PipelineStageView;
}) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  const { stage } = props;
  const retry = (retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS') => async () => {
    await api.retryStage(entityRef, props.pipelineName, stage.name, {
      pipelineExecutionId: stage.pipelineExecutionId ?? '',
      retryMode,
    });
    return `Retrying ${stage.name} (${
      retryMode === 'FAILED_ACTIONS' ? 'failed actions' : 'all actions'
    }).`;
  };
  return (
    <ActionButton
      label="Retry stage"
      title={`Retry the ${stage.name} stage?`}
      choices={[
        { label: 'Retry all actions', run: retry('ALL_ACTIONS') },
        { label: 'Retry failed actions', run: retry('FAILED_ACTIONS') },
      ]}
    >
      <Typography variant="body2">
        Runs the {stage.name} stage of execution{' '}
        <code>{shortId(stage.pipelineExecutionId)}</code> again, with the same
        source revision. Retry only the failed actions, or every action of the
        stage.
      </Typography>
    </ActionButton>
  );
}

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

/** Whether the latest execution can be stopped now. */
export function canStop(pipeline: PipelineView): boolean {
  return pipeline.latestExecution?.status === 'InProgress';
}
