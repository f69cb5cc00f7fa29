import { execFileSync } from 'node:child_process';

/** `docker compose config` (or the standalone docker-compose) validates and normalises the file. */
function composeConfig(): string {
  const attempts: [string, string[]][] = [
    ['docker', ['compose', '-f', 'docker-compose.yml', 'config']],
    ['docker-compose', ['-f', 'docker-compose.yml', 'config']],
  ];
  const failures: string[] = [];
  for (const [command, args] of attempts) {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      failures.push(`${command}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`neither docker compose nor docker-compose could read docker-compose.yml:\n${failures.join('\n')}`);
}

describe('docker-compose.yml', () => {
  it('parses, and wires Kafka, PostgreSQL and the four services with health checks', () => {
    const config = composeConfig();
    for (const service of ['kafka', 'postgres', 'inventory', 'planning', 'execution', 'monitoring'])
      expect(config).toMatch(new RegExp(`^  ${service}:$`, 'm'));
    expect(config).toContain('apache/kafka');
    expect(config).toContain('condition: service_healthy');
    expect(config.match(/healthcheck:/g)?.length).toBeGreaterThanOrEqual(6);
  });
});
