/*
 * The CI/CD tab's requests on first render, as plugins/aws-cicd/src makes
 * them, sent as the signed-in user with the browser's Accept-Encoding:
 *
 *   - DeliveryBoundary: useDelivery -> GET /delivery, and at the same time
 *     useAwsCicdPermissions -> six usePermission checks, batched by the
 *     permission API's DataLoader into one POST /api/permission/authorize;
 *   - the first history page of each pipeline comes in /delivery's answer
 *     (`history` of the pipeline section); only a pipeline with a state but
 *     no history there makes its ExecutionHistory ask
 *     GET /pipelines/:name/executions once /delivery answered.
 *
 * Build phases, action executions and older pages load only on a click.
 * Paths are built from the routes declared in -common, as the client does.
 */
import {
  awsCicdApprovalPermission,
  awsCicdContinueDeploymentPermission,
  awsCicdRetryStagePermission,
  awsCicdStartExecutionPermission,
  awsCicdStopDeploymentPermission,
  awsCicdStopExecutionPermission,
  awsCicdPath,
  awsCicdRoutes,
} from '@liftoff/plugin-aws-cicd-common';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** Where the app mounts the aws-cicd backend plugin. */
const AWS_CICD_BASE = '/api/aws-cicd';

const TAB_PERMISSIONS = [
  awsCicdApprovalPermission,
  awsCicdRetryStagePermission,
  awsCicdStartExecutionPermission,
  awsCicdStopExecutionPermission,
  awsCicdStopDeploymentPermission,
  awsCicdContinueDeploymentPermission,
];

export type RequestKind = 'delivery' | 'authorize' | 'executions';

export interface RequestTiming {
  kind: RequestKind;
  ms: number;
  status: number;
  bytes: number;
}

export interface ViewResult {
  /** From the first request sent to the last answer read. */
  ms: number;
  requests: RequestTiming[];
  /** Failed requests (not 2xx, or no answer). */
  errors: number;
  /** Sections of /delivery that carry an error (Timeout, Throttled, ...). */
  sectionErrors: number;
  /** Their error names, one per section. */
  sectionErrorNames: string[];
  inProgress: boolean;
}

interface Answer {
  status: number;
  body: Buffer;
  wireBytes: number;
}

function send(
  base: URL,
  agent: Agent,
  token: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  return new Promise((done, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: payload ? 'POST' : 'GET',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          accept: '*/*',
          'accept-encoding': 'gzip, deflate, br',
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          let decoded = raw;
          if (encoding === 'gzip') decoded = gunzipSync(raw);
          else if (encoding === 'br') decoded = brotliDecompressSync(raw);
          else if (encoding === 'deflate') decoded = inflateSync(raw);
          done({
            status: res.statusCode ?? 0,
            body: decoded,
            wireBytes: raw.length,
          });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

/** One browser: its own kept-alive connections, its user's token. */
export class Viewer {
  private readonly base: URL;
  readonly agent = new Agent({ keepAlive: true, maxSockets: 6 });

  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.base = new URL(baseUrl);
  }

  private async timed(
    kind: RequestKind,
    path: string,
    body?: unknown,
  ): Promise<{ timing: RequestTiming; answer?: Answer }> {
    const started = performance.now();
    try {
      const answer = await send(this.base, this.agent, this.token, path, body);
      const timing = {
        kind,
        ms: performance.now() - started,
        status: answer.status,
        bytes: answer.wireBytes,
      };
      return { timing, answer };
    } catch {
      return {
        timing: { kind, ms: performance.now() - started, status: 0, bytes: 0 },
      };
    }
  }

  /** The tab's first render for `component:default/<name>`. */
  async view(name: string): Promise<ViewResult> {
    const entityRef = `component:default/${name}`;
    const entity = { namespace: 'default', kind: 'component', name };
    const started = performance.now();
    const permissions = this.timed('authorize', '/api/permission/authorize', {
      items: TAB_PERMISSIONS.map(permission => ({
        id: randomUUID(),
        permission,
        resourceRef: entityRef,
      })),
    });
    const delivery = await this.timed(
      'delivery',
      AWS_CICD_BASE + awsCicdPath(awsCicdRoutes.delivery, entity),
    );
    const requests = [delivery.timing];
    let inProgress = false;
    let sectionErrors = 0;
    let sectionErrorNames: string[] = [];
    if (delivery.answer?.status === 200) {
      const value = JSON.parse(delivery.answer.body.toString('utf8')) as {
        inProgress?: boolean;
        pipelines: {
          name: string;
          pipeline?: unknown;
          history?: unknown;
          error?: unknown;
        }[];
        deploymentGroups: { error?: unknown; alarms?: { error?: unknown } }[];
        buildProjects: { error?: unknown }[];
      };
      inProgress = Boolean(value.inProgress);
      sectionErrorNames = [
        ...value.pipelines,
        ...value.deploymentGroups,
        ...value.deploymentGroups.map(g => g.alarms ?? {}),
        ...value.buildProjects,
      ]
        .filter(s => s.error)
        .map(s => (s.error as { name?: string }).name ?? 'error');
      sectionErrors = sectionErrorNames.length;
      const histories = await Promise.all(
        value.pipelines
          .filter(p => p.pipeline && !p.history)
          .map(p =>
            this.timed(
              'executions',
              AWS_CICD_BASE +
                awsCicdPath(awsCicdRoutes.executions, {
                  ...entity,
                  pipeline: p.name,
                }),
            ),
          ),
      );
      requests.push(...histories.map(h => h.timing));
    }
    requests.push((await permissions).timing);
    return {
      ms: performance.now() - started,
      requests,
      errors: requests.filter(r => r.status < 200 || r.status >= 300).length,
      sectionErrors,
      sectionErrorNames,
      inProgress,
    };
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A user token the way the app gets one: guest sign-in's refresh. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}
