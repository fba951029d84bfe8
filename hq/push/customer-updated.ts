// A profile's own fields changed at a till (`customer.updated`), merged per field by hybrid logical
// clock (contract/field-merge.ts, hq/README.md "Customer edits"): each field takes the edit stamped
// latest, whatever order tills push in. The edit follows merges to the survivor; an erased profile
// takes nothing (erased_at is final) and the edit is flagged. Nothing is refused for business reasons:
// a phone or e-mail another living profile has is applied and flagged as a possible duplicate, for the
// duplicate-merge job; an edit stamped more than a day ahead of HQ's clock is set aside and flagged.
import { applyEdits } from '../../contract/field-merge';
import type { FieldEdit } from '../../contract/field-merge';
import { MAX_HLC_DRIFT_MS, parseHlc } from '../../contract/hlc';
import type { FieldClocks } from '../../contract/hlc';
import type { CustomerUpdated } from '../../contract/sync';
import { resolveCustomer } from './context';
import { insertConsents } from './customers';
import type { ApplyContext } from './context';

interface ProfileRow {
  name: string;
  phoneE164: string | null;
  email: string | null;
  birthday: string | null;
  attributes: Record<string, string>;
  clocks: FieldClocks;
  mergedInto: number | null;
  erased: boolean;
}

/** A merge committed between resolving and locking moves the person on: follow it, this often. */
const MAX_HOPS = 10;

/** The survivor's row, locked for the rest of the push (FOR NO KEY UPDATE, as merges lock). */
async function lockedProfile(ctx: ApplyContext, tillCustomerId: number) {
  let id = await resolveCustomer(ctx, tillCustomerId);
  for (let hop = 0; id !== null && hop < MAX_HOPS; hop++) {
    const { rows } = await ctx.tx.query<ProfileRow>(
      `SELECT name, phone_e164 AS "phoneE164", email, birthday, attributes, field_clocks AS clocks,
         merged_into AS "mergedInto", erased_at IS NOT NULL AS erased
       FROM customers WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.mergedInto === null) return { id, row };
    id = row.mergedInto;
  }
  return null;
}

const columnOf: Partial<Record<string, 'name' | 'phoneE164' | 'email' | 'birthday'>> = {
  name: 'name',
  phoneE164: 'phoneE164',
  email: 'email',
  birthday: 'birthday',
};

export async function applyCustomerUpdated(ctx: ApplyContext, update: CustomerUpdated): Promise<void> {
  const { tx } = ctx;
  const found = await lockedProfile(ctx, update.customerId);
  if (found === null) return;
  const { id, row } = found;
  if (row.erased) {
    ctx.flag('customer.erased', { customerId: id, tillCustomerId: update.customerId });
    return;
  }
  const nowMs = Date.now();
  const ahead = update.fields.filter((edit) => parseHlc(edit.hlc).ms - nowMs > MAX_HLC_DRIFT_MS);
  if (ahead.length > 0) {
    ctx.flag('customer.clock_ahead', { customerId: id, fields: ahead.map((edit) => edit.field) });
  }
  const edits: FieldEdit[] = update.fields.filter((edit) => !ahead.includes(edit));

  const values: Record<string, string | null> = {
    name: row.name,
    phoneE164: row.phoneE164,
    email: row.email,
    birthday: row.birthday,
  };
  for (const [key, value] of Object.entries(row.attributes)) values[`attr:${key}`] = value;
  const merged = applyEdits({ values, clocks: row.clocks, erased: false }, edits);
  const own = merged.applied.filter((edit) => !edit.field.startsWith('consent:'));
  if (own.length > 0) {
    const next = { ...row };
    const attributes = new Map(Object.entries(row.attributes));
    for (const edit of own) {
      const column = columnOf[edit.field];
      if (column === 'name') next.name = edit.value ?? next.name;
      else if (column !== undefined) next[column] = edit.value;
      else if (edit.value === null) attributes.delete(edit.field.slice('attr:'.length));
      else attributes.set(edit.field.slice('attr:'.length), edit.value);
    }
    await tx.query(
      `UPDATE customers SET name = $2, phone_e164 = $3, email = $4, birthday = $5, attributes = $6,
         field_clocks = $7 WHERE id = $1`,
      [
        id,
        next.name,
        next.phoneE164,
        next.email,
        next.birthday,
        JSON.stringify(Object.fromEntries(attributes)),
        JSON.stringify(merged.profile.clocks),
      ],
    );
    await flagTwins(ctx, id, own);
  }

  // Every consent is kept as given, as proof; the one in force per channel is the latest stamped
  // (hq_consents_doc), so an older one arriving late is recorded without taking effect.
  const consents = edits.filter((edit) => edit.field.startsWith('consent:'));
  if (consents.length === 0) return;
  await insertConsents(
    ctx,
    id,
    update.cashierId,
    update.at,
    consents.map((edit) => {
      const [, purpose, channel] = edit.field.split(':');
      return {
        purpose: purpose === 'processing' ? 'processing' : 'marketing',
        channel: channel === 'any' ? null : (channel ?? null),
        granted: edit.value === 'granted',
        hlc: edit.hlc,
      };
    }),
  );
}

/** Another living profile with the phone or e-mail just set is likely the same person: for review. */
async function flagTwins(ctx: ApplyContext, id: number, applied: readonly FieldEdit[]): Promise<void> {
  for (const edit of applied) {
    if (edit.value === null || (edit.field !== 'phoneE164' && edit.field !== 'email')) continue;
    const { rows } = await ctx.tx.query<{ id: number }>(
      edit.field === 'phoneE164'
        ? `SELECT id FROM customers WHERE phone_e164 = $1 AND id <> $2
             AND merged_into IS NULL AND erased_at IS NULL LIMIT 1`
        : `SELECT id FROM customers WHERE lower(email) = lower($1) AND id <> $2
             AND merged_into IS NULL AND erased_at IS NULL LIMIT 1`,
      [edit.value, id],
    );
    const twin = rows[0];
    if (twin) {
      ctx.flag('customer.possible_duplicate', {
        customerId: id,
        twinCustomerId: twin.id,
        matchedBy: edit.field === 'phoneE164' ? 'phone' : 'email',
      });
    }
  }
}
