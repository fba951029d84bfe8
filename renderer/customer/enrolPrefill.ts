// What the cashier typed into "Identify" becomes the start of an enrolment form when nobody was found,
// so the same words are not typed twice at the counter.
import type { IdentifyBy } from '../../contract/customers';

export interface EnrolPrefill {
  name: string;
  phone: string;
  email: string;
  cardNo: string;
}

export const emptyPrefill: EnrolPrefill = { name: '', phone: '', email: '', cardNo: '' };

// The same shape of phone text main's identify reads as a phone (main/services/customers.ts).
const PHONE_LIKE = /^\+?[\d\s().-]+$/;
/** Fewer digits are the "last 4" search or a fragment: not a number to enrol with. */
const MIN_PHONE_DIGITS = 7;

/** What a query looks like when main has not said how it read it. */
export function guessQueryKind(query: string): IdentifyBy | null {
  const text = query.trim();
  if (text === '') return null;
  if (text.includes('@')) return 'email';
  if (PHONE_LIKE.test(text)) {
    const digits = text.replace(/\D/g, '').length;
    if (digits === 4) return 'last4';
    return digits >= MIN_PHONE_DIGITS ? 'phone' : null;
  }
  return /\p{L}/u.test(text) ? 'name' : null;
}

/**
 * The enrolment fields a query fills: by how main read it (`by`) when known, else by its shape.
 * A last-4 search, a receipt number or a member code names nobody new, so they fill nothing.
 */
export function enrolPrefill(query: string, by: IdentifyBy | null): EnrolPrefill {
  const text = query.trim();
  switch (by ?? guessQueryKind(text)) {
    case 'phone':
      return { ...emptyPrefill, phone: text };
    case 'email':
      return { ...emptyPrefill, email: text };
    case 'name':
      return { ...emptyPrefill, name: text };
    case 'card':
      return { ...emptyPrefill, cardNo: text.replace(/[\s-]/g, '') };
    default:
      return emptyPrefill;
  }
}
