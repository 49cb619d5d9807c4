/** One AWS call as the emulator answered it. */
export interface CallRecord {
  /** CodePipeline | CodeDeploy | CodeBuild | CloudWatch | STS (or the raw target prefix when unknown). */
  service: string;
  operation: string;
  /** Wall-clock time of the call (not simulated time), so benchmarks can measure rates. */
  time: Date;
  status: number;
  errorCode?: string;
  requestId: string;
  region: string;
  durationMs: number;
  /** Who signed the call: `arn:aws:iam::<account>:user/<access key id>` or the assumed-role ARN. */
  caller: string;
  /** The role ARN the call acts as, when it was signed with temporary credentials from STS AssumeRole. */
  role?: string;
}

/** The public face of the call log. */
export interface CallLog {
  log(): CallRecord[];
  /** Calls per `Service.Operation`. */
  counts(): Record<string, number>;
  reset(): void;
}

/** Keeps every call (bounded, oldest dropped first) and running counts that survive the bound. */
export class MemoryCallLog implements CallLog {
  private records: CallRecord[] = [];
  private totals = new Map<string, number>();

  constructor(private readonly limit = 100_000) {}

  record(call: CallRecord): void {
    this.records.push(call);
    if (this.records.length > this.limit)
      this.records.splice(0, this.records.length - this.limit);
    const key = `${call.service}.${call.operation}`;
    this.totals.set(key, (this.totals.get(key) ?? 0) + 1);
  }

  log(): CallRecord[] {
    return this.records.map(r => ({ ...r }));
  }

  counts(): Record<string, number> {
    return Object.fromEntries(
      [...this.totals.entries()].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  reset(): void {
    this.records = [];
    this.totals = new Map();
  }
}
