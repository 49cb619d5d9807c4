import { DeploymentView } from '@liftoff/plugin-aws-cicd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 28,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    border: `1px solid ${theme.palette.divider}`,
  },
  from: {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.getContrastText(theme.palette.grey[500]),
  },
  to: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  segment: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: theme.typography.caption.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    transition: 'width 600ms ease-in-out',
  },
  legend: {
    display: 'flex',
    justifyContent: 'space-between',
    marginTop: theme.spacing(0.5),
  },
}));

export interface TrafficBarProps {
  /** What the bar measures ("Production traffic"). */
  label: string;
  /** The version traffic moves away from ("version 41", "Blue"). */
  fromLabel: string;
  /** The version traffic moves to ("version 42", "Green"). */
  toLabel: string;
  /** What the legend calls the `from` side ("Original"), if the label does not say. */
  fromRole?: string;
  /** What the legend calls the `to` side ("Replacement"), if the label does not say. */
  toRole?: string;
  /** Percentage (0-100) on `toLabel`. */
  toPercent: number;
  /** The percentage the deployment config wants now, if it differs. */
  desiredPercent?: number;
}

const withRole = (role: string | undefined, label: string) =>
  role ? `${role} ${label}` : label;

/**
 * The two sides of a Lambda deployment's traffic bar: the alias's versions,
 * said as a rollback when the deployment is one.
 */
export function lambdaTrafficLabels(
  d: DeploymentView,
): Pick<TrafficBarProps, 'fromLabel' | 'toLabel' | 'fromRole' | 'toRole'> {
  const t = d.traffic?.platform === 'Lambda' ? d.traffic : undefined;
  return {
    fromLabel: t?.currentVersion
      ? `version ${t.currentVersion}`
      : 'current version',
    toLabel: t?.targetVersion ? `version ${t.targetVersion}` : 'new version',
    fromRole: d.isRollback ? 'Rolled back' : 'Original',
    toRole: d.isRollback ? 'Restoring' : 'Replacement',
  };
}

/**
 * Traffic split between two versions, as one bar. Not a gauge: a healthy 10%
 * canary is not "low". Readers get it as a meter with both halves in words.
 */
export function TrafficBar(props: TrafficBarProps) {
  const classes = useStyles();
  const to = Math.min(100, Math.max(0, Math.round(props.toPercent)));
  const from = 100 - to;
  const text = `${to}% to ${props.toLabel}, ${from}% to ${props.fromLabel}`;
  return (
    <Box>
      <div
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={to}
        aria-valuetext={text}
        className={classes.bar}
      >
        {to > 0 && (
          <div
            className={`${classes.segment} ${classes.to}`}
            style={{ width: `${to}%` }}
            aria-hidden
          >
            {to >= 8 ? `${to}%` : ''}
          </div>
        )}
        {from > 0 && (
          <div
            className={`${classes.segment} ${classes.from}`}
            style={{ width: `${from}%` }}
            aria-hidden
          >
            {from >= 8 ? `${from}%` : ''}
          </div>
        )}
      </div>
      <div className={classes.legend} aria-hidden>
        <Typography variant="caption">
          {withRole(props.toRole, props.toLabel)}: {to}%
        </Typography>
        <Typography variant="caption">
          {withRole(props.fromRole, props.fromLabel)}: {from}%
        </Typography>
      </div>
      {props.desiredPercent !== undefined &&
        Math.round(props.desiredPercent) !== to && (
          <Typography variant="caption" color="textSecondary">
            The deployment configuration wants {props.desiredPercent}% on{' '}
            {props.toLabel} now; the target reports {to}%.
          </Typography>
        )}
    </Box>
  );
}
