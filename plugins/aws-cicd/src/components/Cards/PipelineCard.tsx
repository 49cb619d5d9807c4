import { InfoCard } from '@backstage/core-components';
import { PipelineSection } from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatTime, shortRevision } from '../../lib/format';
import { DeliveryBoundary } from '../DeliveryBoundary';
import { ExternalLink, LiveDuration, SectionErrorPanel } from '../common';
import { StatusLabel, StatusText } from '../status';

const useStyles = makeStyles(theme => ({
  stages: {
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
}));

function PipelineSummary(props: { section: PipelineSection }) {
  const classes = useStyles();
  const { section } = props;
  const p = section.pipeline;
  if (section.error) {
    return (
      <SectionErrorPanel
        what={`Pipeline ${section.name}`}
        error={section.error}
      />
    );
  }
  if (!p) return null;
  const latest = p.latestExecution;
  const revision = latest?.sourceRevisions[0];
  const running = latest?.status === 'InProgress';
  return (
    <Box mb={2}>
      <Typography variant="subtitle1" component="h3">
        <ExternalLink href={p.consoleUrl}>{section.name}</ExternalLink>
      </Typography>
      <StatusLabel status={latest?.status} whenMissing="Never run" />
      {latest && (
        <Typography variant="body2">
          {revision && (
            <>
              <ExternalLink href={revision.url}>
                <code>{shortRevision(revision.revisionId)}</code>
              </ExternalLink>
              {revision.summary ? ` ${revision.summary}` : ''}
              <br />
            </>
          )}
          {latest.startTime && `Started ${formatTime(latest.startTime)}`}
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
      )}
      <ol className={classes.stages} aria-label={`Stages of ${section.name}`}>
        {p.stages.map(stage => {
          const waiting = stage.actions.some(a => a.approval?.waiting);
          return (
            <li key={stage.name}>
              <Typography variant="caption" component="div">
                {stage.name}
              </Typography>
              {waiting ? (
                <StatusText kind="pending">Needs your decision</StatusText>
              ) : (
                <StatusLabel status={stage.status} />
              )}
              {!stage.inboundTransition.enabled && (
                <Typography variant="caption" component="div">
                  Transition disabled
                </Typography>
              )}
            </li>
          );
        })}
      </ol>
    </Box>
  );
}

/**
 * Overview card: the latest execution of each of the entity's pipelines,
 * stage by stage.
 */
export function PipelineCard() {
  return (
    <InfoCard title="Pipeline">
      <DeliveryBoundary compact>
        {value =>
          value.pipelines.length === 0 ? (
            <Typography variant="body2">
              No pipeline annotation on this entity.
            </Typography>
          ) : (
            value.pipelines.map(section => (
              <PipelineSummary key={section.arn} section={section} />
            ))
          )
        }
      </DeliveryBoundary>
    </InfoCard>
  );
}
