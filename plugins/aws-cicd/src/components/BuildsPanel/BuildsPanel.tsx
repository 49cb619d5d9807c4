import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  BuildPhaseView,
  BuildProjectSection,
  BuildView,
} from '@liftoff/plugin-aws-cicd-common';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import Alert from '@material-ui/lab/Alert';
import { Fragment, useCallback, useState } from 'react';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import { formatDuration, formatTime, shortRevision } from '../../lib/format';
import {
  ExternalLink,
  LiveDuration,
  LoadOlder,
  SectionErrorPanel,
  useLoadOlder,
} from '../common';
import { StatusLabel, statusOf } from '../status';

const useStyles = makeStyles(theme => ({
  phases: { listStyle: 'none', margin: 0, padding: 0 },
  phase: {
    display: 'grid',
    gridTemplateColumns: '180px 200px 90px 1fr',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  track: {
    height: 8,
    background: theme.palette.action.hover,
    borderRadius: 4,
    position: 'relative',
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderRadius: 4,
    background: theme.palette.info.main,
  },
  fillError: { background: theme.palette.error.main },
  context: { gridColumn: '1 / -1' },
}));

function phaseName(type: string): string {
  const s = type.replace(/_/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The build's phases, SUBMITTED to COMPLETED, each with its share of the time. */
export function BuildPhases(props: { build: BuildView }) {
  const classes = useStyles();
  const { build } = props;
  const running = build.status === 'IN_PROGRESS';
  const phases = build.phases.filter(p => p.phaseType !== 'COMPLETED');
  const total = Math.max(
    1,
    phases.reduce((sum, p) => sum + (p.durationSeconds ?? 0), 0),
  );
  let offset = 0;
  return (
    <ol
      className={classes.phases}
      aria-label={`Phases of build ${build.buildNumber ?? build.id}`}
    >
      {phases.map((p: BuildPhaseView) => {
        const current = running && p.phaseType === build.currentPhase;
        const seconds = p.durationSeconds ?? 0;
        const left = (offset / total) * 100;
        offset += seconds;
        const failed = statusOf(p.phaseStatus).kind === 'error';
        const messages = p.contexts.filter(c => c.message);
        return (
          <li key={p.phaseType} className={classes.phase}>
            <Typography variant="body2">{phaseName(p.phaseType)}</Typography>
            <StatusLabel
              status={current && !p.phaseStatus ? 'IN_PROGRESS' : p.phaseStatus}
              whenMissing="Not reached"
            />
            <Typography variant="body2">
              {current ? (
                <LiveDuration seconds={p.durationSeconds ?? 0} running />
              ) : (
                formatDuration(p.durationSeconds)
              )}
            </Typography>
            <div className={classes.track} aria-hidden>
              {seconds > 0 && (
                <div
                  className={`${classes.fill} ${failed ? classes.fillError : ''}`}
                  style={{
                    left: `${left}%`,
                    width: `${Math.max(1, (seconds / total) * 100)}%`,
                  }}
                />
              )}
            </div>
            {messages.length > 0 && (
              <div className={classes.context}>
                {messages.map((c, i) => (
                  <Alert key={i} severity={failed ? 'error' : 'info'}>
                    {c.message}
                    {c.statusCode ? ` (${c.statusCode})` : ''}
                  </Alert>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function BuildRow(props: { build: BuildView; defaultOpen: boolean }) {
  const { build } = props;
  const [open, setOpen] = useState(props.defaultOpen);
  const running = build.status === 'IN_PROGRESS';
  const name = build.buildNumber
    ? `#${build.buildNumber}`
    : build.id.split(':').pop()?.slice(0, 8);
  return (
    <Fragment>
      <TableRow id={`build-${build.id}`}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} phases of build ${name}`}
            onClick={() => setOpen(o => !o)}
          >
            {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          <StatusLabel status={build.status} />
          {running && build.currentPhase && (
            <Typography variant="caption" component="div">
              in {phaseName(build.currentPhase)}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          <ExternalLink href={build.consoleUrl}>Build {name}</ExternalLink>
        </TableCell>
        <TableCell>
          <code>
            {shortRevision(build.resolvedSourceVersion ?? build.sourceVersion)}
          </code>
        </TableCell>
        <TableCell>{build.initiator}</TableCell>
        <TableCell>{formatTime(build.startTime)}</TableCell>
        <TableCell>
          <LiveDuration seconds={build.durationSeconds} running={running} />
        </TableCell>
        <TableCell>
          {build.logsUrl ? (
            <ExternalLink href={build.logsUrl}>Logs</ExternalLink>
          ) : (
            ''
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={8}>
            <BuildPhases build={build} />
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

/** The builds of one CodeBuild project, newest first, phases on demand. */
export function BuildsPanel(props: { section: BuildProjectSection }) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  const { section } = props;
  const [older, setOlder] = useState<BuildView[]>([]);
  const [olderToken, setOlderToken] = useState<string | null>(null);

  const fresh = section.builds ?? [];
  const freshIds = new Set(fresh.map(b => b.id));
  const builds = [...fresh, ...older.filter(b => !freshIds.has(b.id))];
  // null: no older page loaded yet, so the section's token applies.
  const nextToken =
    olderToken === null ? section.nextPageToken : olderToken || undefined;

  const loadOlder = useLoadOlder(
    useCallback(async () => {
      if (!nextToken) return;
      const page = await api.getBuilds(
        entityRef,
        section.projectName,
        nextToken,
      );
      setOlder(prev => [...prev, ...page.builds]);
      setOlderToken(page.nextPageToken ?? '');
    }, [api, entityRef, section.projectName, nextToken]),
  );

  return (
    <InfoCard
      title={`Builds of ${section.projectName}`}
      subheader={`CodeBuild, ${section.region}, account ${section.accountId}${
        section.source === 'pipeline' ? ' (from the pipeline)' : ''
      }`}
    >
      {section.error && (
        <SectionErrorPanel
          what={`Builds of ${section.projectName}`}
          error={section.error}
        />
      )}
      {section.builds && builds.length === 0 && (
        <Typography variant="body2">
          {section.projectName} has no builds yet.
        </Typography>
      )}
      {builds.length > 0 && (
        <Table size="small" aria-label={`Builds of ${section.projectName}`}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>Status</TableCell>
              <TableCell>Build</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Started by</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Duration</TableCell>
              <TableCell>Logs</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {builds.map((b, i) => (
              <BuildRow
                key={b.id}
                build={b}
                defaultOpen={
                  i === 0 &&
                  ['error', 'running'].includes(statusOf(b.status).kind)
                }
              />
            ))}
          </TableBody>
        </Table>
      )}
      <LoadOlder what="builds" hasMore={!!nextToken} state={loadOlder} />
    </InfoCard>
  );
}
