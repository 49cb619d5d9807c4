import { Link } from '@backstage/core-components';
import { SectionError } from '@liftoff/plugin-aws-cicd-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ReactNode } from 'react';
import { useCountdown, useDeliveryContext, useElapsed } from '../../hooks';
import { formatClock, formatDuration } from '../../lib/format';

const SECTION_ERROR_TITLES: Record<SectionError['name'], string> = {
  NotFound: 'Not found',
  AccessDenied: 'Access denied',
  Throttled: 'AWS is throttling requests',
  Unavailable: 'AWS is unavailable',
  Timeout: 'AWS did not answer in time',
  Misconfigured: 'Misconfigured',
  Unknown: 'Could not be read',
};

/** The error of one section, in words; the rest of the page still renders. */
export function SectionErrorPanel(props: {
  what: string;
  error: SectionError;
}) {
  const kind = SECTION_ERROR_TITLES[props.error.name] ?? props.error.name;
  return (
    <Alert severity="error">
      <AlertTitle>
        {props.what}: {kind}
      </AlertTitle>
      {props.error.message}
    </Alert>
  );
}

/** A link out of Backstage (AWS console, logs, commit). */
export function ExternalLink(props: { href?: string; children: ReactNode }) {
  if (!props.href) {
    return <>{props.children}</>;
  }
  return (
    <Link to={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
    </Link>
  );
}

/** A duration that keeps counting while the thing it measures runs. */
export function LiveDuration(props: { seconds?: number; running: boolean }) {
  const { updatedAt } = useDeliveryContext();
  const elapsed = useElapsed(props.seconds, updatedAt, props.running);
  if (elapsed === undefined) {
    return null;
  }
  return <>{formatDuration(elapsed)}</>;
}

/**
 * A countdown from server-computed seconds, counted down locally between
 * refreshes. Shows "now" at zero (the next refresh brings the new state).
 */
export function Countdown(props: { seconds?: number; label: string }) {
  const { updatedAt } = useDeliveryContext();
  const left = useCountdown(props.seconds, updatedAt);
  if (left === undefined) {
    return null;
  }
  return (
    <Typography variant="body2" component="div">
      {props.label}:{' '}
      <strong>{left > 0 ? formatClock(left) : 'any moment now'}</strong>
    </Typography>
  );
}
