// Customer mutations from a till: a profile enrolled there (with its consents), the saved bag,
// notes and tags. Changes to a profile HQ cannot find are flagged and take no effect.
import type { CustomerBag, CustomerEnrolled, CustomerNoteAdded, CustomerTagged } from '../../contract/sync';
import { insertRows } from '../db/pool';
import { resolveLivingCustomer } from './context';
import type { ApplyContext } from './context';

export interface ConsentRow {
  purpose: 'processing' | 'marketing';
  channel: string | null;
  granted: boolean;
  /** Null when given at enrolment: it then counts as stamped at its time (hq_consents_doc). */
  hlc: string | null;
}

/** Every consent is kept as given, with where, when and by whom: the proof of consent. */
export async function insertConsents(
  ctx: ApplyContext,
  customerId: number,
  cashierId: number | null,
  at: string,
  consents: readonly ConsentRow[],
): Promise<void> {
  const { tx, terminal, mutation } = ctx;
  await insertRows(
    tx,
    'consents',
    [
      'customer_id bigint',
      'purpose text',
      'channel text',
      'granted boolean',
      'recorded_at timestamptz',
      'store_id bigint',
      'terminal_id uuid',
      'cashier_id integer',
      'mutation_id uuid',
      'hlc text',
    ],
    consents.map((consent) => [
      customerId,
      consent.purpose,
      consent.channel,
      consent.granted,
      at,
      terminal.storeId,
      terminal.id,
      cashierId,
      mutation.id,
      consent.hlc,
    ]),
  );
}

/** Creates the chain profile and answers with its id, which the till later learns. */
export async function applyCustomerEnrolled(ctx: ApplyContext, enrolled: CustomerEnrolled): Promise<number> {
  const { tx, terminal } = ctx;
  const mapped = await tx.query<{ customerId: number }>(
    `SELECT customer_id AS "customerId" FROM terminal_customers
     WHERE terminal_id = $1 AND till_customer_id = $2`,
    [terminal.id, enrolled.customerId],
  );
  const already = mapped.rows[0]?.customerId;
  if (already !== undefined) {
    ctx.flag('customer.already_enrolled', { tillCustomerId: enrolled.customerId, customerId: already });
    return already;
  }
  // Merging duplicates is HQ's job (identity resolution), not the till's: flag and keep both.
  const twin = await tx.query<{ id: number }>(
    `SELECT id FROM customers
     WHERE merged_into IS NULL AND erased_at IS NULL
       AND ((phone_e164 = $1 AND $1 IS NOT NULL) OR (lower(email) = lower($2) AND $2 IS NOT NULL))
     LIMIT 1`,
    [enrolled.phoneE164, enrolled.email],
  );
  const created = await tx.query<{ id: number }>(
    `INSERT INTO customers (name, phone_e164, email, birthday, attributes, source, home_store_id, created_at)
     VALUES ($1, $2, $3, $4, $5, 'till', $6, $7) RETURNING id`,
    [
      enrolled.name,
      enrolled.phoneE164,
      enrolled.email,
      enrolled.birthday,
      JSON.stringify(enrolled.attributes),
      terminal.storeId,
      enrolled.at,
    ],
  );
  const customerId = created.rows[0]?.id;
  if (customerId === undefined) throw new Error('customer insert returned no id');
  const existing = twin.rows[0];
  if (existing) ctx.flag('customer.possible_duplicate', { customerId, twinCustomerId: existing.id });
  if (enrolled.cardNo !== null) {
    const card = await tx.query(
      `INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES ($1, $2, $3)
       ON CONFLICT (card_no) DO NOTHING`,
      [enrolled.cardNo, customerId, enrolled.at],
    );
    if (!card.rowCount) ctx.flag('customer.card_taken', { customerId });
  }
  await insertConsents(
    ctx,
    customerId,
    enrolled.cashierId,
    enrolled.at,
    enrolled.consents.map((consent) => ({ ...consent, hlc: null })),
  );
  await tx.query(
    'INSERT INTO terminal_customers (terminal_id, till_customer_id, customer_id) VALUES ($1, $2, $3)',
    [terminal.id, enrolled.customerId, customerId],
  );
  return customerId;
}

/** The bag as the till last saw it; an older bag from a slower till does not overwrite a newer one. */
export async function applyCustomerBag(ctx: ApplyContext, bag: CustomerBag): Promise<void> {
  const customerId = await resolveLivingCustomer(ctx, bag.customerId);
  if (customerId === null) return;
  await ctx.tx.query(
    `INSERT INTO saved_bags (customer_id, items, updated_at, store_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (customer_id) DO UPDATE
       SET items = excluded.items, updated_at = excluded.updated_at, store_id = excluded.store_id
       WHERE saved_bags.updated_at <= excluded.updated_at`,
    [customerId, JSON.stringify(bag.items), bag.at, ctx.terminal.storeId],
  );
}

export async function applyCustomerNote(ctx: ApplyContext, note: CustomerNoteAdded): Promise<void> {
  const customerId = await resolveLivingCustomer(ctx, note.customerId);
  if (customerId === null) return;
  await ctx.tx.query(
    `INSERT INTO customer_notes (customer_id, text, author_id, store_id, noted_at, mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [customerId, note.text, note.authorId, ctx.terminal.storeId, note.at, ctx.mutation.id],
  );
}

export async function applyCustomerTag(ctx: ApplyContext, tag: CustomerTagged): Promise<void> {
  const customerId = await resolveLivingCustomer(ctx, tag.customerId);
  if (customerId === null) return;
  await ctx.tx.query(
    `INSERT INTO customer_tags (customer_id, tag, on_profile, changed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (customer_id, tag) DO UPDATE
       SET on_profile = excluded.on_profile, changed_at = excluded.changed_at
       WHERE customer_tags.changed_at <= excluded.changed_at`,
    [customerId, tag.tag, tag.on, tag.at],
  );
}
