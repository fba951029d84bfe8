// Checkout: the open cart of this till, its payment, and the commit of the sale. The cart lives in
// main (one owner); the UI only renders snapshots. A sale is committed in one SQLite transaction
// together with its receipt number and its outbox row, or not at all — then the cart stays as it was.
import { randomUUID } from 'node:crypto';
import { uuidV7 } from '../../contract/uuid-v7';
import { fail, ok } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type { Cart, PaymentOutcome, Receipt, User } from '../../contract/ipc';
import type { SaleCompleted } from '../../contract/sync';
import { classifyCode } from '../domain/barcode';
import type { ScannedCode } from '../domain/barcode';
import {
  addItem,
  attachCustomer,
  cartTotals,
  emptyCart,
  removeLine,
  setCoupon,
  setQuantity,
  toCartView,
} from '../domain/cart';
import type { CartCustomer } from '../../contract/customers';
import { checkCoupon } from '../domain/coupon';
import type { CouponTerms } from '../domain/coupon';
import type { Coupons } from '../store/coupons';
import type { CartState, ProductForSale } from '../domain/cart';
import { MILLI } from '../../contract/common';
import { gs1Item, quantityForPrice } from '../domain/gs1-item';
import { formatReceiptNo } from '../domain/receipt';
import { lineTax } from '../domain/tax';
import { addTender, cardTender, cashTender, checkCardAmount, isFullyPaid } from '../domain/tender';
import type { PaymentTerminal } from '../../native-drivers/payment-terminal/types';
import type { Gs1Product } from '../../native-drivers/scanner/gs1-product';
import type { Db } from '../store/db';
import type { Catalog } from '../store/catalog';
import { storageError } from '../store/errors';
import type { Outbox } from '../store/outbox';
import type { PrintQueue } from './printing/queue';
import type { SaleRecord, Sales } from '../store/sales';
import type { Sequences } from '../store/sequences';
import type { Logger } from '../log';
import type { EventBus } from './events';
import { saleReceipt } from './receipt-view';

export interface CheckoutDeps {
  db: Db;
  config: TillConfig;
  catalog: Catalog;
  coupons: Coupons;
  /** The profile ids a customer's own coupons may carry: theirs and those HQ merged into it. */
  profileIds: (customerId: number) => readonly number[];
  sales: Sales;
  sequences: Sequences;
  outbox: Outbox;
  /** Receipts are queued for the printer in the sale's own transaction, printed after it. */
  printQueue: PrintQueue;
  terminal: PaymentTerminal;
  events: EventBus;
  currentUser: () => User | null;
  now: () => Date;
  log: Logger;
}

export class CheckoutService {
  private cart: CartState;
  /** Set while the payment terminal holds the customer: the cart must not change under an authorisation. */
  private cardInFlight = false;

  constructor(private readonly deps: CheckoutDeps) {
    this.cart = emptyCart(uuidV7(), deps.config.store.currency);
  }

  /** True while the payment terminal holds the customer. */
  get cardInProgress(): boolean {
    return this.cardInFlight;
  }

  view(): Cart {
    return toCartView(this.cart);
  }

  scan(code: string): Result<Cart> {
    const scanned = classifyCode(code, this.deps.config.embeddedBarcodes);
    const item = this.itemFor(scanned, code.trim());
    if (!item.ok) return item;
    return this.change((cart) => addItem(cart, item.value.product, { lineId: uuidV7(), ...item.value.item }));
  }

  /** A GS1 label: the product by its GTIN, with the weight, price or serial the label carries. */
  scanGs1(label: Gs1Product): Result<Cart> {
    const product = this.deps.catalog.productByBarcode(label.gtin);
    if (!product)
      return fail('UNKNOWN_BARCODE', `No product has the GTIN ${label.gtin}`, { barcode: label.gtin });
    const item = gs1Item(product, label, this.deps.config.store.currency);
    if (!item.ok) return item;
    return this.change((cart) => addItem(cart, product, { lineId: uuidV7(), ...item.value }));
  }

  /** A product picked from a profile: history, saved bag or a recommendation. */
  addProduct(productId: number, quantityMilli: number): Result<Cart> {
    const product = this.deps.catalog.productById(productId);
    if (!product) return fail('PRODUCT_NOT_FOUND', `Product ${productId} is not sold here`, { productId });
    return this.change((cart) =>
      addItem(cart, product, { lineId: uuidV7(), quantityMilli, fromEmbeddedBarcode: false }),
    );
  }

  get customer(): CartCustomer | null {
    return this.cart.customer;
  }

  attachCustomer(customer: CartCustomer | null): Result<Cart> {
    return this.change((cart) => attachCustomer(cart, customer));
  }

