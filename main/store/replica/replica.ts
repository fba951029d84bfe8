// The till's copy of what HQ owns, one applier per pull stream. A page — or a bootstrap chunk — is
// applied with the stream's cursor in one SQLite transaction: after a crash the till holds a whole
// page or none of it, and asks HQ again from where its data stops.
import type { PullItem, PullStream, RecoArtefact } from '../../../contract/sync';
import type { Db } from '../db';
import { createCatalogueReplica } from './catalogue';
import { createCouponReplica } from './coupons';
import { createCustomerReplica } from './customers';
import type { CustomerPageSummary } from './customers';
import { createSyncCursors } from './cursors';
import { createHistoryReplica } from './history';
import { createPriceReplica } from './prices';
import { createRecoReplica } from './reco';
import { createSettingsReplica } from './settings';

export type RowStream = Exclude<PullStream, 'reco'>;
/** The items of one stream, validated (contract/sync.ts pullItems). */
export type RowPage = { [S in RowStream]: { stream: S; items: readonly PullItem<S>[] } }[RowStream];

export function createReplica(db: Db) {
  // Personal data from HQ passes through this connection: any row deleted or rewritten has its old
  // bytes zeroed, so an erasure cannot leave an earlier copy of the person in a page's free space.
  db.pragma('secure_delete = ON');
  const cursors = createSyncCursors(db);
  const customers = createCustomerReplica(db);
  const catalogue = createCatalogueReplica(db);
  const prices = createPriceReplica(db);
  const coupons = createCouponReplica(db, customers);
  const history = createHistoryReplica(db, customers);
  const settings = createSettingsReplica(db);
  const reco = createRecoReplica(db);

  function applyItems(page: RowPage, at: string): CustomerPageSummary | null {
    switch (page.stream) {
      case 'catalogue':
        catalogue.apply(page.items, at);
        return null;
      case 'prices':
        prices.apply(page.items, at);
        return null;
      case 'customers':
        return customers.apply(page.items, at);
      case 'coupons':
        coupons.apply(page.items, at);
        return null;
      case 'history':
        history.apply(page.items, at);
        return null;
      case 'settings':
        settings.apply(page.items, at);
        return null;
    }
  }

  return {
    cursors,
    prices,
    settings,
    reco,
    /**
     * Applies a validated page and stores `cursor` with it, in one transaction. After an erasure the
     * WAL is checkpointed and emptied, so the person's old pages do not linger in it either.
     * `counted`: the items the cursor moves past, when a page is applied in several transactions
     * (bootstrap.ts) and only the last of them moves the cursor.
     */
    applyPage(
      page: RowPage,
      cursor: string | null,
      at: string,
      counted = page.items.length,
    ): CustomerPageSummary | null {
      // IMMEDIATE: another connection may write meanwhile (the bootstrap's worker, the till's sales);
      // a transaction that began by reading could then not write at all (SQLITE_BUSY_SNAPSHOT).
      const summary = db
        .transaction(() => {
          const applied = applyItems(page, at);
          cursors.advance(page.stream, cursor, counted, at);
          return applied;
        })
        .immediate();
      if (summary !== null && summary.scrubbed > 0) {
        // Best effort: while a reader holds an old snapshot the WAL cannot be emptied; the next
        // checkpoint then overwrites those pages.
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
      return summary;
    },
    /** Keeps a checked recommendation model and advances the reco cursor, in one transaction. */
    applyReco(artefact: RecoArtefact, bytes: Buffer, cursor: string | null, at: string): void {
      db.transaction(() => {
        reco.keep(artefact, bytes, at);
        cursors.advance('reco', cursor, 1, at);
      }).immediate();
    },
    /** An empty page still moves the cursor (nothing to apply), e.g. a reco page announcing nothing new. */
    advance: (stream: PullStream, cursor: string | null, at: string) =>
      db.transaction(() => cursors.advance(stream, cursor, 0, at)).immediate(),
  };
}
export type Replica = ReturnType<typeof createReplica>;
