import { expect, logIn, test, wedgeScan } from './fixtures';

test('explore', async ({ page, till }) => {
  const t0 = Date.now();
  await logIn(page, 'Анна Петрова', '1111');
  console.log('login', Date.now() - t0);
  await wedgeScan(page, '4600512000015');
  await wedgeScan(page, '4610039000290');
  await wedgeScan(page, '4600228000118');
  await expect(page.getByTestId('cart-line')).toHaveCount(3);
  console.log('total', JSON.stringify(await page.getByTestId('cart-total').textContent()));
  console.log('scan-input', JSON.stringify(await page.getByTestId('scan-input').inputValue()));
  console.log('focused', await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 100)));
  console.log('qty', JSON.stringify(await page.getByTestId('line-qty').allTextContents()));
  console.log(till.query('select count(*) n from sales'));
  console.log(till.query('select * from sales order by created_at desc limit 1'));
  console.log(till.query('select * from payments limit 3'));
  console.log(till.query('select seq,id,kind,created_at,pushed_at from outbox'));
  console.log('elapsed', Date.now() - t0);
});
