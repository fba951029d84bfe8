// Logging in at the till with a PIN.
import { ru } from '../renderer/i18n/ru';
import { cashier, expect, test } from './fixtures';

test('a wrong PIN is refused and the till stays on the login screen', async ({ page, till }) => {
  const failedAttempts = () =>
    till.query<{ n: number }>('SELECT failed_attempts AS n FROM users WHERE name = ?', cashier.name)[0]?.n;
  await page.getByTestId('cashier-tile').filter({ hasText: cashier.name }).click();
  const pin = page.getByTestId('pin-input');
  await pin.fill('1234');
  await page.getByTestId('pin-submit').click();

  await expect(page.locator('[data-testid="toast"][role="alert"]')).toHaveAttribute('data-code', 'BAD_PIN');
  const login = page.getByTestId('login-screen');
  await expect(login.getByRole('status')).toHaveText(ru.errors.BAD_PIN);
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(pin).toHaveValue('');
  await expect(login).toBeVisible();
  await expect(page.getByTestId('checkout-screen')).toHaveCount(0);
  await expect(page.getByTestId('logout')).toHaveCount(0);
  expect(failedAttempts()).toBe(1);

  // The right PIN still opens the till, and the failed attempt is forgotten.
  await pin.fill(cashier.pin);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('checkout-screen')).toBeVisible();
  expect(failedAttempts()).toBe(0);
});
