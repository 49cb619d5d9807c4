import fs from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/** Where the CLI writes: stdout for the log, stderr for problems. */
export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

export const consolePrinter: Printer = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** A step log line as the scaffolder writes it ("info: message", coloured). */
export function cleanLogMessage(message: string): string {
  return message.replace(ANSI, '');
}

export function writeFiles(
  outputDir: string,
  files: Array<{ path: string; base64Content: string; executable?: boolean }>,
): string[] {
  const root = resolve(outputDir);
  const written: string[] = [];
  for (const file of files) {
    const target = resolve(root, file.path);
    if (target !== root && !target.startsWith(root + sep)) {
      throw new Error(`Refusing to write ${file.path} outside ${root}`);
    }
    fs.mkdirSync(dirname(target), { recursive: true });
    fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'), {
      mode: file.executable ? 0o755 : 0o644,
    });
    written.push(file.path);
  }
  return written;
}
