// Two more index entries every sale paid for at ingest (bench/sync-ingest.ts), by the rule of 005
// and 007:
// - `payments`: its primary key was (id, sold_at), and a second index found a sale's payments. A
//   payment is only ever read with its sale, so the key is now (sale_id, sold_at, id): the one index
//   finds a sale's payments — within its month's partition — and keeps each tender of a sale once
//   (a tender id is the till's UUIDv7; the same one under two sales is no longer refused).
// - `sales_store_sold` (store_id, sold_at): no HQ query reads it. A store's sales of a period are a
//   scan of that month's partition, or a report on a replica with the index it needs
//   (docs/scaling.md).
// Rebuilding the payments key reads the table once, holding an exclusive lock on payments and all its
// partitions in the migration's transaction: on a chain's full history pushes wait minutes for it, so
// deploy this release in a quiet hour, with the tills queueing meanwhile as they do offline.
export const up = `
ALTER TABLE payments DROP CONSTRAINT payments_pkey, ADD PRIMARY KEY (sale_id, sold_at, id);
DROP INDEX payments_sale;
DROP INDEX sales_store_sold;
`;
