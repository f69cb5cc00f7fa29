import { APPEND_ONLY_TABLES, runtimeGrantStatements } from './runtime-grants.js';

describe('runtimeGrantStatements', () => {
  const statements = runtimeGrantStatements('uc_planning_app');

  it('grants every table and sequence, now and by default for later migrations', () => {
    expect(statements).toContain(
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "uc_planning_app"',
    );
    expect(statements).toContain(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "uc_planning_app"',
    );
    expect(statements).toContain(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "uc_planning_app"',
    );
  });

  it('then takes every change but INSERT away from events, after the grants', () => {
    expect(APPEND_ONLY_TABLES).toContain('events');
    const revoke = statements.indexOf(
      'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "events" FROM "uc_planning_app"',
    );
    expect(revoke).toBeGreaterThan(statements.findIndex((s) => s.startsWith('GRANT SELECT, INSERT')));
  });

  it('never grants TRUNCATE, nor anything on the schema beyond USAGE', () => {
    expect(statements.filter((s) => s.startsWith('GRANT') || s.startsWith('ALTER')).join('\n')).not.toMatch(
      /TRUNCATE|CREATE ON SCHEMA/,
    );
  });

  it('quotes the role', () => {
    expect(runtimeGrantStatements('odd"role')[0]).toBe('GRANT USAGE ON SCHEMA public TO "odd""role"');
  });
});
