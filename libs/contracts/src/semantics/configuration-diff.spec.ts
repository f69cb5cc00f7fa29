import { diffConfigurations } from './configuration-diff.js';

describe('configuration diff', () => {
  it('diffs added, removed and changed leaves exactly', () => {
    const before = { max_connections: 100, routes: ['a', 'b'], ssl: { enabled: false }, legacy: true };
    const after = { max_connections: 200, routes: ['a', 'b', 'c'], ssl: { enabled: false, minVersion: 'TLSv1.2' } };
    expect(diffConfigurations(before, after)).toEqual({
      added: [
        { path: 'routes[2]', value: 'c' },
        { path: 'ssl.minVersion', value: 'TLSv1.2' },
      ],
      removed: [{ path: 'legacy', value: true }],
      changed: [{ path: 'max_connections', before: 100, after: 200 }],
    });
  });
});
