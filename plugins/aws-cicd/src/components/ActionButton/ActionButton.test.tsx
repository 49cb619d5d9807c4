import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockAwsCicdApi,
  renderInDeliveryContext,
} from '../../__testUtils__/render';
import { ActionButton, ActionChoice } from './ActionButton';

function renderButton(choices: ActionChoice[], onOpen?: () => void) {
  return renderInDeliveryContext(
    <ActionButton
      label="Stop…"
      title="Stop deployment d-1?"
      choices={choices}
      onOpen={onOpen}
    >
      Traffic stays where it is.
    </ActionButton>,
    { api: mockAwsCicdApi() },
  );
}

async function open() {
  await userEvent.click(screen.getByRole('button', { name: 'Stop…' }));
  return within(screen.getByRole('dialog', { name: 'Stop deployment d-1?' }));
}

describe('ActionButton', () => {
  it('asks first: nothing runs until a choice is pressed, and Cancel runs nothing', async () => {
    const run = jest.fn(async () => 'Stopped.');
    const onOpen = jest.fn();
    const { refresh } = await renderButton(
      [{ label: 'Stop deployment', run }],
      onOpen,
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    const dialog = await open();
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(dialog.getByText('Traffic stays where it is.')).toBeInTheDocument();
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(run).not.toHaveBeenCalled();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('runs the choice pressed, says what happened, closes and refreshes the page', async () => {
    const stop = jest.fn(async () => 'Stopping d-1.');
    const rollback = jest.fn(async () => 'Rolling back d-1.');
    const { refresh } = await renderButton([
      { label: 'Stop deployment', run: stop },
      { label: 'Stop and roll back', destructive: true, run: rollback },
    ]);
    const dialog = await open();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop and roll back' }),
    );
    expect(await screen.findByText('Rolling back d-1.')).toBeInTheDocument();
    expect(rollback).toHaveBeenCalledTimes(1);
    expect(stop).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('shows that it works and blocks every button until the action answers', async () => {
    let finish: (message: string) => void = () => {};
    const run = jest.fn(
      () => new Promise<string>(resolve => (finish = resolve)),
    );
    await renderButton([
      { label: 'Stop deployment', run },
      { label: 'Stop and roll back', run: async () => 'no' },
    ]);
    const dialog = await open();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    );
    const pressed = dialog.getByRole('button', { name: /Stop deployment/ });
    expect(within(pressed).getByLabelText('Working')).toBeInTheDocument();
    expect(pressed).toBeDisabled();
    expect(
      dialog.getByRole('button', { name: 'Stop and roll back' }),
    ).toBeDisabled();
    expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();

    finish('Stopping d-1.');
    expect(await screen.findByText('Stopping d-1.')).toBeInTheDocument();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('keeps the dialog open with the server’s reason when the action fails, and does not refresh', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'You may not stop d-1.' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const run = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(error)
      .mockResolvedValue('Stopping d-1.');
    const { refresh } = await renderButton([{ label: 'Stop deployment', run }]);
    const dialog = await open();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    );
    expect(
      await dialog.findByText('That did not work: You may not stop d-1.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(refresh).not.toHaveBeenCalled();

    // Trying again clears the old error.
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    );
    expect(await screen.findByText('Stopping d-1.')).toBeInTheDocument();
    expect(screen.queryByText(/That did not work/)).not.toBeInTheDocument();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('forgets a failure when the dialog is opened again', async () => {
    await renderButton([
      {
        label: 'Stop deployment',
        run: async () => {
          throw new Error('Throttled');
        },
      },
    ]);
    let dialog = await open();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    );
    expect(
      await dialog.findByText('That did not work: Throttled'),
    ).toBeInTheDocument();
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    dialog = await open();
    expect(dialog.queryByText(/That did not work/)).not.toBeInTheDocument();
  });

  it('disables a choice that cannot be made yet and says why', async () => {
    const run = jest.fn(async () => 'Approved.');
    await renderButton([
      {
        label: 'Approve',
        run,
        disabledReason: 'Write a comment first.',
      },
    ]);
    const dialog = await open();
    const approve = dialog.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAttribute('title', 'Write a comment first.');
    expect(run).not.toHaveBeenCalled();
  });
});
