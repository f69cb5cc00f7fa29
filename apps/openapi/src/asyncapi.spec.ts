import { readFileSync } from 'node:fs';
import { ASYNCAPI_FILE, consumption, systemAsyncApiDocument } from './asyncapi.js';

describe('AsyncAPI document of the system', () => {
  it('is the document committed in docs/ (run npm run asyncapi after changing a contract or a handler)', async () => {
    expect(JSON.parse(readFileSync(ASYNCAPI_FILE, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(await systemAsyncApiDocument())),
    );
  });

  it("reads each service's consumed types from the handlers it registers", async () => {
    const consumed = await consumption();
    // version-moves.reactions.ts: inventory follows an asset's version as execution moves it.
    expect(consumed.inventory).toEqual({ types: ['RollbackCompleted', 'UpgradeApplied'], everyType: false });
    // monitoring's record log (read-models.ts everyConsumed) takes every event.
    expect(consumed.monitoring.everyType).toBe(true);
    // A reaction (restore-evidence) and a read model (the inventory view) of planning.
    expect(consumed.planning.types).toEqual(expect.arrayContaining(['BackupVerified', 'AssetRegistered']));
  });
});
