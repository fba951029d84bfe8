// Clienteling at the till: identify (any key, the member QR included), enrol, attach to the cart,
// and what associates write on a profile (its own fields, saved bag, notes, tags), each with its
// outbox row in the same transaction. The customer service's own error codes become contract errors here.
import { fail, ok } from '../../contract/common';
import type { PosError, Result } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type {
  CartCustomer,
  CustomerProfile,
  CustomerUpdateInput,
  EnrolInput,
  Enrolment,
  Identification,
} from '../../contract/customers';
import type { Cart, User } from '../../contract/ipc';
import type { CustomerBag } from '../../contract/sync';
import type { MemberTokenError } from '../domain/member-qr';
import { maskCard } from '../domain/customer-identity';
import type { Logger } from '../log';
import type { Clienteling } from '../store/clienteling';
import type { Db } from '../store/db';
import type { Outbox } from '../store/outbox';
import type { CheckoutService } from './checkout';
import type { CustomerEditor } from './customer-edit';
import type { CustomerError, CustomerService } from './customers';
import type { MemberQrService, MemberQrVerification } from './member-qr';
import type { ProfileService } from './profile';

export interface ClientelingDeps {
  db: Db;
  config: TillConfig;
  checkout: CheckoutService;
  customers: CustomerService;
  editor: CustomerEditor;
  profiles: ProfileService;
  memberQr: MemberQrService;
  clienteling: Clienteling;
  outbox: Outbox;
  currentUser: () => User | null;
  now: () => Date;
  log: Logger;
}

function customerError(error: CustomerError): { ok: false; error: PosError } {
  const code =
    error.code === 'EMPTY_QUERY' || error.code === 'QUERY_TOO_LONG' ? 'BAD_CUSTOMER_QUERY' : error.code;
  return fail(code, error.message, { reason: error.code });
}

/** Why a member QR was refused, for the cashier; the token itself is never echoed or logged. */
function memberRefused(error: MemberTokenError): { ok: false; error: PosError } {
  const reason = error.kind === 'malformed' ? `malformed` : error.kind;
  return fail('MEMBER_QR_REFUSED', `The member QR was refused: ${reason}`, { reason });
}

