import {
  type AssetDetailsUpdated,
  type AssetRegistered,
  type AssetRetired,
  type AssetVersionChanged,
  type DependencyDeclared,
  type DependencyRemoved,
  type DomainEventOf,
  type PayloadOf,
} from '@upgrade-control/contracts';
import {
  accept,
  assertNever,
  invalid,
  notFound,
  refuse,
  type Decider,
  type Decision,
} from '@upgrade-control/platform/domain';

export type AssetEvent =
  | DomainEventOf<typeof AssetRegistered>
  | DomainEventOf<typeof AssetDetailsUpdated>
  | DomainEventOf<typeof AssetVersionChanged>
  | DomainEventOf<typeof AssetRetired>
  | DomainEventOf<typeof DependencyDeclared>
  | DomainEventOf<typeof DependencyRemoved>;

type Details = Omit<PayloadOf<typeof AssetRegistered>, 'assetId'>;
type Relation = PayloadOf<typeof DependencyDeclared>['relation'];
export interface Dependency {
  dependsOnAssetId: string;
  relation: Relation;
}

export type AssetState =
  | { status: 'unregistered' }
  | { status: 'active' | 'retired'; assetId: string; details: Details; dependencies: Dependency[] };

/** What the command handler found about the other end of a dependency, from the asset projection. */
export type OtherAsset = { assetId: string; status: 'active' | 'retired' } | null;

export type AssetCommand =
  | { type: 'RegisterAsset'; assetId: string; details: Details }
  | { type: 'UpdateAssetDetails'; changes: PayloadOf<typeof AssetDetailsUpdated>['changes'] }
  | {
      type: 'ChangeAssetVersion';
      toVersion: string;
      reason: PayloadOf<typeof AssetVersionChanged>['reason'];
      upgradeId: string | null;
      causedByEventId: string | null;
    }
  | { type: 'RetireAsset'; reason: string }
  | { type: 'DeclareDependency'; dependsOn: OtherAsset; dependsOnAssetId: string; relation: Relation }
  | { type: 'RemoveDependency'; dependsOnAssetId: string; relation: Relation };

const KINDS_WITH_EXPIRY = new Set(['license', 'certificate']);

function decide(command: AssetCommand, state: AssetState): Decision<AssetEvent> {
  if (command.type === 'RegisterAsset') {
    if (state.status !== 'unregistered')
      return refuse(invalid('assetId', 'unique', `asset ${command.assetId} is already registered`));
    // Certificates and licenses expire; an inventory that does not know when is not accurate.
    if (KINDS_WITH_EXPIRY.has(command.details.kind) && !command.details.expiresOn) {
      return refuse(invalid('expiresOn', 'required-for-kind', `a ${command.details.kind} needs its expiry date`));
    }
    return accept({ type: 'AssetRegistered', payload: { assetId: command.assetId, ...command.details } });
  }
  if (state.status === 'unregistered') return refuse(notFound('asset not found'));
  const assetId = state.assetId;
  const active = state.status === 'active';

  switch (command.type) {
    case 'UpdateAssetDetails':
      if (!active) return refuse(retired(assetId));
      return accept({ type: 'AssetDetailsUpdated', payload: { assetId, changes: command.changes } });
    case 'ChangeAssetVersion':
      // Redelivered or repeated reactions find the version already in place: nothing to record.
      if (state.details.version === command.toVersion) return accept();
      return accept({
        type: 'AssetVersionChanged',
        payload: {
          assetId,
          fromVersion: state.details.version,
          toVersion: command.toVersion,
          reason: command.reason,
          upgradeId: command.upgradeId,
          causedByEventId: command.causedByEventId,
        },
      });
    case 'RetireAsset':
      if (!active) return accept();
      return accept({ type: 'AssetRetired', payload: { assetId, reason: command.reason } });
    case 'DeclareDependency': {
      if (!active) return refuse(retired(assetId));
      if (command.dependsOnAssetId === assetId) {
        return refuse(invalid('dependsOnAssetId', 'not-self', 'an asset cannot depend on itself'));
      }
      if (!command.dependsOn) return refuse(notFound(`asset ${command.dependsOnAssetId} not found`));
      if (command.dependsOn.status === 'retired') {
        return refuse(invalid('dependsOnAssetId', 'active', `asset ${command.dependsOnAssetId} is retired`));
      }
      if (has(state.dependencies, command)) return accept();
      return accept({
        type: 'DependencyDeclared',
        payload: { assetId, dependsOnAssetId: command.dependsOnAssetId, relation: command.relation },
      });
    }
    case 'RemoveDependency':
      if (!has(state.dependencies, command)) return refuse(notFound('no such dependency'));
      return accept({
        type: 'DependencyRemoved',
        payload: { assetId, dependsOnAssetId: command.dependsOnAssetId, relation: command.relation },
      });
    default:
      return assertNever(command);
  }
}

function evolve(state: AssetState, event: AssetEvent): AssetState {
  switch (event.type) {
    case 'AssetRegistered': {
      const { assetId, ...details } = event.payload;
      return { status: 'active', assetId, details, dependencies: [] };
    }
    case 'AssetDetailsUpdated':
      return state.status === 'unregistered'
        ? state
        : { ...state, details: { ...state.details, ...event.payload.changes } };
    case 'AssetVersionChanged':
      return state.status === 'unregistered'
        ? state
        : { ...state, details: { ...state.details, version: event.payload.toVersion } };
    case 'AssetRetired':
      return state.status === 'unregistered' ? state : { ...state, status: 'retired' };
    case 'DependencyDeclared':
      return state.status === 'unregistered'
        ? state
        : { ...state, dependencies: [...state.dependencies, event.payload] };
    case 'DependencyRemoved':
      return state.status === 'unregistered'
        ? state
        : { ...state, dependencies: state.dependencies.filter((d) => !same(d, event.payload)) };
    default:
      return assertNever(event);
  }
}

const same = (a: Dependency, b: Dependency) => a.dependsOnAssetId === b.dependsOnAssetId && a.relation === b.relation;
const has = (list: Dependency[], d: Dependency) => list.some((x) => same(x, d));
const retired = (assetId: string) => invalid('assetId', 'active', `asset ${assetId} is retired`);

export const assetDecider: Decider<AssetCommand, AssetEvent, AssetState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'unregistered' }),
};

export const assetStreamId = (assetId: string) => `asset-${assetId}`;
