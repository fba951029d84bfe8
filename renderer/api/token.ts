// The loopback host opens the page as http://127.0.0.1:PORT/#token=HEX. The token is kept for this
// tab only (a reload must keep working) and taken out of the address bar so it is not shown,
// bookmarked or copied.
const storageKey = 'omnitill.hostToken';

export interface TokenPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeHostToken({ location, history, storage }: TokenPlace): string | null {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromFragment) {
    storage.setItem(storageKey, fromFragment);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromFragment;
  }
  return storage.getItem(storageKey);
}
