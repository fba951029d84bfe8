// Decoders return errors as values: a malformed report or a misread label is an everyday event at a
// till, not a bug, so nothing here throws for bad input (STYLE.md, habit 4).

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** How many inputs a stateful decoder rejected, by error kind: the devices page shows these. */
export type RejectCounts<K extends string> = Record<K, number>;

export function zeroCounts<K extends string>(kinds: readonly K[]): RejectCounts<K> {
  return Object.fromEntries(kinds.map((kind) => [kind, 0])) as RejectCounts<K>;
}
