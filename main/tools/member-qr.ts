// `npm run member-qr -- <customer>`: plays the customer's phone, showing the member QR its app would
// show, for demos and tests. `npm run member-qr -- --help` lists the options; member-qr-command.ts
// does the work.
import { runMemberQrCli } from './member-qr-command';

process.exitCode = await runMemberQrCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
});
