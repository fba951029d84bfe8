// The node flags HQ's process runs with: `npm run hq` (package.json) and every child HQ the tests and
// benchmarks start (main/sync/proof/proof-hq.ts) give the same ones; hq/node-flags.test.ts keeps them
// the same.
//
// A push of 200 sales is a 0.4 MB body, decoded to a 0.8 MB string (two bytes per character once a
// Cyrillic name is in it) that V8 keeps in its large-object space, which counts as old generation.
// V8 sizes the old generation for the few tens of MB HQ keeps live, so under ingest it ran a full
// mark-compact every few dozen pushes — a fifth of HQ's CPU per sale (bench/sync-ingest.ts). With
// a floor of 512 MB it runs one per ~500 MB of old-generation growth; HQ's resident memory under
// load grows to about that, which a server has to spare.
export const HQ_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=512'];
