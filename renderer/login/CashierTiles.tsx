import type { User } from '../../contract/ipc';
import { useI18n } from '../i18n/context';

interface CashierTilesProps {
  users: readonly User[];
  onChoose(user: User): void;
}

export function CashierTiles({ users, onChoose }: CashierTilesProps) {
  const { t } = useI18n();
  if (users.length === 0) return <p className="login__note">{t('login.noUsers')}</p>;
  return (
    <div className="cashier-tiles">
      {users.map((user) => (
        <button
          key={user.id}
          type="button"
          className={`cashier-tile cashier-tile--${user.role}`}
          data-testid="cashier-tile"
          data-initial={[...user.name][0]?.toUpperCase() ?? ''}
          title={t(user.role === 'manager' ? 'login.manager' : 'login.cashier')}
          onClick={() => onChoose(user)}
        >
          {user.name}
        </button>
      ))}
    </div>
  );
}
