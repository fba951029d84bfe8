// The 360° panel: one read of everything the till knows about a customer, shaped for the screen.
// Personal data leaves main masked unless the user's role may see it (config `privacy`), so no
// renderer bug can show a phone number to the wrong person. Merged profiles are followed, erased
// ones are not found.
import { fail, ok } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type { CouponOffer, CustomerProfile, HistoryPage, Purchase } from '../../contract/customers';
import type { Role } from '../../contract/ipc';
import type { Suggestion } from '../../contract/reco';
import type { CouponTerms } from '../domain/coupon';
import { maskCard, maskEmail, maskPhone } from '../domain/customer-identity';
import { scoreRfm } from '../domain/rfm';
import type { Catalog } from '../store/catalog';
import type { Clienteling, ItemPurchase } from '../store/clienteling';
import type { Coupons } from '../store/coupons';
import type { Customers, MarketingChannel } from '../store/customers';
import { marketingChannels } from '../store/customers';

export const HISTORY_PAGE = 20;
const NOTES_SHOWN = 20;
const FAVOURITE_CATEGORIES = 3;
const RECOMMENDATIONS = 6;
const DAY_MS = 86_400_000;

export interface RecommendInput {
  purchases: readonly ItemPurchase[];
  cart: readonly number[];
  now: Date;
  limit: number;
}
export type Recommender = (input: RecommendInput) => Suggestion[];

export interface ProfileDeps {
  config: TillConfig;
  customers: Customers;
  clienteling: Clienteling;
  coupons: Coupons;
  catalog: Catalog;
  recommend: Recommender;
  now: () => Date;
}

export interface Viewer {
  role: Role;
}

