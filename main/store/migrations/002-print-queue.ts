// The print queue: a receipt to print is written in the same transaction as its sale or return, so
// a sale never waits for the printer and no receipt is lost when the printer is out of paper, off
// or unplugged. The receipt is kept as it was shown (contract Receipt JSON): a reprint tomorrow shows
// today's store name and prices even if the config changed since.
export const up = `
CREATE TABLE print_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'return', 'reprint')),
  receipt_no TEXT NOT NULL,
  receipt TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'printed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_problem TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  printed_at TEXT
);
CREATE INDEX print_jobs_queued ON print_jobs (seq) WHERE status = 'queued';
CREATE INDEX print_jobs_receipt ON print_jobs (receipt_no);
`;
