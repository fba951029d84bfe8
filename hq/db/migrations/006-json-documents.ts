// Documents HQ keeps as they came and hands on whole, never queried inside, are json rather than
// jsonb: a line's names as the receipt printed them (the history feed embeds them as they are) and a
// mutation's stored result (sent back on a replay). Every push writes one of each per sale, and
// building jsonb — a parsed, sorted tree — was a sixth of PostgreSQL's time per sale
// (bench/sync-ingest.ts); json only checks the text. Neither column is compared, grouped or indexed.
export const up = `
ALTER TABLE sale_lines ALTER COLUMN names TYPE json USING names::json;
ALTER TABLE applied_mutations ALTER COLUMN result TYPE json USING result::json;
`;
