// `npm run enrol -- --hq https://hq.example --code ABCDE-FGHJK [--data-dir DIR] [--device-name NAME]`:
// enrols this till with HQ. The store and terminal codes come from the till's configuration
// (omnitill.json), so a code for another store is refused before it is used up.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load';
import { defaultDataDir } from '../config/paths';
import { enrolTill, normaliseHqUrl } from './enrol';

const usage =
  'Usage: npm run enrol -- --hq <HQ URL> --code <enrolment code> [--data-dir DIR] [--device-name NAME]';

const { values } = parseArgs({
  options: {
    hq: { type: 'string' },
    code: { type: 'string' },
    'data-dir': { type: 'string' },
    'device-name': { type: 'string' },
  },
});
if (!values.hq || !values.code) {
  console.error(usage);
  process.exit(2);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
let config;
try {
  config = loadConfig(dataDir).config;
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const hqUrl = normaliseHqUrl(values.hq);
if (hqUrl && hqUrl.startsWith('http:') && !/^http:\/\/(127\.|localhost|\[::1\])/.test(hqUrl)) {
  console.warn(
    'Warning: plain http — the credential HQ issues will cross the network unencrypted. Use https.',
  );
}
const result = await enrolTill(values.hq, values.code, {
  dataDir,
  terminalCode: config.terminal.code,
  storeCode: config.store.code,
  ...(values['device-name'] && { deviceName: values['device-name'] }),
});
if (!result.ok) {
  console.error(`Enrolment failed (${result.error.code}): ${result.error.message}`);
  process.exit(1);
}
console.info(
  `Enrolled: terminal ${config.terminal.code} of store ${result.value.storeCode} is ${result.value.terminalId}.\n` +
    `The credential is in ${result.value.file}, readable by this user only.`,
);
