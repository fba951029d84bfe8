import { afterEach, describe, expect, it } from 'vitest';
import { swipeText } from '../../native-drivers/simulators/card-reader';
import { loyaltyNumber, paymentPans } from '../../native-drivers/card-reader/test-cards';
import { cashier, fixture, openTestTill } from './test-till';
import type { TestTill } from './test-till';

let till: TestTill;
afterEach(() => till?.close());

async function loggedIn() {
  till = openTestTill();
  await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
}

const scan = (code: string) => till.call('cart.scan', { code, source: 'wedge' });

describe('a scan typed or wedged into the till', () => {
  it('adds a product, also when the scanner sends an AIM identifier first', async () => {
    await loggedIn();
    expect(
      (await till.must('cart.scan', { code: `]E0${fixture.milk.barcode}`, source: 'wedge' })).lines,
    ).toEqual([expect.objectContaining({ barcode: fixture.milk.barcode, quantityMilli: 1000 })]);
  });

  it('refuses a payment card number, naming only its last digits, and keeps the cart', async () => {
    await loggedIn();
    await scan(fixture.milk.barcode);
    for (const code of [paymentPans.visa, swipeText({ number: paymentPans.mir })]) {
      const result = await scan(code);
      expect(result).toMatchObject({ ok: false, error: { code: 'PAYMENT_CARD_REFUSED' } });
      const said = JSON.stringify(result);
      expect(said).not.toMatch(/\d{5}/);
      expect(said).toContain('•••• ');
    }
    expect((await till.must('cart.get', {})).lines).toHaveLength(1);
  });

  it('says a loyalty card belongs to nobody instead of calling it an unknown product', async () => {
    await loggedIn();
    expect(await scan(loyaltyNumber)).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_NOT_FOUND', params: { card: `•••• ${loyaltyNumber.slice(-4)}` } },
    });
  });

  it('announces a receipt number so the UI opens the return screen, and leaves the cart alone', async () => {
    await loggedIn();
    const heard: string[] = [];
    till.events.subscribe((name, payload) => {
      if (name === 'scan.receipt') heard.push((payload as { receiptNo: string }).receiptNo);
    });
    expect(await scan('0001-01-000042')).toMatchObject({ ok: true, value: { lines: [] } });
    expect(heard).toEqual(['0001-01-000042']);
  });
});

describe('a GS1 label scanned at the till', () => {
  it('puts each serialised unit of a marked product on its own line, quantity fixed', async () => {
    await loggedIn();
    const gtin14 = `0${fixture.milk.barcode}`;
    await scan(`]C101${gtin14}21SERIAL0001\u001d91EE06`);
    const cart = await till.must('cart.scan', {
      code: `]C101${gtin14}21SERIAL0002\u001d91EE06`,
      source: 'wedge',
    });
    expect(cart.lines).toHaveLength(2);
    expect(cart.lines.every((line) => line.quantityMilli === 1000 && line.fromEmbeddedBarcode)).toBe(true);
  });
});
