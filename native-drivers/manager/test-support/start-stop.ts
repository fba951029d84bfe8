// Run as a child process by lifecycle.test.ts: a demo till's devices start, scan, print and stop,
// after which nothing may keep the process alive — no socket, timer, pty or socat left behind.
import { DeviceSettings } from '../../../contract/config';
import { createDeviceManager } from '../device-manager';
import { simulatedIds } from '../device-manager';

const manager = createDeviceManager(
  DeviceSettings.parse({ simulate: 'always', printer: { statusPollMs: 200 } }),
);
await manager.start();
const ready = new Set(
  manager
    .snapshots()
    .filter((s) => s.state === 'idle')
    .map((s) => s.id),
);
const allReady = new Promise<void>((resolve) => {
  if (ready.size === Object.keys(simulatedIds).length) resolve();
  manager.on('changed', (snapshot) => {
    if (snapshot.state === 'idle') ready.add(snapshot.id);
    if (ready.size === Object.keys(simulatedIds).length) resolve();
  });
});
await allReady;
const scanned = new Promise((resolve) => manager.on('scan', resolve));
await manager.simulators().serialScanner?.scan('4600682000181');
await scanned;
const printed = await manager.printer()?.print(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x56, 0x01));
await manager.stop();
await manager.stop();
console.info(JSON.stringify({ printed, left: manager.snapshots().length }));
