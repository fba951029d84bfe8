import type { Db } from './db';
import type { Role } from '../../contract/ipc';

export interface UserRow {
  id: number;
  name: string;
  role: Role;
  pinHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
}

export function createUsers(db: Db) {
  const active = db.prepare<[], Pick<UserRow, 'id' | 'name' | 'role'>>(
    'SELECT id, name, role FROM users WHERE active = 1 ORDER BY role, name',
  );
  const byId = db.prepare<[number], UserRow>(
    `SELECT id, name, role, pin_hash AS pinHash, failed_attempts AS failedAttempts, locked_until AS lockedUntil
     FROM users WHERE id = ? AND active = 1`,
  );
  const failed = db.prepare<[string | null, number]>(
    'UPDATE users SET failed_attempts = failed_attempts + 1, locked_until = ? WHERE id = ?',
  );
  const succeeded = db.prepare<[number]>(
    'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?',
  );
  return {
    activeUsers: () => active.all(),
    userById: (id: number) => byId.get(id) ?? null,
    recordFailedLogin: (id: number, lockedUntil: string | null) => void failed.run(lockedUntil, id),
    recordSuccessfulLogin: (id: number) => void succeeded.run(id),
  };
}
export type Users = ReturnType<typeof createUsers>;