  applyCoupon(code: string): Result<Cart> {
    const coupon = this.usableCoupon(code);
    if (!coupon.ok) return coupon;
    return this.change((cart) => setCoupon(cart, coupon.value));
  }

  removeCoupon(): Result<Cart> {
    return this.change((cart) => setCoupon(cart, null));
  }

  setQuantity(lineId: string, quantityMilli: number): Result<Cart> {
    return this.change((cart) => setQuantity(cart, lineId, quantityMilli));
  }

  removeLine(lineId: string): Result<Cart> {
    return this.change((cart) => removeLine(cart, lineId));
  }

  voidCart(): Result<Cart> {
    if (this.cardInFlight) return paymentInProgress();
    if (this.cart.tenders.length > 0)
      return fail('CART_LOCKED', 'Cancel the payment before voiding the cart');
    if (this.cart.lines.length > 0) {
      this.deps.log.info('cart.voided', { cartId: this.cart.id, lines: this.cart.lines.length });
    }
    this.replaceCart(emptyCart(uuidV7(), this.deps.config.store.currency));
    return ok(this.view());
  }

  payCash(cartId: string, receivedMinor: number): Result<PaymentOutcome> {
    const ready = this.readyToPay(cartId);
    if (ready) return ready;
    const tender = cashTender(cartTotals(this.cart).dueMinor, receivedMinor, uuidV7());
    if (!tender.ok) return tender;
    const paid = addTender(this.cart, tender.value);
    if (!paid.ok) return paid;
    this.replaceCart(paid.value);
    return this.complete(cartId);
  }

  async payCard(cartId: string, amountMinor: number): Promise<Result<PaymentOutcome>> {
    const ready = this.readyToPay(cartId);
    if (ready) return ready;
    const amount = checkCardAmount(cartTotals(this.cart).dueMinor, amountMinor);
    if (!amount.ok) return amount;

    const { terminal, config, events, log } = this.deps;
    const reference = randomUUID();
    const progress = (stage: 'present-card' | 'authorizing' | 'done') =>
      events.emit('payment.progress', { cartId, stage, amountMinor });
    this.cardInFlight = true;
    try {
      const answer = await terminal.authorize(
        { reference, amountMinor, currency: this.cart.currency },
        AbortSignal.timeout(config.paymentTerminal.timeoutMs),
        progress,
      );
      if (answer.status === 'declined') {
        log.info('card.declined', { cartId, amountMinor });
        return fail('CARD_DECLINED', `The card was declined: ${answer.reason}`, { reason: answer.reason });
      }
      const tender = cardTender(cartTotals(this.cart).dueMinor, amountMinor, reference, answer);
      const paid = tender.ok ? addTender(this.cart, tender.value) : tender;
      if (!paid.ok) {
        await this.reverseQuietly(answer.terminalRef);
        return paid;
      }
      this.replaceCart(paid.value);
    } catch (error) {
      if (isTimeout(error)) {
        log.warn('card.timeout', { cartId, amountMinor });
        return fail('CARD_TIMEOUT', 'The payment terminal did not answer in time');
      }
      log.error('card.terminal_failed', { cartId, error: String(error) });
      return fail('TERMINAL_UNAVAILABLE', 'The payment terminal is not available');
    } finally {
      this.cardInFlight = false;
      progress('done');
    }
    return isFullyPaid(this.cart) ? this.complete(cartId) : ok({ status: 'partial', cart: this.view() });
  }

  /** Gives the tenders back: card approvals are reversed at the terminal, cash is handed back. */
  async cancelPayment(cartId: string): Promise<Result<Cart>> {
    if (cartId !== this.cart.id) return fail('CART_CHANGED', 'This cart is no longer open');
    if (this.cardInFlight) return paymentInProgress();
    this.cardInFlight = true;
    try {
      const remaining = [...this.cart.tenders];
      while (remaining.length > 0) {
        const tender = remaining[0];
        if (tender?.kind === 'card' && tender.terminalRef) {
          const answer = await this.deps.terminal
            .reverse(tender.terminalRef, AbortSignal.timeout(this.deps.config.paymentTerminal.timeoutMs))
            .catch(() => null);
          if (answer?.status !== 'approved') {
            this.replaceCart({ ...this.cart, tenders: remaining });
            return fail('TERMINAL_UNAVAILABLE', 'The card payment could not be reversed; try again');
          }
        }
        remaining.shift();
      }
      this.replaceCart({ ...this.cart, tenders: [] });
      return ok(this.view());
    } finally {
      this.cardInFlight = false;
    }
  }

