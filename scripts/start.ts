// `npm start`: the Electron app where its binary is installed; otherwise the same till served to a
// browser on 127.0.0.1, opened in Chromium when one is found and a display is available.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../main/config/paths';
import { runHost } from '../main/host/run';
import { electronBinary } from './electron-binary';

const electron = electronBinary();
if (electron) {
  const child = spawn(electron, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const dataDir = defaultDataDir();
  const host = await runHost({ dataDir, port: Number(process.env.OMNITILL_PORT ?? 0), demo: true });
  console.info(
    [
      'No Electron binary is installed here (see README: "Running in Electron"),',
      'so Omnitill runs as a local web app. Open this address in Chromium or Chrome:',
      '',
      `  ${host.appUrl}`,
      '',
      `Data: ${dataDir}   Stop: Ctrl+C`,
    ].join('\n'),
  );
  openBrowser(host.appUrl, join(dataDir, 'browser-profile'));
}

function openBrowser(url: string, profileDir: string) {
  const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
  const browser = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
    existsSync,
  );
  if (!hasDisplay || !browser) return;
  spawn(browser, [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run'], {
    stdio: 'ignore',
    detached: true,
  }).unref();
}
