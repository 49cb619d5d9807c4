export { AwsCicdContent } from './AwsCicdContent';
