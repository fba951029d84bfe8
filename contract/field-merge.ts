// How edits of a customer's fields merge, wherever they meet: HQ applying the edits tills push, and a
// till applying the profiles HQ sends back. Per field, the edit with the later HLC stamp (hlc.ts) wins,
// whatever order the edits arrive in, so every copy ends in the same profile. An erasure is final: no
// edit applies to an erased profile, however late its stamp (FIELD.md: a tombstone is never revived
// by a late field write). hq/README.md ("Customer edits") gives the whole set of rules.
import { compareHlc } from './hlc';
import type { CustomerFieldKey, FieldClocks, Hlc } from './hlc';

export interface FieldEdit {
  field: CustomerFieldKey;
  /** null clears the field (a preference removed, no phone any more). */
  value: string | null;
  hlc: Hlc;
}

/** An edit stamped `incoming` replaces the value stamped `current`; a value without a stamp loses to any edit. */
export function supersedes(incoming: Hlc, current: Hlc | undefined): boolean {
  return current === undefined || compareHlc(incoming, current) > 0;
}

export interface ProfileFields {
  values: Partial<Record<CustomerFieldKey, string | null>>;
  clocks: FieldClocks;
  erased: boolean;
}

export interface EditsOutcome {
  profile: ProfileFields;
  /** The edits now in force. */
  applied: FieldEdit[];
  /** The edits an edit with a later stamp had already replaced. */
  stale: FieldEdit[];
  /** The edits were for an erased profile and changed nothing. */
  erased: boolean;
}

/** Applies edits in the order given; the outcome is the same for any order of the same edits. */
export function applyEdits(profile: ProfileFields, edits: readonly FieldEdit[]): EditsOutcome {
  if (profile.erased) return { profile, applied: [], stale: [], erased: true };
  const values = { ...profile.values };
  const clocks: FieldClocks = { ...profile.clocks };
  const applied: FieldEdit[] = [];
  const stale: FieldEdit[] = [];
  for (const edit of edits) {
    if (!supersedes(edit.hlc, clocks[edit.field])) {
      stale.push(edit);
      continue;
    }
    values[edit.field] = edit.value;
    clocks[edit.field] = edit.hlc;
    applied.push(edit);
  }
  return { profile: { values, clocks, erased: false }, applied, stale, erased: false };
}

/** The erasure: nothing personal and no clocks stay, and nothing applies any more. */
export const eraseProfile = (): ProfileFields => ({ values: {}, clocks: {}, erased: true });

/**
 * At a till, for a profile pulled from HQ: whether HQ's value of a field replaces the till's. The till
 * keeps its own value only while it holds a local edit stamped after HQ's value (`pending`: an edit
 * not pushed yet, or pushed and not yet seen back). The same stamp means HQ has that very edit.
 */
export function remoteApplies(remote: Hlc | undefined, pending: Hlc | undefined): boolean {
  if (pending === undefined) return true;
  return remote !== undefined && compareHlc(remote, pending) >= 0;
}
