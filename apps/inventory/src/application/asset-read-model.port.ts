import type { Page, PageRequest } from '@upgrade-control/platform';
import type { DependencyEdge, PeakPeriod } from '@upgrade-control/contracts';

export interface AssetView {
  assetId: string;
  name: string;
  kind: string;
  product: string;
  version: string;
  site: string;
  node: string;
  attributes: Record<string, string>;
  criticality: string;
  owner: string;
  businessProcesses: string[];
  userGroups: string[];
  peakPeriods: PeakPeriod[];
  expiresOn: string | null;
  status: 'active' | 'retired';
  streamVersion: number;
  versionChangedBy: string | null;
}

export interface AssetFilter {
  kind?: string;
  site?: string;
  product?: string;
  criticality?: string;
  status?: string;
}

/** Where one active asset runs a product, and at which version. */
export interface Installation {
  site: string;
  node: string;
  assetId: string;
  version: string;
  /** The asset's `customModules` attribute as it is stored (comma-separated), or null. */
  customModules: string | null;
}

/** The assets as the inventory knows them now, and the dependency graph between them. */
export abstract class AssetReadModel {
  abstract asset(assetId: string): Promise<AssetView | null>;
  abstract assets(assetIds: string[]): Promise<AssetView[]>;
  abstract list(filter: AssetFilter, page: PageRequest): Promise<Page<AssetView>>;
  /** Certificates and licenses still active that expire before the date, soonest first. */
  abstract expiring(before: string, page: PageRequest): Promise<Page<AssetView>>;
  /** Active assets running the product, by site and node. */
  abstract installations(product: string): Promise<Installation[]>;
  /** Edges touching any of the given assets, in the given direction. */
  abstract edges(assetIds: string[], direction: 'dependents' | 'dependencies'): Promise<DependencyEdge[]>;
}
