import { main } from './cli';
import { Printer } from './output';

const FIXTURE = `${__dirname}/__fixtures__/service-template/template.yaml`;

function capture(): Printer & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: l => stdout.push(l), err: l => stderr.push(l) };
}

describe('liftoff scaffold: values and usage', () => {
  it('reports each invalid value as field: message before anything runs', async () => {
    const printer = capture();
    const code = await main(
      [
        'scaffold',
        FIXTURE,
        '--set',
        'name=Payments API',
        '--set',
        'platform=ec2',
      ],
      printer,
    );
    expect(code).toBe(2);
    expect(printer.stderr).toEqual([
      'Invalid values:',
      '  owner: is required',
      '  name: does not match pattern "^[a-z][a-z0-9-]{1,40}$"',
      '  platform: is not one of enum values: lambda,ecs',
    ]);
    expect(printer.stdout).toEqual([]);
  });

  it('validates against the template file in task mode too, without calling the server', async () => {
    const printer = capture();
    const code = await main(
      [
        'scaffold',
        FIXTURE,
        '--backstage-url',
        'http://127.0.0.1:9',
        '--set',
        'owner=me',
      ],
      printer,
    );
    expect(code).toBe(2);
    expect(printer.stderr).toEqual(['Invalid values:', '  name: is required']);
  });

  it('explains usage mistakes', async () => {
    const printer = capture();
    expect(await main(['deploy'], printer)).toBe(2);
    expect(printer.stderr[0]).toMatch(/^Usage: liftoff scaffold/);
    expect(await main(['scaffold', 'template:default/x'], printer)).toBe(2);
    expect(printer.stderr.at(-1)).toBe(
      "'template:default/x' is not a file. A template ref needs --backstage-url; in-process runs take a template.yaml",
    );
    expect(await main(['scaffold', FIXTURE, '--nope'], printer)).toBe(2);
    expect(printer.stderr.at(-1)).toMatch(/Unknown option '--nope'/);
    expect(await main(['scaffold', `${__dirname}/cli.ts`], printer)).toBe(2);
  });
});
