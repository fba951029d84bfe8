// Ids of the profiles this till enrols itself: from TILL_CUSTOMER_ID_BASE up, a range HQ's ids never
// reach (contract/sync.ts), so a profile pulled from HQ never lands on one of them. HQ learns the
// till's id with the enrolment (terminal_customers) and names it back as the profile's `localIds`.
import { TILL_CUSTOMER_ID_BASE } from '../../../contract/sync';
import type { Db } from '../db';

export function createTillCustomerIds(db: Db) {
  const highest = db.prepare<[number], number | null>('SELECT max(id) FROM customers WHERE id >= ?').pluck();
  return {
    /** The id for the next profile enrolled here; call inside the transaction that inserts it. */
    next: (): number => (highest.get(TILL_CUSTOMER_ID_BASE) ?? TILL_CUSTOMER_ID_BASE) + 1,
  };
}
