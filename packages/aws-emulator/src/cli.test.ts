import { spawn } from 'node:child_process';
import { Agent, get } from 'node:http';
import { resolve } from 'node:path';
import { parseCli } from './cli';
import { demoScenarioPath } from './index';

describe('parseCli', () => {
  it('defaults to the demo on port 4599 at 10x', () => {
    expect(parseCli([])).toEqual({
      port: 4599,
      host: '127.0.0.1',
      scenario: demoScenarioPath,
      speed: 10,
      manual: false,
    });
    expect(
      parseCli([
        '--port',
        '0',
        '--speed',
        '60',
        '--scenario',
        'x.yaml',
        '--manual',
      ]),
    ).toMatchObject({
      port: 0,
      speed: 60,
      scenario: 'x.yaml',
      manual: true,
    });
    expect(parseCli(['--help'])).toBe('help');
  });

  it('rejects bad values', () => {
    expect(() => parseCli(['--port', 'abc'])).toThrow('--port');
    expect(() => parseCli(['--speed', '0'])).toThrow('--speed');
    expect(() => parseCli(['--bogus'])).toThrow();
  });
});

describe('the liftoff-aws-emulator bin', () => {
  it('starts, prints its URL, answers, and stops on SIGTERM', async () => {
    const bin = resolve(__dirname, '../bin/liftoff-aws-emulator.js');
    const child = spawn(process.execPath, [bin, '--port', '0', '--manual'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed: ${output}`)),
        20_000,
      );
      child.stdout.on('data', () => {
        const match = output.match(/listening on (http:\/\/[^\s]+)/);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
    });
    const agent = new Agent();
    const health = await new Promise<any>((resolveBody, reject) => {
      get(`${url}/__emulator/health`, { agent }, res => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolveBody(JSON.parse(body)));
      }).on('error', reject);
    });
    agent.destroy();
    expect(health).toMatchObject({ status: 'ok', clock: { mode: 'manual' } });
    const exit = new Promise<number | null>(r =>
      child.on('exit', code => r(code)),
    );
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).toContain('Received SIGTERM, stopping');
  }, 30_000);
});
