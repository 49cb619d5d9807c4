import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ActionExecutionView,
  ExecutionSummary,
  ExecutionsPage,
} from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import {
  formatDuration,
  formatTime,
  shortId,
  shortRevision,
} from '../../lib/format';
import { ExternalLink, LoadOlder, useLoadOlder } from '../common';
import { StatusLabel } from '../status';

function triggerText(e: ExecutionSummary): string {
  const t = e.trigger;
  if (!t?.triggerType) return '';
  const words: Record<string, string> = {
    StartPipelineExecution: 'Started by hand',
    CloudWatchEvent: 'Source change (event)',
    PollForSourceChanges: 'Source change (polling)',
    Webhook: 'Webhook',
    WebhookV2: 'Webhook',
    PutActionRevision: 'New revision',
    CreatePipeline: 'Pipeline created',
    AutomatedRollback: 'Automatic rollback',
    ManualRollback: 'Manual rollback',
  };
  const type = words[t.triggerType] ?? t.triggerType;
  // Details are often ARNs (a connection, a rule): the readable part is
  // their last segment.
  const detail = t.triggerDetail?.startsWith('arn:')
    ? t.triggerDetail.split(/[:/]/).pop()
    : t.triggerDetail;
  return detail ? `${type}: ${detail}` : type;
}

function ActionExecutions(props: {
  pipelineName: string;
  executionId: string;
}) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  const { value, loading, error } = useAsync(
    () =>
      api.getActionExecutions(entityRef, props.pipelineName, props.executionId),
    [api, entityRef, props.pipelineName, props.executionId],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const actions: ActionExecutionView[] = value?.actionExecutions ?? [];
  if (actions.length === 0) {
    return (
      <Typography variant="body2">No action ran in this execution.</Typography>
    );
  }
  return (
    <Table
      size="small"
      aria-label={`Actions of execution ${shortId(props.executionId)}`}
    >
      <TableHead>
        <TableRow>
          <TableCell>Stage</TableCell>
          <TableCell>Action</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Started</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {actions.map(a => (
          <TableRow key={a.actionExecutionId}>
            <TableCell>{a.stageName}</TableCell>
            <TableCell>
              {a.actionName}
              {a.provider && (
                <Typography variant="caption" component="div">
                  {a.provider}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <StatusLabel status={a.status} />
            </TableCell>
            <TableCell>{formatTime(a.startTime)}</TableCell>
            <TableCell>{formatDuration(a.durationSeconds)}</TableCell>
            <TableCell>
              {a.errorDetails?.message && (
                <Typography variant="body2" color="error">
                  {a.errorDetails.message}
                </Typography>
              )}
              {a.summary && (
                <Typography variant="body2">{a.summary}</Typography>
              )}
              {a.externalExecutionUrl && (
                <ExternalLink href={a.externalExecutionUrl}>
                  Open in AWS
                </ExternalLink>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ExecutionRow(props: {
  pipelineName: string;
  execution: ExecutionSummary;
}) {
  const [open, setOpen] = useState(false);
  const e = props.execution;
  const revision = e.sourceRevisions[0];
  const id = shortId(e.pipelineExecutionId);
  return (
    <Fragment>
      <TableRow>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} actions of execution ${id}`}
            onClick={() => setOpen(o => !o)}
          >
            {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          <StatusLabel status={e.status} />
          {e.stopReason && (
            <Typography variant="caption" component="div">
              {e.stopReason}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          <code>{id}</code>{' '}
          {e.executionType === 'ROLLBACK' && (
            <Chip size="small" label="Rollback" />
          )}
        </TableCell>
        <TableCell>{triggerText(e)}</TableCell>
        <TableCell>
          {revision ? (
            <>
              <ExternalLink href={revision.url}>
                <code>{shortRevision(revision.revisionId)}</code>
              </ExternalLink>
              {revision.summary && (
                <Typography variant="caption" component="div">
                  {revision.summary}
                </Typography>
              )}
            </>
          ) : (
            ''
          )}
        </TableCell>
        <TableCell>{formatTime(e.startTime)}</TableCell>
        <TableCell>{formatDuration(e.durationSeconds)}</TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={7}>
            <ActionExecutions
              pipelineName={props.pipelineName}
              executionId={e.pipelineExecutionId}
            />
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

/**
 * The pipeline's executions, newest first, a page at a time. The first page
 * comes with the delivery state (`firstPage`, fresh on every poll); without
 * it, the component asks for it, again whenever `refreshKey` changes (the
 * latest execution moved). Older pages already loaded are kept.
 */
export function ExecutionHistory(props: {
  pipelineName: string;
  refreshKey: string;
  firstPage?: ExecutionsPage;
}) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  const [executions, setExecutions] = useState<ExecutionSummary[]>();
  const [nextPageToken, setNextPageToken] = useState<string>();
  const [error, setError] = useState<Error>();
  const olderLoaded = useRef(false);

  const { pipelineName, refreshKey, firstPage } = props;
  const showFirstPage = useCallback((page: ExecutionsPage) => {
    setError(undefined);
    if (!olderLoaded.current) {
      setExecutions(page.executions);
      setNextPageToken(page.nextPageToken);
      return;
    }
    const fresh = new Set(page.executions.map(x => x.pipelineExecutionId));
    setExecutions(prev => [
      ...page.executions,
      ...(prev ?? []).filter(x => !fresh.has(x.pipelineExecutionId)),
    ]);
  }, []);
  useEffect(() => {
    if (firstPage) showFirstPage(firstPage);
  }, [firstPage, showFirstPage]);
  const hasFirstPage = firstPage !== undefined;
  useEffect(() => {
    if (hasFirstPage) return undefined;
    let active = true;
    api.getExecutions(entityRef, pipelineName).then(
      page => active && showFirstPage(page),
      e => active && setError(e),
    );
    return () => {
      active = false;
    };
  }, [api, entityRef, pipelineName, refreshKey, hasFirstPage, showFirstPage]);

  const loadOlder = useLoadOlder(
    useCallback(async () => {
      if (!nextPageToken) return;
      const page = await api.getExecutions(
        entityRef,
        pipelineName,
        nextPageToken,
      );
      olderLoaded.current = true;
      setExecutions(prev => {
        const seen = new Set(prev?.map(x => x.pipelineExecutionId));
        return [
          ...(prev ?? []),
          ...page.executions.filter(x => !seen.has(x.pipelineExecutionId)),
        ];
      });
      setNextPageToken(page.nextPageToken);
    }, [api, entityRef, pipelineName, nextPageToken]),
  );

  if (error && !executions) {
    return (
      <ResponseErrorPanel
        title="Could not load the execution history"
        error={error}
      />
    );
  }
  if (!executions) {
    return <Progress />;
  }
  if (executions.length === 0) {
    return (
      <Typography variant="body2">{pipelineName} has not run yet.</Typography>
    );
  }
  return (
    <Box>
      <Table size="small" aria-label={`Executions of ${pipelineName}`}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>Status</TableCell>
            <TableCell>Execution</TableCell>
            <TableCell>Trigger</TableCell>
            <TableCell>Commit</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Duration</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {executions.map(e => (
            <ExecutionRow
              key={e.pipelineExecutionId}
              pipelineName={pipelineName}
              execution={e}
            />
          ))}
        </TableBody>
      </Table>
      <LoadOlder
        what="executions"
        hasMore={!!nextPageToken}
        state={loadOlder}
      />
    </Box>
  );
}
