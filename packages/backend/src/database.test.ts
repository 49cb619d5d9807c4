import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backendFeatures } from './features';
import { startThrowawayPostgres, ThrowawayPostgres } from './testing/postgres';

const repoRoot = resolve(__dirname, '../../..');

// How long ingestion may take before the test fails: seconds when the
// machine is idle, more beside a full test run on 2 cores.
const INGESTION_DEADLINE_MS = 120_000;

type CatalogEntity = {
  metadata?: { name?: string };
  spec?: { owner?: string };
};

type CatalogRead = {
  component: CatalogEntity;
  groups: string[];
  users: string[];
};

const EXPECTED_GROUPS = ['platform-team', 'team-payments', 'team-fulfilment'];
const EXPECTED_USERS = ['guest'];

/** What the catalog has not ingested yet, by entity name. */
function missing(read: CatalogRead): string[] {
  return [
    ...(read.component.spec?.owner ? [] : ['component liftoff']),
    ...EXPECTED_GROUPS.filter(g => !read.groups.includes(g)).map(
      g => `group ${g}`,
    ),
    ...EXPECTED_USERS.filter(u => !read.users.includes(u)).map(
      u => `user ${u}`,
    ),
  ];
}

/**
 * Boots the backend's own feature list against a database and waits until
 * the catalog has ingested the root catalog-info.yaml and what its Location
 * points at.
 */
async function bootAndReadCatalog(database: JsonObject): Promise<CatalogRead> {
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
    const read = async () => ({
      component: (await fetch(
        `${base}/entities/by-name/component/default/liftoff`,
      ).then(r => r.json())) as CatalogEntity,
      groups: await names('kind=group'),
      users: await names('kind=user'),
    });
    // Ingestion is asynchronous and its pace depends on the machine's load:
    // poll until everything expected is in (the org is one Location hop away
    // from the root file), bounded by a generous deadline.
    const deadline = Date.now() + INGESTION_DEADLINE_MS;
    let result = await read();
    while (missing(result).length > 0) {
      if (Date.now() > deadline) {
        throw new Error(
          `The catalog had not ingested ${missing(result).join(', ')} ` +
            `${INGESTION_DEADLINE_MS / 1000} s after the backend started; ` +
            `it had groups [${result.groups.join(', ')}], ` +
            `users [${result.users.join(', ')}]`,
        );
      }
      await new Promise(r => setTimeout(r, 250));
      result = await read();
    }
    return result;
  } finally {
    await backend.stop();
  }
}

// What a booted demo backend must have ingested from the root catalog-info.yaml.
const EXPECTED = {
  component: { name: 'liftoff', owner: 'group:default/platform-team' },
  groups: expect.arrayContaining(EXPECTED_GROUPS),
  users: expect.arrayContaining(EXPECTED_USERS),
};

function summarize(result: CatalogRead) {
  return {
    component: {
      name: result.component.metadata?.name,
      owner: result.component.spec?.owner,
    },
    groups: result.groups,
    users: result.users,
  };
}

// Boots a whole backend per database: migrations and the first catalog pass,
// then up to INGESTION_DEADLINE_MS of ingestion.
jest.setTimeout(INGESTION_DEADLINE_MS + 60_000);

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
