import { databaseUrlsFrom } from './database-urls.js';
import { loadServiceConfig } from './service-config.js';

const base = { DATABASE_URL_BASE: 'postgres://db.internal:5432' };

describe('databaseUrlsFrom', () => {
  it('by default: the service database as its app role at run time, as its owner role for migrations', () => {
    expect(databaseUrlsFrom('planning', base)).toEqual({
      databaseUrl: 'postgres://uc_planning_app@db.internal:5432/upgrade_control_planning',
      migrationDatabaseUrl: 'postgres://uc_planning_owner@db.internal:5432/upgrade_control_planning',
    });
  });

  it('takes each role its password, encoded', () => {
    const urls = databaseUrlsFrom('planning', {
      ...base,
      DATABASE_PASSWORD: 'app p@ss',
      MIGRATION_DATABASE_PASSWORD: 'owner/secret',
    });
    expect(urls.databaseUrl).toBe('postgres://uc_planning_app:app%20p%40ss@db.internal:5432/upgrade_control_planning');
    expect(new URL(urls.migrationDatabaseUrl).password).toBe('owner%2Fsecret');
  });

  it('a base naming a role means that role for both connections', () => {
    const urls = databaseUrlsFrom('execution', { DATABASE_URL_BASE: 'postgres://postgres@127.0.0.1:5432' });
    expect(urls.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/upgrade_control_execution');
    expect(urls.migrationDatabaseUrl).toBe(urls.databaseUrl);
  });

  it('explicit URLs win; a DATABASE_URL alone also migrates', () => {
    expect(databaseUrlsFrom('inventory', { ...base, DATABASE_URL: 'postgres://a@h/x' })).toEqual({
      databaseUrl: 'postgres://a@h/x',
      migrationDatabaseUrl: 'postgres://a@h/x',
    });
    expect(
      databaseUrlsFrom('inventory', {
        ...base,
        DATABASE_URL: 'postgres://a@h/x',
        MIGRATION_DATABASE_URL: 'postgres://o@h/x',
      }),
    ).toEqual({ databaseUrl: 'postgres://a@h/x', migrationDatabaseUrl: 'postgres://o@h/x' });
  });

  it("a service's own variables win over the shared ones", () => {
    const config = loadServiceConfig(
      'monitoring',
      {
        NODE_ENV: 'test',
        DATABASE_URL_BASE: 'postgres://h:5432',
        MONITORING_DATABASE_URL: 'postgres://m_app@h/m',
        MONITORING_MIGRATION_DATABASE_URL: 'postgres://m_owner@h/m',
      },
      { serves: false },
    );
    expect(config.databaseUrl).toBe('postgres://m_app@h/m');
    expect(config.migrationDatabaseUrl).toBe('postgres://m_owner@h/m');
    expect(config.development).toBe(true);
  });
});
