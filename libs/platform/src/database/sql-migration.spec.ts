import type { MigrationRunner } from './database.js';
import { sqlMigration } from './sql-migration.js';

const Example1764000000999 = sqlMigration('Example1764000000999', {
  up: ['CREATE TABLE a (id int)', 'CREATE INDEX a_id ON a (id)'],
  down: ['DROP TABLE a'],
});

/** A runner that only records the statements it is given. */
function recorder() {
  const statements: string[] = [];
  const runner = { query: async (sql: string) => void statements.push(sql) } as unknown as MigrationRunner;
  return { statements, runner };
}

describe('sqlMigration', () => {
  it('records under the name given, which TypeORM reads from the instance', () => {
    expect(new Example1764000000999().name).toBe('Example1764000000999');
  });

  it('names the class the same, for messages that name the class', () => {
    expect(Example1764000000999.name).toBe('Example1764000000999');
  });

  it('runs the way up one statement at a time, in order', async () => {
    const { statements, runner } = recorder();
    await new Example1764000000999().up(runner);
    expect(statements).toEqual(['CREATE TABLE a (id int)', 'CREATE INDEX a_id ON a (id)']);
  });

  it('runs the way down', async () => {
    const { statements, runner } = recorder();
    await new Example1764000000999().down(runner);
    expect(statements).toEqual(['DROP TABLE a']);
  });
});
