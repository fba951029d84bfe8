// One device's snapshot and its changes. A problem belongs to the error state only; `since` moves
// when the state or problem changes; every change is published, so the UI never polls.
import type { DeviceProblem, DeviceSnapshot, DeviceState } from '../../contract/devices';

export type DeviceIdentity = Pick<
  DeviceSnapshot,
  'id' | 'role' | 'name' | 'transport' | 'address' | 'simulated'
>;

interface StateChange {
  state: DeviceState;
  /** Required meaning in 'error'; ignored (cleared) in every other state. */
  problem?: DeviceProblem | null;
  warning?: DeviceProblem | null;
}

export class DeviceRecord {
  private current: DeviceSnapshot;

  constructor(
    identity: DeviceIdentity,
    private readonly now: () => number,
    private readonly publish: (snapshot: DeviceSnapshot) => void,
  ) {
    this.current = {
      ...identity,
      state: 'closed',
      problem: null,
      warning: null,
      since: new Date(now()).toISOString(),
      events: 0,
      rejected: 0,
    };
  }

  get id(): string {
    return this.current.id;
  }

  get snapshot(): DeviceSnapshot {
    return { ...this.current };
  }

  get state(): DeviceState {
    return this.current.state;
  }

  get problem(): DeviceProblem | null {
    return this.current.problem;
  }

  set(change: StateChange): void {
    const before = this.current;
    const problem = change.state === 'error' ? (change.problem ?? before.problem ?? 'io') : null;
    const warning = change.warning === undefined ? before.warning : change.warning;
    const transition = change.state !== before.state || problem !== before.problem;
    if (!transition && warning === before.warning) return;
    this.current = {
      ...before,
      state: change.state,
      problem,
      warning,
      since: transition ? new Date(this.now()).toISOString() : before.since,
    };
    this.publish(this.snapshot);
  }

  /** An input delivered, or one rejected as malformed. */
  count(kind: 'events' | 'rejected'): void {
    this.current = { ...this.current, [kind]: this.current[kind] + 1 };
    this.publish(this.snapshot);
  }
}
