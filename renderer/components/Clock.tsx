import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/context';
import { formatClock } from '../i18n/format';

export function Clock() {
  const { locale } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="status-bar__clock" dateTime={now.toISOString()}>
      {formatClock(now, locale)}
    </time>
  );
}
