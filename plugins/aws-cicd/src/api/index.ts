export { awsCicdApiRef } from './AwsCicdApi';
export type { AwsCicdApi } from './AwsCicdApi';
export { AwsCicdClient } from './AwsCicdClient';
