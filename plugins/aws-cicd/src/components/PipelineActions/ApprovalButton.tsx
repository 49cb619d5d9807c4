import {
  PipelineActionView,
  RevisionInfo,
} from '@liftoff/plugin-aws-cicd-common';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useId, useState } from 'react';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import { formatTime, shortRevision } from '../../lib/format';
import { ActionButton } from '../ActionButton';
import { ExternalLink } from '../common';

const MAX_COMMENT = 512;

/** The revision under review, linked. */
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
