import { AUDIT_USAGE, runAudit } from './audit.js';

/** Runs the CLI against a broker address nothing listens on: any attempt to read Kafka would fail. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAudit(
    argv,
    { KAFKA_BROKERS: '127.0.0.1:1' },
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run audit usage', () => {
  it('prints usage for --help without reading Kafka', async () => {
    expect(await run('--help')).toEqual({ code: 0, out: AUDIT_USAGE, err: '' });
    expect((await run('verify', '--help')).code).toBe(0);
  });

  it('answers no command, an unknown one or wrong arguments with usage and exit code 2', async () => {
    expect(await run()).toEqual({ code: 2, out: '', err: AUDIT_USAGE });
    expect(await run('frobnicate')).toEqual({
      code: 2,
      out: '',
      err: `audit: unknown command "frobnicate"\n${AUDIT_USAGE}`,
    });
    expect((await run('export')).code).toBe(2);
    expect((await run('verify', 'extra')).code).toBe(2);
    expect((await run('verify', '--markdown')).code).toBe(2);
  });
});
