// Sync (issue 5): the pusher reads the unpushed rows in seq order after every sale. The outbox keeps
// every row ever written, so without this index that read would walk the whole history.
export const up = `
CREATE INDEX IF NOT EXISTS outbox_unpushed ON outbox(seq) WHERE pushed_at IS NULL;
`;
