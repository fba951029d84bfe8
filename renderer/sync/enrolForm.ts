// The enrolment form of the sync page: when it can be sent, and which field a refusal is about.
import type { ErrorCode } from '../../contract/common';

export interface EnrolFields {
  hqUrl: string;
  code: string;
}

export type EnrolField = keyof EnrolFields;

/** HQ's codes are 10 characters and more; main takes no fewer than 4 (contract `sync.enrol`). */
const minCodeLength = 4;

/** Both fields are filled in: main says whether the address is one and HQ whether the code is good. */
export const readyToEnrol = ({ hqUrl, code }: EnrolFields): boolean =>
  hqUrl.trim() !== '' && code.trim().length >= minCodeLength;

/** What the manager sends: as typed, without the spaces a copy and paste brings along. */
export const enrolInput = ({ hqUrl, code }: EnrolFields): EnrolFields => ({
  hqUrl: hqUrl.trim(),
  code: code.trim(),
});

/** The field to correct after a refusal, if it is about one. */
export function fieldOf(code: ErrorCode, reason: unknown): EnrolField | null {
  if (code === 'BAD_HQ_URL' || code === 'HQ_UNREACHABLE') return 'hqUrl';
  if (code === 'ENROL_REFUSED' && reason !== 'RATE_LIMITED') return 'code';
  return null;
}
