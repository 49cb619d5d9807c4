import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { ICONS, statusOf, StatusKind } from './status';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center' },
});

/**
 * A Backstage status icon with words beside it. The core-components Status
 * elements are aria-hidden as a whole (and several states share a grey), so
 * the words sit outside them where assistive technology reads them.
 */
export function StatusText(props: { kind: StatusKind; children: ReactNode }) {
  const classes = useStyles();
  const Icon = ICONS[props.kind];
  return (
    <span className={classes.root}>
      <Icon />
      <span>{props.children}</span>
    </span>
  );
}

/** The icon and label of any AWS status string (see statusOf). */
export function StatusLabel(props: {
  status: string | undefined;
  /** Overrides the label (the icon still comes from the status). */
  label?: string;
  whenMissing?: string;
}) {
  const info = statusOf(props.status, props.whenMissing);
  return <StatusText kind={info.kind}>{props.label ?? info.label}</StatusText>;
}
