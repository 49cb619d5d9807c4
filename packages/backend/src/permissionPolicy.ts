import {
  BackstageUserPrincipal,
  UserInfoService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { awsCicdPermissions } from '@liftoff/plugin-aws-cicd-common';

const ALLOW = { result: AuthorizeResult.ALLOW } as const;
const DENY = { result: AuthorizeResult.DENY } as const;

/**
 * Non-read permissions that every signed-in user needs for Backstage's own
 * features in this app: registering components (the create-component wizard
 * and "register existing component"), refreshing an entity, running the
 * scaffolder.
 */
const ALLOWED_WRITES = new Set([
  'catalog.entity.create',
  'catalog.entity.refresh',
  'catalog.entity.validate',
  'catalog.location.create',
  'catalog.location.analyze',
  'scaffolder.action.execute',
  'scaffolder.task.create',
  'scaffolder.template.dry-run',
]);

const AWS_CICD_WRITES = new Set(awsCicdPermissions.map(p => p.name));

/**
 * The recommended policy for Liftoff, and the demo's:
 *
 * 1. Nobody without a signed-in user gets anything. (Service-to-service calls
 *    never reach a policy: the permission framework allows them itself.)
 * 2. The Liftoff write actions (approve/reject, retry a stage, start or stop
 *    an execution, stop or continue a deployment) are allowed to members of
 *    the entity's owning group, i.e. when one of the user's ownership refs
 *    (the user and its groups) owns the entity: catalog's isEntityOwner.
 * 3. Unregistering an entity (catalog.entity.delete) likewise: owners only.
 *    Cancelling a scaffolder task: only the user who started it.
 * 4. Every read (a permission whose action is `read`: catalog entities and
 *    locations, scaffolder templates and tasks, ...) is allowed, so reads on
 *    the entity page work for every signed-in user.
 * 5. {@link ALLOWED_WRITES}: what Backstage's own features need.
 * 6. Everything else is denied: deleting locations, managing ingestion and
 *    templates, and any other plugin's create/update/delete or unclassified
 *    permission, until it is listed here.
 */
export class LiftoffPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return DENY;
    }
    const { permission } = request;
    // The user and the groups it belongs to, as the sign-in resolved them.
    const { ownershipEntityRefs: claims } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const userEntityRef = (user.credentials.principal as BackstageUserPrincipal)
      .userEntityRef;

    if (AWS_CICD_WRITES.has(permission.name)) {
      return isResourcePermission(permission, 'catalog-entity')
        ? createCatalogConditionalDecision(
            permission,
            catalogConditions.isEntityOwner({ claims }),
          )
        : DENY;
    }
    if (
      permission.name === 'catalog.entity.delete' &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (
      permission.name === 'scaffolder.task.cancel' &&
      isResourcePermission(permission, 'scaffolder-task')
    ) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [userEntityRef],
        }),
      );
    }
    if (permission.attributes.action === 'read') {
      return ALLOW;
    }
    if (ALLOWED_WRITES.has(permission.name)) {
      return ALLOW;
    }
    return DENY;
  }
}

export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'liftoff-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new LiftoffPermissionPolicy(userInfo));
      },
    });
  },
});
