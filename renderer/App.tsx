import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { CheckoutScreen } from './checkout/CheckoutScreen';
import { BootScreen } from './components/BootScreen';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { DevicesScreen } from './devices/DevicesScreen';
import { I18nProvider } from './i18n/I18nProvider';
import { LoginScreen } from './login/LoginScreen';
import { ReceiptScreen } from './receipt/ReceiptScreen';
import { ReturnScreen } from './returns/ReturnScreen';
import { captureScan } from './scanner/scanCapture';
import { useWedgeScanner } from './scanner/useWedgeScanner';
import { SyncScreen } from './sync/SyncScreen';
import { usePos, usePosStore } from './state/StoreContext';
import type { Screen } from './state/types';

const screens: Record<Screen, () => ReactNode> = {
  boot: () => <BootScreen />,
  login: () => <LoginScreen />,
  checkout: () => <CheckoutScreen />,
  receipt: () => <ReceiptScreen />,
  returns: () => <ReturnScreen />,
  devices: () => <DevicesScreen />,
  sync: () => <SyncScreen />,
};

export function App() {
  const store = usePosStore();
  const screen = usePos((state) => state.screen);
  const storeLocale = usePos((state) => state.status?.store.locale ?? null);
  const storeCurrency = usePos((state) => state.status?.store.currency ?? null);

  useEffect(() => store.start(), [store]);
  useWedgeScanner((code) => {
    if (!captureScan(code)) void store.scan(code, 'wedge');
  });

  return (
    <I18nProvider storeLocale={storeLocale} storeCurrency={storeCurrency}>
      <div className="app">
        <StatusBar />
        <main className="app__main">{screens[screen]()}</main>
        <Toasts />
      </div>
    </I18nProvider>
  );
}