export function createClientelingService(deps: ClientelingDeps) {
  const { checkout, customers, profiles, clienteling, config } = deps;

  const viewer = () => ({ role: deps.currentUser()?.role ?? 'cashier' });
  const cartProducts = () => checkout.view().lines.map((line) => line.productId);

  function profile(customerId: number): Result<CustomerProfile> {
    return profiles.profile(customerId, viewer(), cartProducts());
  }

  // A light read: the cart header needs the name and tier, the panel loads the rest by itself.
  function attach(customerId: number, cardNo: string | null): Result<Cart> {
    const found = customers.customers.customerById(customerId);
    if (!found) return fail('CUSTOMER_NOT_FOUND', `No customer ${customerId}`, { customerId });
    const customer: CartCustomer = {
      id: found.id,
      name: found.name,
      tier: clienteling.extras(found.id)?.tier ?? null,
      cardMasked: cardNo === null ? null : maskCard(cardNo),
    };
    return checkout.attachCustomer(customer);
  }

  const memberCustomer = (verified: MemberQrVerification): Result<number> => {
    if (!verified.ok) return memberRefused(verified.error);
    const id = Number(verified.value.customerId);
    return Number.isSafeInteger(id) && id > 0
      ? ok(id)
      : fail('CUSTOMER_NOT_FOUND', 'The member QR names no customer of this chain');
  };

  function identify(query: string): Result<Identification> {
    const member = deps.memberQr.verifyMemberToken(query, deps.now());
    // A text that is not a member QR at all is an ordinary query; a member QR that fails is refused.
    if (member.ok || member.error.kind !== 'malformed' || member.error.reason !== 'not-a-member-qr') {
      const id = memberCustomer(member);
      if (!id.ok) return id;
      const found = profile(id.value);
      if (!found.ok)
        return found.error.code === 'CUSTOMER_NOT_FOUND' ? ok({ kind: 'none', by: 'member-qr' }) : found;
      return ok({ kind: 'one', by: 'member-qr', profile: found.value });
    }
    const result = customers.identify(query);
    if (!result.ok) return customerError(result.error);
    const found = result.value;
    if (found.kind !== 'one') return ok(found);
    const shown = profile(found.customer.id);
    return shown.ok ? ok({ kind: 'one', by: found.by, profile: shown.value }) : shown;
  }

  function enrol(input: EnrolInput): Result<Enrolment> {
    const user = deps.currentUser();
    const result = customers.enrol(
      {
        ...input,
        phone: input.phone ?? null,
        email: input.email ?? null,
        birthday: input.birthday ?? null,
        cardNo: input.cardNo ?? null,
      },
      { cashierId: user?.id ?? null },
    );
    if (!result.ok) return customerError(result.error);
    const shown = profile(result.value.customer.id);
    if (!shown.ok) return shown;
    if (result.value.kind === 'created')
      deps.log.info('customer.enrolled', { customerId: result.value.customer.id });
    return ok({
      kind: result.value.kind,
      matchedBy: result.value.kind === 'existing' ? result.value.matchedBy : null,
      profile: shown.value,
    });
  }

  /** Changes a profile's own fields (contacts, birthday, preferences, consents) and shows it anew. */
  function update({ customerId, ...edit }: CustomerUpdateInput): Result<CustomerProfile> {
    const updated = deps.editor.updateCustomer(customerId, edit, {
      cashierId: deps.currentUser()?.id ?? null,
    });
    if (!updated.ok) return updated;
    deps.log.info('customer.updated', { customerId: updated.value });
    return profile(customerId);
  }

  /** Writes a profile change and its outbox row together, then answers with the new profile. */
  function change(customerId: number, write: (at: string) => void): Result<CustomerProfile> {
    const exists = customers.customers.customerById(customerId);
    if (!exists) return fail('CUSTOMER_NOT_FOUND', `No customer ${customerId}`, { customerId });
    deps.db.transaction(() => write(deps.now().toISOString()))();
    return profile(exists.id);
  }

  function bagChanged(customerId: number, at: string): void {
    const payload: CustomerBag = { customerId, items: clienteling.bag(customerId), at };
    deps.outbox.append('customer.bag', payload, at);
  }

  function saveBag(lineIds: readonly string[] | undefined): Result<CustomerProfile> {
    const cart = checkout.view();
    if (!cart.customer) return fail('NO_CUSTOMER', 'Identify the customer before saving their bag');
    const lines = lineIds ? cart.lines.filter((line) => lineIds.includes(line.id)) : cart.lines;
    if (lines.length === 0) return fail('CART_EMPTY', 'There is nothing to save');
    if (lineIds && lines.length !== lineIds.length)
      return fail('LINE_NOT_FOUND', 'A line is no longer in the cart');
    const customerId = cart.customer.id;
    return change(customerId, (at) => {
      // The bag holds products, not labels: a weighed item is saved as the product, by the piece.
      const byProduct = new Map<number, number>();
      for (const line of lines) {
        const quantity = line.unit === 'piece' ? line.quantityMilli : 1000;
        byProduct.set(line.productId, (byProduct.get(line.productId) ?? 0) + quantity);
      }
      for (const [productId, quantityMilli] of byProduct)
        clienteling.putInBag(
          customerId,
          { productId, quantityMilli },
          at,
          config.store.code,
          deps.currentUser()?.id ?? null,
        );
      bagChanged(customerId, at);
    });
  }

  function removeBagItem(customerId: number, productId: number): Result<CustomerProfile> {
    return change(customerId, (at) => {
      if (clienteling.takeFromBag(customerId, productId)) bagChanged(customerId, at);
    });
  }

  function addNote(customerId: number, text: string): Result<CustomerProfile> {
    const user = deps.currentUser();
    return change(customerId, (at) => {
      clienteling.addNote(
        customerId,
        text,
        { id: user?.id ?? null, name: user?.name ?? '' },
        config.store.code,
        at,
      );
      deps.outbox.append(
        'customer.note',
        { customerId, text, authorId: user?.id ?? null, storeCode: config.store.code, at },
        at,
      );
    });
  }

  function setTag(customerId: number, tag: string, on: boolean): Result<CustomerProfile> {
    const normalised = tag.normalize('NFC').trim().toLowerCase();
    return change(customerId, (at) => {
      clienteling.setTag(customerId, normalised, on);
      deps.outbox.append('customer.tag', { customerId, tag: normalised, on, at }, at);
    });
  }

  return {
    identify,
    profile,
    history: (customerId: number, offset: number) => profiles.history(customerId, offset),
    enrol,
    update,
    attach: (customerId: number) => attach(customerId, null),
    detach: () => checkout.attachCustomer(null),
    /** A loyalty card scanned, swiped or typed during checkout. */
    attachByCard(cardNo: string): Result<Cart> {
      const customer = customers.customers.customerByCard(cardNo);
      if (!customer)
        return fail('CUSTOMER_NOT_FOUND', 'No customer has this card', { card: maskCard(cardNo) });
      return attach(customer.id, cardNo);
    },
    /** The member QR from the customer's phone, as the scanner read it. */
    attachByMember(scan: { memberId: string; signature: string }): Result<Cart> {
      const id = memberCustomer(deps.memberQr.verifyMemberScan(scan, deps.now()));
      return id.ok ? attach(id.value, null) : id;
    },
    saveBag,
    removeBagItem,
    addNote,
    setTag,
  };
}
export type ClientelingService = ReturnType<typeof createClientelingService>;
