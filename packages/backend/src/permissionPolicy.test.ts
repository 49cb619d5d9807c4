import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { awsCicdPermissions } from '@liftoff/plugin-aws-cicd-common';
import { LiftoffPermissionPolicy } from './permissionPolicy';

// The catalog's and scaffolder's permissions as they declare them (names,
// attributes, resource types); the policy goes by these.
const entity = 'catalog-entity';
const catalogEntityReadPermission = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: entity,
});
const catalogEntityCreatePermission = createPermission({
  name: 'catalog.entity.create',
  attributes: { action: 'create' },
});
const catalogEntityDeletePermission = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: entity,
});
const catalogEntityRefreshPermission = createPermission({
  name: 'catalog.entity.refresh',
  attributes: { action: 'update' },
  resourceType: entity,
});
const catalogLocationCreatePermission = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
const catalogLocationDeletePermission = createPermission({
  name: 'catalog.location.delete',
  attributes: { action: 'delete' },
});
const actionExecutePermission = createPermission({
  name: 'scaffolder.action.execute',
  attributes: {},
  resourceType: 'scaffolder-action',
});
const templateParameterReadPermission = createPermission({
  name: 'scaffolder.template.parameter.read',
  attributes: { action: 'read' },
  resourceType: 'scaffolder-template',
});
const taskReadPermission = createPermission({
  name: 'scaffolder.task.read',
  attributes: { action: 'read' },
  resourceType: 'scaffolder-task',
});
const taskCreatePermission = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});
const taskCancelPermission = createPermission({
  name: 'scaffolder.task.cancel',
  attributes: {},
  resourceType: 'scaffolder-task',
});
const templateManagementPermission = createPermission({
  name: 'scaffolder.template.management',
  attributes: {},
});

const guest: PolicyQueryUser = {
  credentials: {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/guest' },
  },
  info: {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest'],
  },
};

/** What the sign-in resolved: the guest and its group. */
const userInfo = {
  async getUserInfo() {
    return {
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: [
        'user:default/guest',
        'group:default/team-payments',
      ],
    };
  },
};

describe('LiftoffPermissionPolicy', () => {
  const policy = new LiftoffPermissionPolicy(userInfo);
  const decide = (permission: any) => policy.handle({ permission }, guest);
  const anonymous = (permission: any) => policy.handle({ permission });

  it.each(awsCicdPermissions.map(p => [p.name, p]))(
    'allows %s to members of the owning group (isEntityOwner)',
    async (_name, permission) => {
      expect(await decide(permission)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/guest', 'group:default/team-payments'],
          },
        },
      });
    },
  );

  it('allows every read to signed-in users', async () => {
    for (const permission of [
      catalogEntityReadPermission,
      templateParameterReadPermission,
      taskReadPermission,
      createPermission({
        name: 'other.thing.read',
        attributes: { action: 'read' },
      }),
    ]) {
      expect(await decide(permission)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('allows what the catalog and scaffolder need to register and create components', async () => {
    for (const permission of [
      catalogEntityCreatePermission,
      catalogEntityRefreshPermission,
      catalogLocationCreatePermission,
      actionExecutePermission,
      taskCreatePermission,
    ]) {
      expect((await decide(permission)).result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('keeps unregistering to owners and task cancelling to the task creator', async () => {
    expect(await decide(catalogEntityDeletePermission)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_ENTITY_OWNER' },
    });
    expect(await decide(taskCancelPermission)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: ['user:default/guest'] },
      },
    });
  });

  it('denies everything else, and everything without a signed-in user', async () => {
    for (const permission of [
      catalogLocationDeletePermission,
      templateManagementPermission,
      createPermission({
        name: 'other.thing.delete',
        attributes: { action: 'delete' },
      }),
      createPermission({ name: 'other.thing.do', attributes: {} }),
    ]) {
      expect(await decide(permission)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
    expect(await anonymous(catalogEntityReadPermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await anonymous(awsCicdPermissions[0])).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
