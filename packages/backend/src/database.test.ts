import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backendFeatures } from './features';
import { startThrowawayPostgres, ThrowawayPostgres } from './testing/postgres';

const repoRoot = resolve(__dirname, '../../..');

/**
 * Boots the backend's own feature list against a database and waits until
 * the catalog has ingested the root catalog-info.yaml and what its Location
 * points at.
 */
async function bootAndReadCatalog(database: JsonObject) {
  const backend = await startTestBackend({
    features: [
      ...backendFeatures,
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { title: 'Liftoff', baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007', database },
          auth: { providers: { guest: {} } },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Template',
                  'Group',
                  'User',
                  'Domain',
                ],
              },
            ],
            locations: [
              { type: 'file', target: join(repoRoot, 'catalog-info.yaml') },
            ],
          },
        },
      }),
    ],
  });
  try {
    const base = `http://localhost:${backend.server.port()}/api/catalog`;
    const names = async (filter: string): Promise<string[]> => {
      const res = await fetch(
        `${base}/entities/by-query?filter=${filter}&limit=100`,
      );
      const body = (await res.json()) as {
        items: { metadata: { name: string } }[];
      };
      return body.items.map(e => e.metadata.name).sort();
    };
    // Ingestion is asynchronous: poll until the org (one Location hop away
    // from the root file) is in.
    const deadline = Date.now() + 60_000;
    let groups = await names('kind=group');
    while (!groups.includes('team-payments') && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 200));
      groups = await names('kind=group');
    }
    const component = await fetch(
      `${base}/entities/by-name/component/default/liftoff`,
    ).then(r => r.json());
    return { component, groups, users: await names('kind=user') };
  } finally {
    await backend.stop();
  }
}

// What a booted demo backend must have ingested from the root catalog-info.yaml.
const EXPECTED = {
  component: { name: 'liftoff', owner: 'group:default/platform-team' },
  groups: expect.arrayContaining([
    'platform-team',
    'team-payments',
    'team-fulfilment',
  ]),
  users: expect.arrayContaining(['guest']),
};

function summarize(result: Awaited<ReturnType<typeof bootAndReadCatalog>>) {
  return {
    component: {
      name: result.component.metadata?.name,
      owner: result.component.spec?.owner,
    },
    groups: result.groups,
    users: result.users,
  };
}

// Boots a whole backend per database: migrations and the first catalog pass.
jest.setTimeout(120_000);

describe('the backend on its databases', () => {
  it('ingests the root catalog-info.yaml on SQLite files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liftoff-sqlite-'));
    try {
      const result = await bootAndReadCatalog({
        client: 'better-sqlite3',
        connection: { directory: dir },
      });
      expect(summarize(result)).toEqual(EXPECTED);
      // One file per plugin, kept on disk (the demo keeps its state).
      expect(readdirSync(dir)).toEqual(
        expect.arrayContaining(['catalog.sqlite']),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('on PostgreSQL', () => {
    let pg: ThrowawayPostgres;
    beforeAll(async () => {
      pg = await startThrowawayPostgres();
    });
    afterAll(() => pg?.stop());

    it('ingests the root catalog-info.yaml', async () => {
      const result = await bootAndReadCatalog({
        client: 'pg',
        connection: { host: pg.host, port: pg.port, user: pg.user },
      });
      expect(summarize(result)).toEqual(EXPECTED);
    });
  });
});
