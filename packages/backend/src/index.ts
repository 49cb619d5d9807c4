/*
 * Liftoff's demo and development backend: the new backend system with the
 * catalog, the scaffolder, guest sign-in, permissions and the Liftoff plugins.
 */
import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';

const backend = createBackend();
for (const feature of backendFeatures) {
  backend.add(feature);
}
backend.start();
