import type { Transaction, Page, PageRequest } from '@upgrade-control/platform';
import type { NoticeSubscriber } from '../domain/notices.js';

/** A subscription as its owner sees it: never with its secret. */
export interface NoticeSubscription extends NoticeSubscriber {
  createdBy: string;
  createdAt: string;
}

/**
 * Port: the subscriber endpoints per audience (user group) and their secrets (ADR 13). The secret
 * is written once and read only by the dispatcher, to sign.
 */
export abstract class NoticeSubscriptions {
  abstract register(subscription: NoticeSubscription & { secret: string }): Promise<void>;

  /** The active subscriptions, of one audience when given. */
  abstract list(audience: string | null, page: PageRequest): Promise<Page<NoticeSubscription>>;

  /** False when there was no active subscription with that id. */
  abstract remove(subscriptionId: string, at: Date): Promise<boolean>;

  /** The active subscribers of these groups (of every group for null), in the caller's transaction when given. */
  abstract subscribersOf(groups: string[] | null, tx?: Transaction): Promise<NoticeSubscriber[]>;
}
