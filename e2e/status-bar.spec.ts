// The status bar on the till's usual screens: everything on it stays inside it, in the longest
// language, for the user with the most on it (a manager on a till with simulated devices).
import { ru } from '../renderer/i18n/ru';
import { expect, logIn, manager, test } from './fixtures';

test.use({ tillDevices: 'simulated' });

for (const width of [1024, 1280, 1366]) {
  test(`the status bar fits a ${width} px screen for a manager in Russian`, async ({ page, till }) => {
    expect(till.simulators).not.toBeNull();
    await page.setViewportSize({ width, height: 768 });
    await logIn(page, manager.name, manager.pin);
    await expect(page.getByTestId('checkout-screen')).toBeVisible();
    await expect(page.getByTestId('sync-indicator')).toBeVisible();
    await expect(page.getByTestId('status-user')).toHaveText(`${ru.login.manager} ${manager.name}`);
    const bar = page.getByTestId('status-bar');
    const sizes = await bar.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: element.clientWidth,
      outside: [...element.querySelectorAll('button, select, strong')]
        .filter((child) => child.getBoundingClientRect().right > element.getBoundingClientRect().right + 0.5)
        .map((child) => child.textContent),
    }));
    expect(sizes.outside).toEqual([]);
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
  });
}
