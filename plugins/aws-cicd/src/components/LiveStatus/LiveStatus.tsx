import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import CircularProgress from '@material-ui/core/CircularProgress';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useEffect, useRef, useState } from 'react';
import { useTicker } from '../../hooks';
import { formatDuration } from '../../lib/format';
import { milestones } from './milestones';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/**
 * "Updated 4 s ago", a spinner while a refresh runs, a refresh button, and a
 * polite live region that announces what changed since the last refresh.
 */
export function LiveStatus(props: {
  value?: DeliveryResponse;
  updatedAt?: number;
  loading: boolean;
  error?: Error;
  onRefresh: () => void;
}) {
  const classes = useStyles();
  const now = useTicker(props.updatedAt !== undefined);
  const previous = useRef<DeliveryResponse>();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!props.value) return;
    const said = milestones(previous.current, props.value);
    previous.current = props.value;
    if (said.length) setAnnouncement(said.join(' '));
  }, [props.value]);

  const ago =
    props.updatedAt !== undefined
      ? formatDuration(Math.max(0, Math.floor((now - props.updatedAt) / 1000)))
      : undefined;
  return (
    <div className={classes.row}>
      {ago !== undefined && (
        <Typography variant="caption">
          Updated {ago} ago
          {props.value?.inProgress
            ? ', refreshing every few seconds while things move'
            : ''}
        </Typography>
      )}
      {props.loading && <CircularProgress size={14} aria-label="Refreshing" />}
      <IconButton
        size="small"
        aria-label="Refresh now"
        onClick={props.onRefresh}
        disabled={props.loading}
      >
        <RefreshIcon fontSize="small" />
      </IconButton>
      <div role="status" aria-live="polite" className={classes.visuallyHidden}>
        {announcement}
      </div>
    </div>
  );
}
