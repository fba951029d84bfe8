// What enrolment and the profile edit form share: the form's fields, which of them one of main's
// refusals is about (so the cashier sees at once what to fix), and the marketing channels.
import type { ErrorCode, PosError } from '../../contract/common';
import type { MarketingChannel } from '../../contract/customers';

export const marketingChannels: readonly MarketingChannel[] = ['sms', 'email', 'push', 'call'];

export type CustomerField = 'name' | 'phone' | 'email' | 'birthday' | 'cardNo' | 'processing' | 'preferences';

/** The fields an error is about; none for errors that are not the form's. */
export function fieldsForError(error: Pick<PosError, 'code' | 'params'>): CustomerField[] {
  const code: ErrorCode = error.code;
  switch (code) {
    case 'BAD_NAME':
      return ['name'];
    case 'BAD_PHONE':
      return ['phone'];
    case 'BAD_EMAIL':
      return ['email'];
    case 'CONTACT_REQUIRED':
      return ['phone', 'email'];
    case 'CONTACT_TAKEN':
      return [error.params?.['matchedBy'] === 'email' ? 'email' : 'phone'];
    case 'BAD_BIRTHDAY':
      return ['birthday'];
    case 'BAD_CARD':
    case 'CARD_TAKEN':
      return ['cardNo'];
    case 'CONSENT_REQUIRED':
      return ['processing'];
    case 'BAD_ATTRIBUTE':
    case 'MARKETING_CONSENT_REQUIRED':
      return ['preferences'];
    default:
      return [];
  }
}
