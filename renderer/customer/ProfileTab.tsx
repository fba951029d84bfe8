import { useState } from 'react';
import type { CustomerProfile } from '../../contract/customers';
import { useI18n } from '../i18n/context';
import { elapsedDays } from '../i18n/format';
import { formatBirthday } from './birthday';
import { EditDialog } from './EditDialog';
import { marketingChannels } from './customerFields';
import { NotesSection } from './NotesSection';
import { TagsEditor } from './TagsEditor';

interface ProfileTabProps {
  profile: CustomerProfile;
  currency: string;
}

/**
 * Who the customer is and what they are worth; contacts exactly as main sent them (masked by role).
 * "Edit" changes the customer's own details.
 */
export function ProfileTab({ profile, currency }: ProfileTabProps) {
  const { t, locale, money, date, daysAgo, share, productName } = useI18n();
  const { stats } = profile;
  const consented = marketingChannels.filter((channel) => profile.marketing[channel]);
  const [editing, setEditing] = useState(false);

  return (
    <div className="profile-tab">
      <div className="profile-tab__actions">
        <button
          type="button"
          className="button"
          data-testid="customer-edit"
          aria-label={t('customerEdit.openLabel')}
          onClick={() => setEditing(true)}
        >
          {t('customerEdit.open')}
        </button>
      </div>
      {editing && <EditDialog profile={profile} onClose={() => setEditing(false)} />}
      <dl className="customer-facts">
        <div>
          <dt>{t('customer.phone')}</dt>
          <dd data-testid="customer-phone">{profile.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('customer.email')}</dt>
          <dd data-testid="customer-email">{profile.email ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('customer.birthday')}</dt>
          <dd data-testid="customer-birthday">
            {profile.birthday === null ? '—' : formatBirthday(profile.birthday, locale)}
          </dd>
        </div>
        <div>
          <dt>{t('customer.offersBy')}</dt>
          <dd data-testid="customer-marketing">
            {consented.length
              ? consented.map((channel) => t(`customer.channels.${channel}`)).join(', ')
              : t('customer.noMarketing')}
          </dd>
        </div>
      </dl>
      <p className="customer-panel__muted">
        {t('customer.memberSince', { date: date(profile.memberSince) })}
        {!profile.personalVisible && <> · {t('customer.masked')}</>}
      </p>
      {profile.mergedFrom !== null && <p className="customer-panel__muted">{t('customer.merged')}</p>}

      <dl className="customer-stats" data-testid="customer-stats">
        <div>
          <dt>{t('customer.revenue')}</dt>
          <dd data-testid="customer-revenue">{money(stats.revenueMinor, currency)}</dd>
        </div>
        {stats.expectedLtvMinor !== null && (
          <div>
            <dt>{t('customer.expectedLtv')}</dt>
            <dd data-testid="customer-expected-ltv">{money(stats.expectedLtvMinor, currency)}</dd>
          </div>
        )}
        <div>
          <dt>{t('customer.averageCheck')}</dt>
          <dd>{money(stats.averageCheckMinor, currency)}</dd>
        </div>
        <div>
          <dt>{t('customer.visits')}</dt>
          <dd data-testid="customer-visits">{stats.visits}</dd>
        </div>
        <div>
          <dt>{t('customer.lastVisit')}</dt>
          <dd>
            {stats.lastVisitAt === null ? (
              t('customer.noVisits')
            ) : (
              <time dateTime={stats.lastVisitAt}>
                {daysAgo(elapsedDays(stats.lastVisitAt, new Date()))}
                <small className="customer-stats__date">{date(stats.lastVisitAt)}</small>
              </time>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('customer.onlineShare')}</dt>
          <dd>{share(stats.onlineShare)}</dd>
        </div>
      </dl>

      {profile.favouriteCategories.length > 0 && (
        <section className="customer-section">
          <h3>{t('customer.favourites')}</h3>
          <ul className="chips">
            {profile.favouriteCategories.map((category) => {
              const name = productName(category.names);
              return (
                <li className="chip" key={name}>
                  {name} <span className="chip__muted">{share(category.share)}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {profile.attributes.length > 0 && (
        <section className="customer-section">
          <h3>{t('customer.attributes')}</h3>
          <dl className="customer-attributes">
            {profile.attributes.map((attribute) => (
              <div key={attribute.key}>
                <dt>{attribute.key.replaceAll('_', ' ')}</dt>
                <dd>{attribute.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <TagsEditor tags={profile.tags} />
      <NotesSection notes={profile.notes} />
    </div>
  );
}
