// What a customer's own fields may hold, the same at enrolment and at every later edit: a name with at
// least two letters, a past birthday, preferences as short Latin keys with a value.
import { nameMatchQuery } from './customer-identity';

const MAX_NAME = 200;
export const MAX_ATTRIBUTES = 50;
const ATTRIBUTE_KEY = /^[a-z][a-z0-9_.-]{0,39}$/;
const MAX_ATTRIBUTE_VALUE = 200;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The name as stored (NFC, single spaces), or null when it has not two letters to be found by. */
export function customerName(text: string): string | null {
  const name = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > MAX_NAME || nameMatchQuery(name) === null) return null;
  return name;
}

/** A real calendar day `YYYY-MM-DD` from 1900 up to today. */
export function isBirthday(text: string, today: Date): boolean {
  const parts = ISO_DATE.exec(text);
  if (!parts) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === text &&
    Number(parts[1]) >= 1900 &&
    date.getTime() <= today.getTime()
  );
}

export const isAttributeKey = (key: string): boolean => ATTRIBUTE_KEY.test(key);

export const isAttribute = (key: string, value: string): boolean =>
  isAttributeKey(key) && value.length <= MAX_ATTRIBUTE_VALUE;
