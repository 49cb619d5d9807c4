import {
  PipelineActionView,
  PipelineStageView,
  PipelineView,
  RevisionInfo,
} from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import LockIcon from '@material-ui/icons/Lock';
import Alert from '@material-ui/lab/Alert';
import { useDeliveryContext } from '../../hooks';
import { formatTime, shortId, shortRevision } from '../../lib/format';
import { ExternalLink, LiveDuration } from '../common';
import { ApprovalButton, RetryStageButton } from '../PipelineActions';
import { StatusLabel, statusOf, StatusText } from '../status';

const useStyles = makeStyles(theme => ({
  strip: {
    display: 'flex',
    alignItems: 'stretch',
    overflowX: 'auto',
    paddingBottom: theme.spacing(1),
    listStyle: 'none',
    margin: 0,
    paddingLeft: 0,
  },
  // Stages shrink to share the width (four fit beside the sidebar at
  // 1440 px) down to 200 px each; narrower than that the strip scrolls.
  stageItem: {
    display: 'flex',
    alignItems: 'stretch',
    flex: '0 1 auto',
    minWidth: 0,
  },
  stage: {
    minWidth: 200,
    maxWidth: 320,
    flex: '1 1 auto',
    padding: theme.spacing(1.5),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  stageError: { borderTop: `3px solid ${theme.palette.error.main}` },
  stageRunning: { borderTop: `3px solid ${theme.palette.info.main}` },
  stageOk: { borderTop: `3px solid ${theme.palette.success.main}` },
  stageOther: { borderTop: `3px solid ${theme.palette.divider}` },
  transition: {
    flex: '0 0 auto',
    width: 56,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    color: theme.palette.text.secondary,
  },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  groupLabel: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '0.7rem',
    letterSpacing: '0.05em',
  },
  action: {
    padding: theme.spacing(1),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    wordBreak: 'break-word',
  },
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

function groupByRunOrder(
  actions: PipelineActionView[],
): [number, PipelineActionView[]][] {
  const groups = new Map<number, PipelineActionView[]>();
  for (const a of actions) {
    groups.set(a.runOrder, [...(groups.get(a.runOrder) ?? []), a]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b);
}

function Transition(props: {
  transition: PipelineStageView['inboundTransition'];
  to: string;
}) {
  const classes = useStyles();
  const t = props.transition;
  if (t.enabled) {
    return (
      <div className={classes.transition} aria-hidden>
        <ArrowForwardIcon />
      </div>
    );
  }
  return (
    <div className={classes.transition}>
      <LockIcon fontSize="small" aria-hidden />
      <StatusText kind="warning">Transition to {props.to} disabled</StatusText>
      {t.disabledReason && (
        <Typography variant="caption">{t.disabledReason}</Typography>
      )}
      {t.lastChangedBy && (
        <Typography variant="caption">by {t.lastChangedBy}</Typography>
      )}
    </div>
  );
}

function ActionBox(props: {
  pipelineName: string;
  stage: PipelineStageView;
  action: PipelineActionView;
  revision?: RevisionInfo;
}) {
  const classes = useStyles();
  const { permissions } = useDeliveryContext();
  const { action, stage } = props;
  const running = action.status === 'InProgress';
  const waiting = action.approval?.waiting === true;
  return (
    <div className={classes.action}>
      <Typography variant="subtitle2" component="h4">
        {action.name}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {action.provider} ({action.category})
      </Typography>
      {waiting ? (
        <StatusText kind="pending">Needs your decision</StatusText>
      ) : (
        <StatusLabel status={action.status} />
      )}
      {action.durationSeconds !== undefined && (
        <Typography variant="caption">
          {running ? 'Running for ' : 'Took '}
          <LiveDuration seconds={action.durationSeconds} running={running} />
        </Typography>
      )}
      {running && action.percentComplete !== undefined && (
        <LinearProgress
          variant="determinate"
          value={action.percentComplete}
          aria-label={`${action.name} ${action.percentComplete}% complete`}
        />
      )}
      {action.revision && (
        <Typography variant="caption">
          <ExternalLink href={action.revision.url}>
            <code>{shortRevision(action.revision.revisionId)}</code>
          </ExternalLink>
          {action.revision.summary ? ` ${action.revision.summary}` : ''}
        </Typography>
      )}
      {action.summary && !action.revision && (
        <Typography variant="caption">{action.summary}</Typography>
      )}
      {action.status === 'Failed' && (
        <Alert severity="error">
          {action.errorDetails?.message ??
            'The action failed without a message.'}
          {action.errorDetails?.code ? ` (${action.errorDetails.code})` : ''}
        </Alert>
      )}
      {waiting && (
        <Box>
          {action.approval?.expiresAt && (
            <Typography variant="caption" component="div">
              Expires {formatTime(action.approval.expiresAt)}
            </Typography>
          )}
          {permissions.approve ? (
            <ApprovalButton
              pipelineName={props.pipelineName}
              stageName={stage.name}
              action={action}
              revision={props.revision}
            />
          ) : (
            <Typography variant="caption" component="div">
              Waiting for someone allowed to approve.
            </Typography>
          )}
        </Box>
      )}
      <div className={classes.links}>
        {action.buildId && (
          <Typography variant="caption">
            <a href={`#build-${action.buildId}`}>Build details</a>
          </Typography>
        )}
        {action.deploymentId && (
          <Typography variant="caption">
            <a href={`#deployment-${action.deploymentId}`}>
              Deployment {action.deploymentId}
            </a>
          </Typography>
        )}
        {(action.externalExecutionUrl ?? action.entityUrl) && (
          <Typography variant="caption">
            <ExternalLink
              href={action.externalExecutionUrl ?? action.entityUrl}
            >
              Open in AWS
            </ExternalLink>
          </Typography>
        )}
      </div>
    </div>
  );
}

function stageClass(
  classes: ReturnType<typeof useStyles>,
  status: string | undefined,
) {
  switch (statusOf(status).kind) {
    case 'error':
      return classes.stageError;
    case 'running':
      return classes.stageRunning;
    case 'ok':
      return classes.stageOk;
    default:
      return classes.stageOther;
  }
}

function Stage(props: {
  pipeline: PipelineView;
  pipelineName: string;
  stage: PipelineStageView;
}) {
  const classes = useStyles();
  const { permissions } = useDeliveryContext();
  const { stage, pipeline } = props;
  const latest = pipeline.latestExecution;
  const onLatest =
    stage.pipelineExecutionId !== undefined &&
    stage.pipelineExecutionId === latest?.pipelineExecutionId;
  const revision = onLatest ? latest?.sourceRevisions[0] : undefined;
  const groups = groupByRunOrder(stage.actions);
  return (
    <Paper
      variant="outlined"
      className={`${classes.stage} ${stageClass(classes, stage.status)}`}
    >
      <Typography variant="h6" component="h3">
        {stage.name}
      </Typography>
      <StatusLabel status={stage.status} />
      {stage.pipelineExecutionId && (
        <Typography variant="caption" color="textSecondary">
          {revision ? (
            <>
              <code>{shortRevision(revision.revisionId)}</code>
              {revision.summary ? ` ${revision.summary}` : ''}
            </>
          ) : (
            <>
              Execution <code>{shortId(stage.pipelineExecutionId)}</code>
              {latest ? ' (an earlier one)' : ''}
            </>
          )}
        </Typography>
      )}
      {stage.retryable && permissions.retryStage && (
        <Box>
          <RetryStageButton pipelineName={props.pipelineName} stage={stage} />
        </Box>
      )}
      {groups.map(([runOrder, actions], i) => (
        <div key={runOrder} className={classes.group}>
          {groups.length > 1 && (
            <span className={classes.groupLabel}>
              {i === 0 ? 'First' : 'Then'}
              {actions.length > 1 ? ', in parallel' : ''}
            </span>
          )}
          {actions.map(action => (
            <ActionBox
              key={action.name}
              pipelineName={props.pipelineName}
              stage={stage}
              action={action}
              revision={revision}
            />
          ))}
        </div>
      ))}
    </Paper>
  );
}

/**
 * The pipeline as CodePipeline draws it: stages left to right, the actions
 * of each stage stacked by run order, transitions between them.
 */
export function PipelineGraph(props: {
  pipelineName: string;
  pipeline: PipelineView;
}) {
  const classes = useStyles();
  const { pipeline } = props;
  return (
    <ol
      className={classes.strip}
      aria-label={`Stages of pipeline ${props.pipelineName}`}
    >
      {pipeline.stages.map((stage, i) => (
        <li
          key={stage.name}
          className={classes.stageItem}
          aria-label={`Stage ${stage.name}`}
        >
          {i > 0 && (
            <Transition transition={stage.inboundTransition} to={stage.name} />
          )}
          <Stage
            pipeline={pipeline}
            pipelineName={props.pipelineName}
            stage={stage}
          />
        </li>
      ))}
    </ol>
  );
}
