import type { ServiceName } from '@upgrade-control/contracts';

/** Where `npm run db:prepare` and the rebuild CLI create roles and databases, unless DATABASE_ADMIN_URL says. */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432';

/** The conventional roles `npm run db:prepare` creates for a service (ADR 17). */
export const ownerRole = (service: ServiceName | string): string => `uc_${service}_owner`;
export const appRole = (service: ServiceName | string): string => `uc_${service}_app`;
export const serviceDatabaseName = (service: ServiceName | string): string => `upgrade_control_${service}`;

export interface DatabaseUrlSettings {
  DATABASE_URL?: string;
  DATABASE_URL_BASE: string;
  DATABASE_PASSWORD?: string;
  MIGRATION_DATABASE_URL?: string;
  MIGRATION_DATABASE_PASSWORD?: string;
}

/** A service's two connections: the runtime one every request uses, and the one its migrations run as. */
export interface DatabaseUrls {
  databaseUrl: string;
  migrationDatabaseUrl: string;
}

/** The service's database on the base's server, as `role` (unless the base names a role) with `password`. */
function onBase(base: string, service: string, role: string, password: string | undefined): string {
  const url = new URL(base);
  if (!url.username) {
    url.username = role;
    if (password) url.password = password;
  }
  url.pathname = `/${serviceDatabaseName(service)}`;
  return url.toString();
}

/**
 * Which URL each connection uses. A base without a role name (the default) means the service's
 * own roles: `uc_<service>_app` at run time, `uc_<service>_owner` for migrations. A base that
 * names a role, or a DATABASE_URL without a MIGRATION_DATABASE_URL, means one role for both,
 * which only development and test accept (see runtime-role.ts).
 */
export function databaseUrlsFrom(service: ServiceName, s: DatabaseUrlSettings): DatabaseUrls {
  const databaseUrl = s.DATABASE_URL ?? onBase(s.DATABASE_URL_BASE, service, appRole(service), s.DATABASE_PASSWORD);
  const migrationDatabaseUrl =
    s.MIGRATION_DATABASE_URL ??
    (s.DATABASE_URL
      ? s.DATABASE_URL
      : onBase(s.DATABASE_URL_BASE, service, ownerRole(service), s.MIGRATION_DATABASE_PASSWORD));
  return { databaseUrl, migrationDatabaseUrl };
}

/** The role a URL connects as (PostgreSQL's default, the OS user, is not guessed: null). */
export const roleOf = (url: string): string | null => decodeURIComponent(new URL(url).username) || null;

/** A URL for messages: without its password. */
export const redacted = (url: string): string => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};
