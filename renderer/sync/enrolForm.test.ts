import { describe, expect, it } from 'vitest';
import { enrolInput, fieldOf, readyToEnrol } from './enrolForm';

describe('the enrolment form', () => {
  it('can be sent once the HQ address and a code are typed', () => {
    expect(readyToEnrol({ hqUrl: '', code: 'ABCDE-FGHJK' })).toBe(false);
    expect(readyToEnrol({ hqUrl: 'https://hq.example', code: 'AB' })).toBe(false);
    expect(readyToEnrol({ hqUrl: 'https://hq.example', code: 'ABCDE-FGHJK' })).toBe(true);
  });

  it('sends what was typed without the spaces a paste brings along', () => {
    expect(enrolInput({ hqUrl: ' https://hq.example/ ', code: ' abcde-fghjk\n' })).toEqual({
      hqUrl: 'https://hq.example/',
      code: 'abcde-fghjk',
    });
  });

  it('marks the address for a bad or silent HQ and the code for a refused one', () => {
    expect(fieldOf('BAD_HQ_URL', undefined)).toBe('hqUrl');
    expect(fieldOf('HQ_UNREACHABLE', undefined)).toBe('hqUrl');
    expect(fieldOf('ENROL_REFUSED', 'ENROL_CODE_REFUSED')).toBe('code');
    expect(fieldOf('ENROL_REFUSED', 'STORE_MISMATCH')).toBe('code');
    expect(fieldOf('ENROL_REFUSED', 'RATE_LIMITED')).toBeNull();
    expect(fieldOf('FORBIDDEN', undefined)).toBeNull();
  });
});
