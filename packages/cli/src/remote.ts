/*
 * Runs a template as a real task on a Backstage instance: POST
 * /api/scaffolder/v2/tasks with the template's ref (it must be registered in
 * that catalog), then the task's events (long-polled) until it completes.
 */
import { JsonObject } from '@backstage/types';
import { InvalidValuesError, refusedValues } from './values';

export interface RemoteOptions {
  baseUrl: string;
  token?: string;
  templateRef: string;
  values: Record<string, unknown>;
  secrets?: Record<string, string>;
  onLog(line: string, stepId?: string): void;
  /** Gives up after this many milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RemoteResult {
  taskId: string;
  status: string;
  output: JsonObject;
  error?: string;
}

interface TaskEvent {
  id: number;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    error?: { message?: string };
  };
}

export class BackstageClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/api/scaffolder${path}`;
    const response = await fetch(url, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(this.token && { authorization: `Bearer ${this.token}` }),
        ...init.headers,
      },
    });
    const text = await response.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const refused = response.status === 400 ? refusedValues(body) : undefined;
      if (refused) throw new InvalidValuesError(refused);
      const message =
        body?.error?.message ??
        (Array.isArray(body?.errors)
          ? body.errors
              .map(
                (e: { stack?: string; message?: string }) =>
                  e.stack ?? e.message,
              )
              .join('; ')
          : text.slice(0, 300));
      throw new Error(
        `${init.method ?? 'GET'} ${url}: HTTP ${response.status} ${message}`,
      );
    }
    return body as T;
  }

  /** The parameter pages of a registered template, as the wizard gets them. */
  async parameterSchema(templateRef: string): Promise<JsonObject[]> {
    const m = /^(?:([^:]+):)?(?:([^/]+)\/)?(.+)$/.exec(templateRef)!;
    const [kind, namespace, name] = [
      m[1] ?? 'template',
      m[2] ?? 'default',
      m[3],
    ];
    const body = await this.request<{ steps: Array<{ schema: JsonObject }> }>(
      `/v2/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/parameter-schema`,
    );
    return body.steps.map(s => s.schema);
  }
}

export async function runRemoteTask(
  options: RemoteOptions,
): Promise<RemoteResult> {
  const client = new BackstageClient(options.baseUrl, options.token);
  const { id: taskId } = await client.request<{ id: string }>('/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({
      templateRef: options.templateRef,
      values: options.values,
      secrets: options.secrets,
    }),
  });
  options.onLog(`Task ${taskId} created`);
  const deadline = Date.now() + (options.timeoutMs ?? 2 * 3600_000);
  let after: number | undefined = undefined;
  for (;;) {
    if (options.signal?.aborted) throw new Error('Aborted');
    if (Date.now() > deadline) {
      throw new Error(
        `Task ${taskId} did not finish in time; it keeps running on the server`,
      );
    }
    // Long poll: answers as soon as there are events, or [] after 30 s.
    const events: TaskEvent[] = await client.request(
      `/v2/tasks/${encodeURIComponent(taskId)}/events${after === undefined ? '' : `?after=${after}`}`,
    );
    for (const event of events) {
      after = event.id;
      if (event.type === 'log' && event.body.message) {
        options.onLog(event.body.message, event.body.stepId);
      }
      if (event.type === 'completion' || event.type === 'cancelled') {
        const task = await client.request<{ status: string }>(
          `/v2/tasks/${encodeURIComponent(taskId)}`,
        );
        const body = event.body as {
          output?: JsonObject;
          error?: { message?: string };
        };
        return {
          taskId,
          status: task.status,
          output: body.output ?? {},
          error:
            body.error?.message ??
            (task.status === 'completed' ? undefined : `Task ${task.status}`),
        };
      }
    }
  }
}
