import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useId, useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useDeliveryContext } from '../../hooks';
import { errorMessage } from '../../lib/errors';

const useStyles = makeStyles(theme => ({
  destructive: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
    '&:hover': { backgroundColor: theme.palette.error.dark },
  },
  spinner: { marginRight: theme.spacing(1) },
}));

/** One way to confirm the dialog: a button and what it does. */
export interface ActionChoice {
  label: string;
  /** Red: stop, roll back, reject. */
  destructive?: boolean;
  /** Does the action; resolves to the outcome in words ("Approved."). */
  run: () => Promise<string>;
  /** Why this choice cannot be made yet (the button is disabled and says so). */
  disabledReason?: string;
}

export interface ActionButtonProps {
  /** The button on the page. */
  label: string;
  /** The dialog's title, a question ("Stop deployment d-123?"). */
  title: string;
  /** What will happen, in words. */
  children?: ReactNode;
  /** The ways to confirm; Cancel is always there. */
  choices: ActionChoice[];
  /** Red button on the page (stop, roll back). */
  destructive?: boolean;
  /** The primary (filled) button, for "needs your decision". */
  primary?: boolean;
  /** Called when the dialog opens, to reset its form. */
  onOpen?: () => void;
  size?: 'small' | 'medium';
}

/**
 * A button that opens a confirmation dialog. While the action runs the
 * pressed button shows a spinner; a failure stays in the dialog as an error;
 * a success closes it, says what happened (the app's alert snackbar) and
 * refreshes the page.
 */
export function ActionButton(props: ActionButtonProps) {
  const classes = useStyles();
  const { refresh } = useDeliveryContext();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState<string>();
  const [error, setError] = useState<Error>();
  const alertApi = useApi(alertApiRef);

  const onOpen = () => {
    setError(undefined);
    props.onOpen?.();
    setOpen(true);
  };

  const onChoose = async (choice: ActionChoice) => {
    setRunning(choice.label);
    setError(undefined);
    try {
      const message = await choice.run();
      setOpen(false);
      setRunning(undefined);
      // A snackbar, not text beside the button: the refresh often removes
      // the button (an approval that no longer waits).
      alertApi.post({ message, severity: 'success', display: 'transient' });
      await refresh();
    } catch (e) {
      setError(e as Error);
      setRunning(undefined);
    }
  };

  return (
    <>
      <Button
        size={props.size ?? 'small'}
        variant={props.primary || props.destructive ? 'contained' : 'outlined'}
        color={props.primary ? 'primary' : 'default'}
        className={props.destructive ? classes.destructive : undefined}
        onClick={onOpen}
      >
        {props.label}
      </Button>
      <Dialog
        open={open}
        onClose={() => !running && setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="sm"
        fullWidth
      >
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          {props.children}
          {error && (
            <Box mt={2}>
              <Alert severity="error">
                That did not work: {errorMessage(error)}
              </Alert>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={!!running}>
            Cancel
          </Button>
          {props.choices.map(choice => (
            <Button
              key={choice.label}
              variant={choice.destructive ? 'contained' : 'outlined'}
              color={choice.destructive ? 'default' : 'primary'}
              className={choice.destructive ? classes.destructive : undefined}
              disabled={!!running || !!choice.disabledReason}
              title={choice.disabledReason}
              onClick={() => onChoose(choice)}
            >
              {running === choice.label && (
                <CircularProgress
                  size={16}
                  className={classes.spinner}
                  aria-label="Working"
                />
              )}
              {choice.label}
            </Button>
          ))}
        </DialogActions>
      </Dialog>
    </>
  );
}
