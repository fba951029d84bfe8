import { describe, expect, it } from 'vitest';
import { findPaymentCard, luhnValid, maskPan, paymentScheme } from './payment-card';

// Test PANs published by the schemes and acquirers for test environments.
const visa = '4111111111111111';
const mastercard = '5555555555554444';
const mastercard2 = '2223003122003222';
const mir = '2200000000000004';
const maestro = '6759649826438453';
const unionpay = '6200000000000005';
const amex = '378282246310005';

describe('luhnValid', () => {
  it('accepts published test card numbers and refuses a digit off', () => {
    for (const pan of [visa, mastercard, mastercard2, mir, maestro, unionpay, amex]) {
      expect(luhnValid(pan), pan).toBe(true);
    }
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('answers false for anything but digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
  });
});

describe('paymentScheme', () => {
  it('names the scheme from the IIN, Мир 2200–2204 included', () => {
    expect(paymentScheme(mir)).toBe('mir');
    expect(paymentScheme(visa)).toBe('visa');
    expect(paymentScheme(mastercard)).toBe('mastercard');
    expect(paymentScheme(mastercard2)).toBe('mastercard');
    expect(paymentScheme(maestro)).toBe('maestro');
    expect(paymentScheme(unionpay)).toBe('unionpay');
    expect(paymentScheme(amex)).toBe('amex');
  });

  it('counts a 16-digit 27… number as Mastercard: loyalty ranges must keep out of 2221–2720', () => {
    expect(paymentScheme('2700000000000009')).toBe('mastercard');
  });

  it('is null for numbers outside payment ranges, of the wrong length, or failing Luhn', () => {
    const luhnPad = (body: string) => {
      for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
      throw new Error('unreachable');
    };
    expect(paymentScheme(luhnPad('272100000000000'))).toBeNull(); // just past Mastercard's 2221–2720
    expect(paymentScheme(luhnPad('220500000000000'))).toBeNull(); // just past Мир's range
    expect(paymentScheme(luhnPad('55555555555'))).toBeNull(); // 12-digit "Mastercard"
    expect(paymentScheme('4111111111111112')).toBeNull();
  });
});

describe('findPaymentCard', () => {
  it('finds a bare number, also grouped as printed on the card, and gives only its last four digits', () => {
    expect(findPaymentCard(mir)).toEqual({ scheme: 'mir', masked: '•••• 0004' });
    expect(findPaymentCard('4111 1111 1111 1111')).toEqual({ scheme: 'visa', masked: '•••• 1111' });
    expect(findPaymentCard('5555-5555-5555-4444')).toEqual({ scheme: 'mastercard', masked: '•••• 4444' });
  });

  it('finds the number in track 1 and track 2 data typed by a keyboard-mode reader', () => {
    expect(findPaymentCard(`%B${visa}^PETROVA/ANNA^2512101000000000000?`)).toMatchObject({ scheme: 'visa' });
    expect(findPaymentCard(`;${mir}=25121010000000000000?`)).toMatchObject({ scheme: 'mir' });
  });

  it('never returns the number itself', () => {
    const found = findPaymentCard(`;${visa}=2512101?`);
    expect(JSON.stringify(found)).not.toContain(visa.slice(0, 12));
    expect(maskPan(visa)).toBe('•••• 1111');
  });

  it('finds nothing in product codes, words and loyalty numbers', () => {
    for (const text of ['4600682000181', 'Молоко', '2700000000013', ';123=4?', '']) {
      expect(findPaymentCard(text), text).toBeNull();
    }
  });
});
