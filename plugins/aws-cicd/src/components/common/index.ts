export {
  SectionErrorPanel,
  ExternalLink,
  LiveDuration,
  Countdown,
} from './common';
