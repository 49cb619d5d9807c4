import { main } from './cli';
import { Printer } from './output';

const FIXTURE = `${__dirname}/__fixtures__/service-template/template.yaml`;
const CHOICES = `${__dirname}/__fixtures__/choices-template/template.yaml`;

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
      `  name: "Payments API" is not of the form: a lowercase letter, then 1 to 40 lowercase letters, digits or '-'`,
      '  platform: "ec2" is not one of: lambda, ecs',
    ]);
    expect(printer.stdout).toEqual([]);
  });

  it('keeps digits text where the schema wants text, and says in words what the chosen strategy needs', async () => {
    const printer = capture();
    const code = await main(
      [
        'scaffold',
        CHOICES,
        '--set',
        'stagingAccount=555555555555',
        '--set',
        'strategy=canary',
        '--set',
        'percentage=150',
        '--set',
        'intervalMinutes=5',
      ],
      printer,
    );
    expect(code).toBe(2);
    expect(printer.stderr).toEqual([
      'Invalid values:',
      '  percentage: 150 is not between 1 and 99',
    ]);
  });

  it('names each field, value and rule, for values that cannot be typed too', async () => {
    const printer = capture();
    const code = await main(
      [
        'scaffold',
        CHOICES,
        '--set',
        'stagingAccount=5555',
        '--set',
        'manualApproval=maybe',
        '--set',
        'strategy=linear',
        '--set',
        'percentage=ten',
      ],
      printer,
    );
    expect(code).toBe(2);
    expect(printer.stderr).toEqual([
      'Invalid values:',
      '  stagingAccount: "5555" is not of the form: 12 digits',
      '  manualApproval: "maybe" is not true or false',
      '  intervalMinutes: is required',
      '  percentage: "ten" is not a whole number',
    ]);
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
