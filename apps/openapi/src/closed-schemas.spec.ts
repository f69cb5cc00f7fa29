import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SERVICES } from '@upgrade-control/contracts';
import { responseValidator } from '@upgrade-control/contracts/response-validator';
import { openObjectSchemas } from '@upgrade-control/platform';

// documents.spec.ts holds docs/ to what the controllers declare, so these are the documents served.
const documentOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as OpenAPIObject;

describe('closed response schemas (ADR 28)', () => {
  it.each(['docs/openapi.json', ...SERVICES.map((s) => `docs/openapi/${s}.json`)])(
    'leave no object schema of %s open unless it declares itself a map',
    (file) => {
      expect(openObjectSchemas(documentOf(file))).toEqual([]);
    },
  );

  describe('the inventory document', () => {
    const validate = responseValidator(documentOf('docs/openapi/inventory.json'));
    const asset = {
      assetId: 'orders-db-berlin',
      name: 'Orders database (Berlin)',
      kind: 'database',
      product: 'postgresql',
      version: '15.6',
      site: 'berlin',
      node: 'db-1',
      attributes: { vendor: 'PGDG' },
      criticality: 'high',
      owner: 'dba-team',
      businessProcesses: [],
      userGroups: [],
      peakPeriods: [],
      expiresOn: null,
      status: 'active',
      streamVersion: 3,
      versionChangedBy: null,
    };
    const getAsset = (body: unknown, status = 200, contentType = 'application/json') =>
      validate({ method: 'GET', path: '/assets/orders-db-berlin', status, contentType, body });

    it('accepts an asset as getAsset answers it, with any attributes (a map)', () => {
      expect(getAsset(asset)).toEqual([]);
      expect(getAsset({ ...asset, attributes: { vendor: 'PGDG', firmware: '2.1' } })).toEqual([]);
    });

    it('refuses the same asset with a property the document does not declare', () => {
      expect(getAsset({ ...asset, ownerTeam: 'dba-team' })).toEqual([
        'GET /assets/orders-db-berlin (getAsset) answered 200: body must NOT have additional properties (additionalProperty: "ownerTeam")',
      ]);
    });

    it('refuses a problem with a member the problem schema does not declare', () => {
      const notFound = {
        type: 'urn:upgrade-control:problem:not-found',
        title: 'Not found',
        status: 404,
        detail: 'no asset orders-db-berlin',
      };
      expect(getAsset(notFound, 404, 'application/problem+json')).toEqual([]);
      expect(getAsset({ ...notFound, hint: 'register it first' }, 404, 'application/problem+json')).toEqual([
        'GET /assets/orders-db-berlin (getAsset) answered 404: body must NOT have additional properties (additionalProperty: "hint")',
      ]);
    });
  });
});
