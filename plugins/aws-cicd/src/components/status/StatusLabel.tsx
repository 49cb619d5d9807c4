import { statusOf } from './status';

/**
 * A status icon with its label beside it: the icon alone is aria-hidden and
 * several states share a colour, so the words always go with it.
 */
export function StatusLabel(props: {
  status: string | undefined;
  /** Overrides the label (the icon still comes from the status). */
  label?: string;
  whenMissing?: string;
}) {
  const info = statusOf(props.status, props.whenMissing);
  const { Icon } = info;
  return <Icon>{props.label ?? info.label}</Icon>;
}
