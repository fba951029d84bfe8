// A null-modem cable in software: socat joins two pseudo-terminals, so what a simulator writes to
// one end arrives at the other, where the real serial driver reads it through serialport exactly
// as from /dev/ttyACM0. Needs socat (Debian: apt-get install socat).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';

export class PtyPairError extends Error {
  override readonly name = 'PtyPairError';
}

export interface PacedWrite {
  /** Wait between bytes, as a real 9600-baud device or a human-speed keyboard wedge would. Default 0: all at once. */
  interByteDelayMs?: number;
}

export class PtyPair {
  private device: FileHandle | null = null;
  private exited: Promise<void>;

  private constructor(
    private readonly socat: ChildProcess,
    /** The end the driver under test opens, like a real serial port. */
    readonly hostPath: string,
    /** The end the simulated device writes to. */
    readonly devicePath: string,
  ) {
    this.exited = new Promise((resolve) => {
      if (socat.exitCode !== null || socat.signalCode !== null) resolve();
      else socat.once('exit', () => resolve());
    });
  }

  /** Starts socat and resolves once both ends exist and bytes flow. */
  static async create(options: { timeoutMs?: number } = {}): Promise<PtyPair> {
    const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const timeoutMs = options.timeoutMs ?? 5000;
    const [hostPath, devicePath] = await new Promise<[string, string]>((resolve, reject) => {
      let log = '';
      const done = () => {
        clearTimeout(timer);
        socat.off('error', onError);
        socat.off('exit', onExit);
        socat.stderr?.off('data', onData);
      };
      const fail = (message: string) => {
        done();
        socat.kill('SIGKILL');
        reject(new PtyPairError(message));
      };
      const onError = (error: NodeJS.ErrnoException) =>
        fail(
          error.code === 'ENOENT' ? 'socat is not installed (Debian: apt-get install socat)' : error.message,
        );
      const onExit = (code: number | null) => fail(`socat exited (${code}) before it was ready: ${log}`);
      const onData = (text: string) => {
        log += text;
        // "N PTY is /dev/pts/3" twice, then "N starting data transfer loop" once both are open.
        const paths = [...log.matchAll(/PTY is (\S+)/g)].map((match) => match[1] ?? '');
        const [host, device] = paths;
        if (host && device && log.includes('starting data transfer loop')) {
          done();
          resolve([host, device]);
        }
      };
      const timer = setTimeout(() => fail(`socat did not start within ${timeoutMs} ms: ${log}`), timeoutMs);
      socat.once('error', onError);
      socat.once('exit', onExit);
      socat.stderr?.setEncoding('utf8');
      socat.stderr?.on('data', onData);
    });
    socat.stderr?.resume();
    return new PtyPair(socat, hostPath, devicePath);
  }

  /** Writes bytes from the device end, optionally one at a time. */
  async write(bytes: Uint8Array, options: PacedWrite = {}): Promise<void> {
    // O_NOCTTY: the simulator must never make the pty its controlling terminal.
    this.device ??= await open(this.devicePath, constants.O_RDWR | constants.O_NOCTTY);
    const delay = options.interByteDelayMs ?? 0;
    if (delay <= 0) {
      await this.device.write(bytes);
      return;
    }
    for (let index = 0; index < bytes.byteLength; index++) {
      await this.device.write(bytes.subarray(index, index + 1));
      if (index < bytes.byteLength - 1) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Pulls the cable: the driver end sees the port vanish, as when a USB-serial device is unplugged. */
  async close(): Promise<void> {
    await this.device?.close().catch(() => undefined);
    this.device = null;
    this.socat.kill('SIGTERM');
    await this.exited;
  }
}
