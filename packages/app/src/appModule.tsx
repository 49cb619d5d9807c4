import { SignInPage } from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** Guest sign-in: the demo runs without an identity provider. */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props => (
      <SignInPage {...props} auto providers={['guest']} />
    ),
  },
});

export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
