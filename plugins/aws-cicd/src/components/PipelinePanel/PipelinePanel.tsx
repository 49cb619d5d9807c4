import { InfoCard } from '@backstage/core-components';
import { PipelineSection } from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useDeliveryContext } from '../../hooks';
import { formatTime, shortId, shortRevision } from '../../lib/format';
import { ExternalLink, LiveDuration, SectionErrorPanel } from '../common';
import { ExecutionHistory } from '../ExecutionHistory';
import { PipelineGraph } from '../PipelineGraph';
import {
  StartExecutionButton,
  StopExecutionButton,
  canStop,
} from '../PipelineActions';
import { StatusLabel } from '../status';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginLeft: 'auto',
    alignItems: 'flex-start',
  },
}));

/** One pipeline: its latest execution, the stage graph and the history. */
export function PipelinePanel(props: { section: PipelineSection }) {
  const classes = useStyles();
  const { permissions } = useDeliveryContext();
  const { section } = props;
  const pipeline = section.pipeline;
  const latest = pipeline?.latestExecution;
  const revision = latest?.sourceRevisions[0];
  const running = latest?.status === 'InProgress';

  return (
    <InfoCard
      title={`Pipeline ${section.name}`}
      subheader={
        pipeline
          ? [
              pipeline.region,
              `account ${pipeline.accountId}`,
              pipeline.executionMode && `${pipeline.executionMode} mode`,
            ]
              .filter(Boolean)
              .join(' · ')
          : undefined
      }
    >
      {section.error && (
        <SectionErrorPanel
          what={`Pipeline ${section.name}`}
          error={section.error}
        />
      )}
      {pipeline && (
        <>
          <div className={classes.summary}>
            <Box>
              <Typography variant="overline" component="div">
                Latest execution
              </Typography>
              {latest ? (
                <>
                  <StatusLabel
                    status={latest.status}
                    label={
                      latest.executionType === 'ROLLBACK'
                        ? `Rollback: ${latest.status}`
                        : undefined
                    }
                  />
                  <Typography variant="body2">
                    <code>{shortId(latest.pipelineExecutionId)}</code>
                    {latest.startTime &&
                      ` started ${formatTime(latest.startTime)}`}
                    {latest.durationSeconds !== undefined && (
                      <>
                        {running ? ', running for ' : ', took '}
                        <LiveDuration
                          seconds={latest.durationSeconds}
                          running={running}
                        />
                      </>
                    )}
                  </Typography>
                  {latest.statusSummary && (
                    <Typography variant="body2">
                      {latest.statusSummary}
                    </Typography>
                  )}
                </>
              ) : (
                <Typography variant="body2">Never run.</Typography>
              )}
            </Box>
            {revision && (
              <Box>
                <Typography variant="overline" component="div">
                  Change
                </Typography>
                <Typography variant="body2">
                  <ExternalLink href={revision.url}>
                    <code>{shortRevision(revision.revisionId)}</code>
                  </ExternalLink>
                  {revision.summary ? ` ${revision.summary}` : ''}
                </Typography>
              </Box>
            )}
            <div className={classes.actions}>
              {permissions.startExecution && (
                <StartExecutionButton pipelineName={section.name} />
              )}
              {permissions.stopExecution && latest && canStop(pipeline) && (
                <StopExecutionButton
                  pipelineName={section.name}
                  executionId={latest.pipelineExecutionId}
                />
              )}
              <Typography variant="body2">
                <ExternalLink href={pipeline.consoleUrl}>
                  Open in AWS console
                </ExternalLink>
              </Typography>
            </div>
          </div>
          <PipelineGraph pipelineName={section.name} pipeline={pipeline} />
        </>
      )}
    </InfoCard>
  );
}

/** The execution history of one pipeline, in a card of its own. */
export function PipelineHistoryPanel(props: { section: PipelineSection }) {
  const { section } = props;
  const latest = section.pipeline?.latestExecution;
  if (!section.pipeline) return null;
  return (
    <InfoCard title={`Execution history of ${section.name}`}>
      <ExecutionHistory
        pipelineName={section.name}
        firstPage={section.history}
        refreshKey={`${latest?.pipelineExecutionId}:${latest?.status}:${latest?.lastUpdateTime}`}
      />
    </InfoCard>
  );
}