  /**
   * Commits a fully tendered cart. Idempotent by cart id: a repeated request for a cart that
   * became a sale answers with that sale's receipt, so a double click never makes two sales.
   */
  complete(cartId: string): Result<PaymentOutcome> {
    if (cartId !== this.cart.id) return this.alreadyCompleted(cartId);
    if (!isFullyPaid(this.cart)) {
      return fail('TENDER_SHORT', 'The sale is not fully paid', { dueMinor: cartTotals(this.cart).dueMinor });
    }
    const user = this.deps.currentUser();
    if (!user) return fail('NOT_LOGGED_IN', 'Log in to complete the sale');

    const record = this.saleRecord(user);
    let receipt: Receipt;
    try {
      receipt = this.deps.db
        .transaction(() => {
          const { config, sequences, sales, outbox, printQueue } = this.deps;
          const receiptNo = formatReceiptNo(
            config.store.code,
            config.terminal.code,
            sequences.nextValue('sale'),
            'sale',
          );
          const sale = { ...record, receiptNo };
          sales.insertSale(sale);
          const coupon = this.cart.coupon;
          if (coupon && !this.deps.coupons.redeem(coupon, sale.id, sale.createdAt)) {
            // Used meanwhile (another till, a sync): the discount was already given at the tender;
            // HQ settles it from the sale's outbox row, the customer is not sent away.
            this.deps.log.warn('coupon.already_redeemed', { code: coupon.code, saleId: sale.id });
          }
          const document = saleReceipt({ ...sale, cashierName: user.name }, config.store);
          const payload: SaleCompleted = {
            saleId: sale.id,
            cashierId: user.id,
            customerId: sale.customerId,
            receipt: document,
            lineRefs: sale.lines.map((line) => ({ lineId: line.id, productId: line.productId })),
          };
          outbox.append('sale.completed', payload, sale.createdAt);
          printQueue.enqueue('sale', document, sale.createdAt);
          return document;
        })
        .immediate();
    } catch (error) {
      const stored = storageError(error);
      if (!stored) throw error;
      this.deps.log.error('sale.commit_failed', { cartId, code: stored.error.code });
      return stored;
    }
    this.deps.log.info('sale.completed', { receiptNo: receipt.receiptNo, totalMinor: receipt.totalMinor });
    void this.deps.printQueue.kick();
    this.replaceCart(emptyCart(uuidV7(), this.deps.config.store.currency));
    return ok({ status: 'completed', receipt, cart: this.view() });
  }

  private alreadyCompleted(cartId: string): Result<PaymentOutcome> {
    const sale = this.deps.sales.saleById(cartId);
    if (!sale) return fail('CART_CHANGED', 'This cart is no longer open');
    return ok({ status: 'completed', receipt: saleReceipt(sale, this.deps.config.store), cart: this.view() });
  }

  /** Null when the open cart can take a tender; otherwise the answer to give instead. */
  private readyToPay(cartId: string): Result<PaymentOutcome> | null {
    if (this.cardInFlight) return paymentInProgress();
    // A second click on "pay" after the sale went through is answered with that sale, not an error.
    if (cartId !== this.cart.id) return this.alreadyCompleted(cartId);
    if (this.cart.lines.length === 0) return fail('CART_EMPTY', 'There is nothing to pay for');
    // The customer was promised this discount: it must still hold before money is taken for it.
    if (this.cart.coupon && this.cart.tenders.length === 0) {
      const still = this.usableCoupon(this.cart.coupon.code);
      if (!still.ok) return still;
      const { couponProblem } = cartTotals(this.cart);
      if (couponProblem === 'min-spend')
        return fail('COUPON_MIN_SPEND', 'The cart is below the coupon’s minimum spend', {
          code: this.cart.coupon.code,
          minSpendMinor: this.cart.coupon.minSpendMinor,
        });
    }
    return null;
  }

  private usableCoupon(code: string): Result<CouponTerms> {
    const coupon = this.deps.coupons.byCode(code);
    if (!coupon) return fail('COUPON_NOT_FOUND', `No coupon ${code}`, { code });
    const customer = this.cart.customer;
    const own =
      customer !== null &&
      coupon.customerId !== null &&
      this.deps.profileIds(customer.id).includes(coupon.customerId);
    return checkCoupon(own ? { ...coupon, customerId: customer.id } : coupon, {
      customerId: customer?.id ?? null,
      now: this.deps.now(),
    });
  }

  private change(transition: (cart: CartState) => Result<CartState>): Result<Cart> {
    if (this.cardInFlight) return paymentInProgress();
    const next = transition(this.cart);
    if (!next.ok) return next;
    this.replaceCart(next.value);
    return ok(this.view());
  }

  private replaceCart(cart: CartState): void {
    this.cart = cart;
    this.deps.events.emit('cart.changed', this.view());
  }

