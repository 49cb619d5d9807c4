import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { StatusText } from '../status';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'stretch',
  },
  step: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1),
    minWidth: 150,
  },
  current: {
    borderColor: theme.palette.info.main,
    borderWidth: 2,
  },
  done: { opacity: 0.85 },
}));

export interface StepItem {
  title: string;
  state: 'done' | 'current' | 'next' | 'later';
  detail?: ReactNode;
}

/** A row of steps: done, the current one (highlighted), then the rest. */
export function StepList(props: { label: string; steps: StepItem[] }) {
  const classes = useStyles();
  return (
    <ol className={classes.list} aria-label={props.label}>
      {props.steps.map((s, i) => (
        <li
          key={i}
          className={`${classes.step} ${
            s.state === 'current' ? classes.current : ''
          } ${s.state === 'done' ? classes.done : ''}`}
          aria-current={s.state === 'current' ? 'step' : undefined}
        >
          <Typography variant="subtitle2" component="div">
            {i + 1}. {s.title}
          </Typography>
          {s.state === 'done' && <StatusText kind="ok">Done</StatusText>}
          {s.state === 'current' && <StatusText kind="running">Now</StatusText>}
          {s.state === 'next' && <StatusText kind="pending">Next</StatusText>}
          {s.state === 'later' && <StatusText kind="pending">Later</StatusText>}
          {s.detail}
        </li>
      ))}
    </ol>
  );
}
