import { customModulesOf, suggestWaves, type InstalledNode } from './wave-suggestions.js';

const node = (assetId: string, site: string, version: string, customModules: string[] = []): InstalledNode => ({
  site,
  node: `${assetId}-node`,
  assetId,
  version,
  customModules,
});

describe('wave suggestions from drift', () => {
  it('gives each patch level its own wave, oldest first, and each node with custom modules its own', () => {
    expect(
      suggestWaves('postgresql', [
        node('db-ber', 'berlin', '15.10'),
        node('db-ham', 'hamburg', '15.9'),
        node('db-muc', 'munich', '15.10', ['geo-routing']),
        node('db-fra', 'frankfurt', '15.10'),
      ]),
    ).toEqual([
      {
        name: 'wave-1',
        reason: 'postgresql 15.9 without custom modules at hamburg/db-ham-node',
        selector: { kind: 'assets', assetIds: ['db-ham'] },
      },
      {
        name: 'wave-2',
        reason: 'postgresql 15.10 without custom modules at berlin/db-ber-node, frankfurt/db-fra-node',
        selector: { kind: 'assets', assetIds: ['db-ber', 'db-fra'] },
      },
      {
        name: 'wave-3',
        reason: 'postgresql 15.10 with custom modules geo-routing at munich/db-muc-node',
        selector: { kind: 'assets', assetIds: ['db-muc'] },
      },
    ]);
  });

  it('suggests one wave for a uniform estate', () => {
    expect(suggestWaves('redis', [node('a', 'berlin', '7.2'), node('b', 'hamburg', '7.2')])).toHaveLength(1);
  });

  it('reads the custom modules attribute as a trimmed, sorted list', () => {
    expect(customModulesOf(' sso-bridge, ,geo-routing ')).toEqual(['geo-routing', 'sso-bridge']);
    expect(customModulesOf(undefined)).toEqual([]);
  });
});
