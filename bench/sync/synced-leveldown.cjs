// pouchdb-server's storage (LevelDOWN, as pouchdb-adapter-leveldb loads it) with every write synced
// to disk before it is acknowledged: PouchDB at the durability HQ gives a sale (fsync at COMMIT).
// LevelDB's default writes reach the OS only, and a crash of the machine loses what was acknowledged.
// Loaded by pouchdb-server itself (`--level-backend`), which runs without a TypeScript loader.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS: pouchdb-server require()s it
const { createRequire } = require('node:module');

const leveldown = createRequire(require.resolve('pouchdb-adapter-leveldb'))('leveldown');

module.exports = function syncedLeveldown(location) {
  const db = leveldown(location);
  const [batch, put, del] = [db._batch.bind(db), db._put.bind(db), db._del.bind(db)];
  db._batch = (operations, options, callback) => batch(operations, { ...options, sync: true }, callback);
  db._put = (key, value, options, callback) => put(key, value, { ...options, sync: true }, callback);
  db._del = (key, options, callback) => del(key, { ...options, sync: true }, callback);
  return db;
};
