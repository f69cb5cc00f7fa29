/** A registrable database asset for tests that need one valid body and vary a field of it. */
export const databaseAsset = (assetId: string, over: Record<string, unknown> = {}) => ({
  assetId,
  name: `Database ${assetId}`,
  kind: 'database',
  product: 'postgresql',
  version: '15.6',
  site: 'berlin',
  node: 'db-1',
  criticality: 'high',
  owner: 'dba-team',
  ...over,
});
