/*
 * Who signs the calls. Static access keys are users of the account they are mapped to (`accounts[].accessKeyIds`)
 * or of the scenario's account; STS AssumeRole hands out temporary keys that act as a role, in the role's account,
 * so every later call made with them is known by that role (the call log records it).
 */
import { createHash, randomBytes } from 'node:crypto';

/** Who signed a call, as STS GetCallerIdentity would name it. */
export interface Caller {
  /** `arn:aws:iam::<account>:user/<access key id>` or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  arn: string;
  /** `AIDA...` for a user, `AROA...:<session>` for an assumed role. */
  userId: string;
  account: string;
  /** The role the call acts as, when it was signed with temporary credentials from AssumeRole. */
  role?: { arn: string; sessionName: string };
}

/** A role session: the temporary credentials AssumeRole returned. */
export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Wall-clock time: SDKs compare it with the machine's clock to refresh the credentials. */
  expiration: Date;
  roleArn: string;
  sessionName: string;
  caller: Caller;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[bytes[i % bytes.length] % 32];
  return out;
}

/** IAM unique ids (`AIDA...`, `AROA...`) are stable per principal, as in AWS. */
function uniqueId(prefix: string, of: string): string {
  return prefix + base32(createHash('sha256').update(of).digest(), 17);
}

/** `arn:<partition>:iam::<account>:role/<path/>name` (already validated by the caller). */
export function parseRoleArn(
  arn: string,
): { partition: string; account: string; roleName: string } | undefined {
  const match =
    /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(
      arn,
    );
  if (!match) return undefined;
  return { partition: match[1], account: match[2], roleName: match[3] };
}

export class Identities {
  private readonly sessions = new Map<string, RoleSession>();

  constructor(
    private readonly accessKeys: ReadonlyMap<string, string>,
    private readonly defaultAccount: () => string,
  ) {}

  /** The caller behind an access key id: a role session's role, else a user of the key's account. */
  caller(accessKeyId: string | undefined): Caller {
    const session = accessKeyId ? this.sessions.get(accessKeyId) : undefined;
    if (session) return session.caller;
    const account =
      (accessKeyId && this.accessKeys.get(accessKeyId)) ||
      this.defaultAccount();
    const name = accessKeyId ?? 'anonymous';
    return {
      arn: `arn:aws:iam::${account}:user/${name}`,
      userId: uniqueId('AIDA', `${account}/${name}`),
      account,
    };
  }

  /** A new role session of `durationSeconds` from `now` (wall clock). */
  assumeRole(request: {
    roleArn: string;
    sessionName: string;
    durationSeconds: number;
    now: Date;
  }): RoleSession {
    const role = parseRoleArn(request.roleArn);
    if (!role) throw new Error(`Not a role ARN: ${request.roleArn}`);
    const accessKeyId = `ASIA${base32(randomBytes(16), 16)}`;
    const session: RoleSession = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(
        request.now.getTime() + request.durationSeconds * 1000,
      ),
      roleArn: request.roleArn,
      sessionName: request.sessionName,
      caller: {
        arn: `arn:${role.partition}:sts::${role.account}:assumed-role/${role.roleName}/${request.sessionName}`,
        userId: `${uniqueId('AROA', request.roleArn)}:${request.sessionName}`,
        account: role.account,
        role: { arn: request.roleArn, sessionName: request.sessionName },
      },
    };
    this.sessions.set(accessKeyId, session);
    return session;
  }
}
