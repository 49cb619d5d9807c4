import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogImportPlugin from '@backstage/plugin-catalog-import/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import awsCicdPlugin from '@liftoff/plugin-aws-cicd/alpha';
import { appModule } from './appModule';
import { scaffolderModule } from './scaffolderModule';

export default createApp({
  features: [
    catalogPlugin,
    catalogImportPlugin,
    scaffolderPlugin,
    orgPlugin,
    userSettingsPlugin,
    awsCicdPlugin,
    appModule,
    scaffolderModule,
  ],
});
