export {
  SectionErrorPanel,
  ExternalLink,
  LiveDuration,
  Countdown,
} from './common';
export { LoadOlder, useLoadOlder } from './LoadOlder';