  private itemFor(
    scanned: ScannedCode,
    code: string,
  ): Result<{
    product: ProductForSale;
    item: { quantityMilli: number; fixedTotalMinor?: number; fromEmbeddedBarcode: boolean };
  }> {
    const { catalog } = this.deps;
    // `barcode` is the parameter the UI's detailed message names ("No product with barcode {barcode}").
    const unknown = () => fail('UNKNOWN_BARCODE', `No product has the barcode ${code}`, { barcode: code });
    switch (scanned.kind) {
      case 'invalid':
        return fail('INVALID_BARCODE', `The barcode ${code} is not valid (${scanned.reason})`, {
          code,
          reason: scanned.reason,
        });
      case 'receipt':
        return fail('UNKNOWN_BARCODE', `${code} is a receipt number, not a product`, { barcode: code });
      case 'gtin':
      case 'other': {
        const product = catalog.productByBarcode(scanned.kind === 'gtin' ? scanned.gtin : scanned.code);
        return product
          ? ok({ product, item: { quantityMilli: MILLI, fromEmbeddedBarcode: false } })
          : unknown();
      }
      case 'embedded': {
        const found = catalog.productByPlu(scanned.plu);
        if (!found) return unknown();
        const product = { ...found, barcode: scanned.code };
        if (scanned.rule.kind === 'weight') {
          if (product.unit !== 'kg') {
            return fail('INVALID_BARCODE', `${code} carries a weight but the product is sold by the piece`, {
              code,
              reason: 'weight_for_piece',
            });
          }
          return ok({ product, item: { quantityMilli: scanned.value, fromEmbeddedBarcode: true } });
        }
        // A price label on a weighed item: the scale printed the price; the weight it stands for is
        // shown for the receipt, but the charged total is exactly the printed price.
        return ok({
          product,
          item: {
            quantityMilli: quantityForPrice(product, scanned.value),
            fixedTotalMinor: scanned.value,
            fromEmbeddedBarcode: true,
          },
        });
      }
    }
  }

  private saleRecord(user: User): Omit<SaleRecord, 'receiptNo' | 'cashierName'> {
    const { config, now } = this.deps;
    const totals = cartTotals(this.cart);
    return {
      id: this.cart.id,
      storeCode: config.store.code,
      terminalCode: config.terminal.code,
      cashierId: user.id,
      customerId: this.cart.customer?.id ?? null,
      customerCard: this.cart.customer?.cardMasked ?? null,
      couponCode: totals.discountMinor > 0 ? (this.cart.coupon?.code ?? null) : null,
      discountMinor: totals.discountMinor,
      status: 'completed',
      currency: this.cart.currency,
      totalMinor: totals.totalMinor,
      taxMinor: totals.taxes.reduce((sum, tax) => sum + tax.taxMinor, 0),
      changeMinor: this.cart.tenders.reduce((sum, tender) => sum + (tender.changeMinor ?? 0), 0),
      createdAt: now().toISOString(),
      lines: this.cart.lines.map((line, index) => {
        const discountMinor = totals.lineDiscounts[index] ?? 0;
        const totalMinor = line.totalMinor - discountMinor;
        return {
          id: line.id,
          lineNo: index + 1,
          productId: line.product.productId,
          barcode: line.product.barcode,
          names: line.product.names,
          unit: line.product.unit,
          quantityMilli: line.quantityMilli,
          unitPriceMinor: line.product.unitPriceMinor,
          totalMinor,
          discountMinor,
          taxRateBp: line.product.taxRateBp,
          taxMinor: lineTax(totalMinor, line.product.taxRateBp),
        };
      }),
      payments: this.cart.tenders.map((tender) => ({
        id: tender.id,
        kind: tender.kind,
        amountMinor: tender.amountMinor,
        receivedMinor: tender.receivedMinor ?? null,
        changeMinor: tender.changeMinor ?? null,
        cardMasked: tender.cardMasked ?? null,
        authCode: tender.authCode ?? null,
        terminalRef: tender.terminalRef ?? null,
      })),
    };
  }

  private async reverseQuietly(terminalRef: string): Promise<void> {
    try {
      await this.deps.terminal.reverse(
        terminalRef,
        AbortSignal.timeout(this.deps.config.paymentTerminal.timeoutMs),
      );
    } catch (error) {
      this.deps.log.error('card.reverse_failed', { terminalRef, error: String(error) });
    }
  }
}

const paymentInProgress = () => fail('PAYMENT_IN_PROGRESS', 'A card payment is in progress');

const isTimeout = (error: unknown) => error instanceof DOMException && error.name === 'TimeoutError';
