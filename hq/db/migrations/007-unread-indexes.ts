// Two more indexes every sale paid for at ingest that no query of HQ reads (as 005 did for others):
// - `sale_lines_product` (product_id, sold_at): five entries per sale, a tenth of PostgreSQL's time
//   per sale; lines are read by their sale (the primary key). Reports by product scan a month's
//   partition or run on a replica with the index they need (docs/scaling.md).
// - `applied_mutations_terminal_seq`: a terminal's position is `terminals.last_seq`; stored results
//   are found by mutation id (the primary key).
export const up = `
DROP INDEX sale_lines_product;
DROP INDEX applied_mutations_terminal_seq;
`;
