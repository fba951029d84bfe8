// `npm run seed`: fills a till database with the demo store, at any size up to millions of rows for
// benchmarks. `npm run seed -- --help` lists the options; command.ts does the work.
import { runSeedCli } from './command';

process.exitCode = runSeedCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
