// What every sale paid for at ingest without anything gaining from it (bench/sync-ingest.ts: the
// row checks and index entries were a fifth of PostgreSQL's time per sale):
// - `sales_id`: the primary key (id, sold_at) starts with the id, so it answers look-ups by id alone
//   (duplicate sales, returns) as well.
// - `sale_lines_till_line`: nothing looks a line up by the till's line id; a return reads its sale's
//   lines by sale id (the primary key).
// - The foreign keys from sales and applied_mutations to stores and terminals: a push writes the
//   authenticated terminal's own ids, in a transaction holding that terminal's row FOR UPDATE (which
//   also blocks its deletion), and neither stores nor terminals are deleted (a terminal is revoked).
//   Each key cost a look-up per row. sales.customer_id keeps its key: that id is resolved, not owned.
export const up = `
DROP INDEX sales_id;
DROP INDEX sale_lines_till_line;
ALTER TABLE sales DROP CONSTRAINT sales_store_id_fkey, DROP CONSTRAINT sales_terminal_id_fkey;
ALTER TABLE applied_mutations DROP CONSTRAINT applied_mutations_terminal_id_fkey;
`;
