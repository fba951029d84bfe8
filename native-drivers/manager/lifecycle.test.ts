import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedIds } from './device-manager';
import { deviceWhere, harness, isIdle, stopAll } from './test-support/harness';

afterEach(stopAll);

describe('device manager lifecycle', () => {
  it('leaves nothing behind after stop: the process exits by itself', async () => {
    const script = fileURLToPath(new URL('./test-support/start-stop.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exit = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running 8 s later');
      }, 8000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code ?? -1);
      });
    });
    expect({ exit, out: out.trim() }).toEqual({
      exit: 0,
      out: JSON.stringify({ printed: { ok: true }, left: 0 }),
    });
  }, 15_000);

  it('closes every device on stop, says so, and can be stopped twice', async () => {
    const { manager, changes } = harness({ simulate: 'always' });
    await manager.start();
    await Promise.all(Object.values(simulatedIds).map((id) => deviceWhere(manager, id, isIdle)));
    const printer = manager.simulators().printer;
    await Promise.all([manager.stop(), manager.stop()]);
    await manager.stop();
    expect(manager.snapshots()).toEqual([]);
    expect(manager.printer()).toBeNull();
    expect(manager.simulators()).toEqual({
      printer: null,
      serialScanner: null,
      hidScanner: null,
      hidBus: null,
      cardReader: null,
      hidCardReader: null,
    });
    expect(printer?.pluggedIn).toBe(false);
    const last = new Map(changes.map((snapshot) => [snapshot.id, snapshot.state]));
    expect([...last.values()]).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
  });

  it('stops cleanly when stopped while still starting', async () => {
    const { manager } = harness({ simulate: 'always' });
    const started = manager.start();
    await manager.stop();
    await started;
    expect(manager.snapshots()).toEqual([]);
  });

  it('shows the serial simulators as unavailable, saying why, when socat is not installed', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    const { manager, logs } = harness({ simulate: 'always' });
    try {
      await manager.start();
    } finally {
      process.env.PATH = path;
    }
    await deviceWhere(manager, 'sim:hid-scanner', isIdle);
    await deviceWhere(manager, 'sim:printer', isIdle);
    const byId = new Map(manager.snapshots().map((snapshot) => [snapshot.id, snapshot]));
    for (const id of ['sim:serial-scanner', 'sim:card-reader']) {
      expect(byId.get(id)).toMatchObject({ state: 'error', problem: 'not-found', simulated: true });
      expect(byId.get(id)?.name).toContain('needs socat');
    }
    expect(manager.simulators().serialScanner).toBeNull();
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'device.unavailable',
        fields: expect.objectContaining({
          deviceId: 'sim:serial-scanner',
          reason: expect.stringContaining('socat'),
        }),
      }),
    );
  });

  it('refuses a serial port named for two roles: the second is busy', async () => {
    const { manager } = harness({
      simulate: 'never',
      serialScanners: [{ path: '/dev/ttyOMNITILL-TEST' }],
      serialCardReaders: [{ path: '/dev/ttyOMNITILL-TEST' }],
    });
    await manager.start();
    expect(manager.snapshots().map(({ id, role, state, problem }) => ({ id, role, state, problem }))).toEqual(
      [
        { id: 'serial:/dev/ttyOMNITILL-TEST', role: 'scanner', state: 'error', problem: 'not-found' },
        {
          id: 'serial:/dev/ttyOMNITILL-TEST/card-reader',
          role: 'card-reader',
          state: 'error',
          problem: 'busy',
        },
      ],
    );
  });
});