export function createProfileService(deps: ProfileDeps) {
  const { config, customers, clienteling, coupons, catalog } = deps;

  function purchases(ids: readonly number[], offset: number): Purchase[] {
    return clienteling.documents(ids, HISTORY_PAGE, offset).map((document) => ({
      documentNo: document.documentNo,
      channel: document.channel,
      storeCode: document.storeCode,
      at: new Date(document.at).toISOString(),
      totalMinor: document.totalMinor,
      lines: clienteling.linesOf(document, ids).map((line) => ({
        ...line,
        inAssortment: clienteling.inAssortment(line.productId),
      })),
    }));
  }

  const offer = (coupon: CouponTerms): CouponOffer => ({
    code: coupon.code,
    kind: coupon.kind,
    percentBp: coupon.percentBp,
    amountMinor: coupon.amountMinor,
    minSpendMinor: coupon.minSpendMinor,
    validUntil: new Date(coupon.validUntil).toISOString(),
    personal: coupon.customerId !== null,
  });

  function recommendations(history: readonly ItemPurchase[], cart: readonly number[], now: Date) {
    return deps.recommend({ purchases: history, cart, now, limit: RECOMMENDATIONS }).flatMap((suggestion) => {
      const product = catalog.productById(suggestion.productId);
      if (!product) return [];
      const refers: Record<string, Record<string, string>> = {};
      for (const reason of suggestion.reasons) {
        if (reason.kind !== 'bought-with' && reason.kind !== 'like-your') continue;
        const named = catalog.productById(reason.productId);
        if (named) refers[String(reason.productId)] = named.names;
      }
      return [
        {
          productId: product.productId,
          names: product.names,
          unit: product.unit,
          priceMinor: product.unitPriceMinor,
          reasons: suggestion.reasons,
          refers,
        },
      ];
    });
  }

  /** The panel for `customerId` (following a merge), seen by `viewer`, beside a cart of `cart` products. */
  function profile(
    customerId: number,
    viewer: Viewer,
    cart: readonly number[] = [],
  ): Result<CustomerProfile> {
    const customer = customers.customerById(customerId);
    if (!customer) return fail('CUSTOMER_NOT_FOUND', `No customer ${customerId}`, { customerId });
    const ids = clienteling.profileIds(customer.id);
    const extras = clienteling.extras(customer.id);
    const now = deps.now();
    const stats = clienteling.stats(ids);
    const bounds = clienteling.rfmBoundaries();
    const lastAt = stats.lastAt === null ? null : new Date(stats.lastAt);
    const rfm =
      bounds && lastAt
        ? scoreRfm(
            {
              daysSinceLast: Math.max(0, Math.floor((now.getTime() - lastAt.getTime()) / DAY_MS)),
              purchases: stats.visits,
              revenueMinor: stats.revenueMinor,
            },
            bounds,
          )
        : null;
    const favourites = clienteling.favouriteCategories(ids, FAVOURITE_CATEGORIES);
    const consents = customers.consents(customer.id);
    const marketing = Object.fromEntries(
      marketingChannels.map((channel) => [channel, latestMarketing(consents, channel)]),
    ) as Record<MarketingChannel, boolean>;
    // Preferences and personal offers are marketing: without consent on some channel, none is used.
    const anyMarketing = Object.values(marketing).some(Boolean);
    const reveal = config.privacy.revealPersonalDataTo.includes(viewer.role);
    const itemHistory = clienteling.itemPurchases(ids);

    return ok({
      id: customer.id,
      mergedFrom: customer.id === customerId ? null : customerId,
      name: customer.name,
      phone: reveal ? customer.phone : maskPhone(customer.phone),
      email: reveal ? customer.email : maskEmail(customer.email),
      birthday: reveal || customer.birthday === null ? customer.birthday : `--${customer.birthday.slice(5)}`,
      personalVisible: reveal,
      cards: reveal ? customer.cards : customer.cards.map(maskCard),
      tier: extras?.tier ?? null,
      pointsBalance: extras?.pointsBalance ?? 0,
      memberSince: new Date(customer.createdAt).toISOString(),
      marketing,
      stats: {
        visits: stats.visits,
        revenueMinor: stats.revenueMinor,
        averageCheckMinor: stats.visits === 0 ? 0 : Math.round(stats.revenueMinor / stats.visits),
        expectedLtvMinor: extras?.expectedLtvMinor ?? null,
        firstVisitAt: stats.firstAt === null ? null : new Date(stats.firstAt).toISOString(),
        lastVisitAt: lastAt === null ? null : lastAt.toISOString(),
        onlineShare: stats.visits === 0 ? 0 : stats.onlineVisits / stats.visits,
      },
      rfm,
      favouriteCategories: favourites.map((category) => ({
        names: category.names,
        share: stats.revenueMinor === 0 ? 0 : Math.min(1, category.spendMinor / stats.revenueMinor),
      })),
      // Edits merged from several tills can leave some behind a withdrawal (hq/README.md, "Customer edits").
      attributes: anyMarketing
        ? Object.entries(customers.attributes(customer.id)).map(([key, value]) => ({ key, value }))
        : [],
      tags: clienteling.tags(customer.id),
      notes: clienteling.notes(customer.id, NOTES_SHOWN).map((note) => ({
        ...note,
        createdAt: new Date(note.createdAt).toISOString(),
      })),
      history: purchases(ids, 0),
      historyMore: stats.visits > HISTORY_PAGE,
      coupons: coupons
        .usableBy(ids, now.toISOString())
        .filter((coupon) => coupon.customerId === null || anyMarketing)
        .map(offer),
      bag: clienteling.bag(customer.id).map((item) => {
        const product = catalog.productById(item.productId);
        return {
          productId: item.productId,
          names: product?.names ?? {},
          unit: product?.unit ?? 'piece',
          quantityMilli: item.quantityMilli,
          savedAt: new Date(item.savedAt).toISOString(),
          priceMinor: product?.unitPriceMinor ?? null,
        };
      }),
      recommendations: recommendations(itemHistory, cart, now),
    });
  }

  function history(customerId: number, offset: number): Result<HistoryPage> {
    const customer = customers.customerById(customerId);
    if (!customer) return fail('CUSTOMER_NOT_FOUND', `No customer ${customerId}`, { customerId });
    const ids = clienteling.profileIds(customer.id);
    const page = purchases(ids, offset);
    const more = clienteling.documents(ids, 1, offset + page.length).length > 0;
    return ok({ history: page, more });
  }

  return { profile, history };
}
export type ProfileService = ReturnType<typeof createProfileService>;

function latestMarketing(
  consents: readonly { purpose: string; channel: string | null; granted: boolean }[],
  channel: MarketingChannel,
): boolean {
  return consents.findLast((c) => c.purpose === 'marketing' && c.channel === channel)?.granted ?? false;
}
