import { useState } from 'react';
import type { User } from '../../contract/ipc';
import { useI18n } from '../i18n/context';
import { usePos } from '../state/StoreContext';
import { CashierTiles } from './CashierTiles';
import { PinPad } from './PinPad';
import './login.css';

export function LoginScreen() {
  const { t } = useI18n();
  const cashiers = usePos((state) => state.cashiers);
  const demo = usePos((state) => state.status?.demo ?? false);
  const [chosen, setChosen] = useState<User | null>(null);

  return (
    <div className="login" data-testid="login-screen">
      <div className="login__panel">
        {chosen ? (
          <PinPad key={chosen.id} user={chosen} onBack={() => setChosen(null)} />
        ) : (
          <>
            <h2 className="login__title">{t('login.chooseUser')}</h2>
            {cashiers && <CashierTiles users={cashiers} onChoose={setChosen} />}
          </>
        )}
        {demo && <p className="login__demo">{t('login.demoHint')}</p>}
      </div>
    </div>
  );
}
