import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyUsbDevice, knownProducts, knownVendors } from './known-devices';

describe('recognising USB devices', () => {
  it('takes any HID interface on the bar code scanner usage page (0x8C) for a HID POS scanner', () => {
    expect(classifyUsbDevice({ vendorId: 0x1234, productId: 0x0001, usagePage: 0x8c, usage: 0x02 })).toEqual({
      role: 'scanner',
      mode: 'hid-pos',
      by: 'hid-usage',
      name: null,
    });
    expect(classifyUsbDevice({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c })).toMatchObject({
      role: 'scanner',
      name: 'Honeywell (Metrologic)',
    });
  });

  it('takes the magnetic stripe usage page (0x8E) for a card reader', () => {
    expect(classifyUsbDevice({ vendorId: 0x1234, productId: 1, usagePage: 0x8e })).toMatchObject({
      role: 'card-reader',
      mode: 'hid-pos',
    });
  });

  it('knows MagTek and ID TECH card readers by product id: HID, keyboard, serial, or encrypting', () => {
    const found = (vendorId: number, productId: number, usagePage?: number) =>
      classifyUsbDevice({ vendorId, productId, ...(usagePage === undefined ? {} : { usagePage }) });
    expect(found(0x0801, 0x0002, 0xff00)).toMatchObject({ role: 'card-reader', mode: 'hid-vendor' });
    expect(found(0x0acd, 0x2010, 0xff00)).toMatchObject({ role: 'card-reader', mode: 'hid-vendor' });
    expect(found(0x0801, 0x0001)?.mode).toBe('keyboard');
    expect(found(0x0acd, 0x2030)?.mode).toBe('keyboard');
    expect(found(0x0acd, 0x0630)?.mode).toBe('serial');
    expect(found(0x0801, 0x0011)?.mode).toBe('vendor-specific');
  });

  it('knows the modes of a Newland engine from its product id', () => {
    const mode = (productId: number) => classifyUsbDevice({ vendorId: 0x1eab, productId })?.mode;
    expect([mode(0x1303), mode(0x1306), mode(0x1310)]).toEqual(['keyboard', 'serial', 'hid-pos']);
  });

  it('finds a receipt printer of any brand by its USB printer class (7)', () => {
    expect(
      classifyUsbDevice({
        vendorId: 0x6868,
        productId: 0x0500,
        deviceClass: 0,
        interfaces: [{ interfaceClass: 7 }],
      }),
    ).toEqual({ role: 'printer', mode: 'printer-class', by: 'printer-class', name: null });
  });

  it('knows common printers on generic chip vendor ids by product id only', () => {
    expect(classifyUsbDevice({ vendorId: 0x0416, productId: 0x5011 })).toMatchObject({
      role: 'printer',
      by: 'known-product',
    });
    expect(classifyUsbDevice({ vendorId: 0x0483, productId: 0x070b })?.role).toBe('printer');
    // An STM32 board or a Winbond keyboard is not a printer.
    expect(
      classifyUsbDevice({ vendorId: 0x0483, productId: 0x3748, interfaces: [{ interfaceClass: 0xff }] }),
    ).toBeNull();
    expect(
      classifyUsbDevice({ vendorId: 0x0416, productId: 0xa0f8, interfaces: [{ interfaceClass: 3 }] }),
    ).toBeNull();
  });

  it('does not take an Epson photo scanner for a receipt printer', () => {
    expect(
      classifyUsbDevice({ vendorId: 0x04b8, productId: 0x0142, interfaces: [{ interfaceClass: 0xff }] }),
    ).toBeNull();
    expect(classifyUsbDevice({ vendorId: 0x04b8, productId: 0x0e03 })?.name).toBe('Epson TM-T20');
  });

  it('falls back to the vendor for scanner makers, with the mode their interfaces show', () => {
    const honeywell = (extra: object) => classifyUsbDevice({ vendorId: 0x0c2e, productId: 0x0999, ...extra });
    expect(honeywell({ usagePage: 0x01, usage: 0x06 })).toMatchObject({ role: 'scanner', mode: 'keyboard' });
    expect(honeywell({ interfaces: [{ interfaceClass: 2 }, { interfaceClass: 10 }] })?.mode).toBe('serial');
    expect(honeywell({ interfaces: [{ interfaceClass: 0xff }] })).toMatchObject({
      mode: 'vendor-specific',
      by: 'known-vendor',
    });
  });

  it('ignores devices that are no POS peripheral', () => {
    expect(
      classifyUsbDevice({ vendorId: 0x046d, productId: 0xc52b, usagePage: 0x01, usage: 0x06 }),
    ).toBeNull();
  });

  it('names a source for every vendor and product, and lists each product once', () => {
    for (const entry of [...knownVendors, ...knownProducts]) expect(entry.source).not.toBe('');
    const keys = knownProducts.map((product) => `${product.vendorId}:${product.productId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('udev rules shipped for Linux', () => {
  const rules = readFileSync(join(import.meta.dirname, '../../deploy/linux/99-omnitill.rules'), 'utf8');
  const hex = (value: number) => value.toString(16).padStart(4, '0');
  const ruleLines = rules.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));

  it('grants access to hidraw, usb and tty nodes of every scanner and card reader vendor', () => {
    for (const vendor of knownVendors.filter((v) => v.trustVendorId && v.role !== 'printer')) {
      const id = hex(vendor.vendorId);
      expect(rules).toContain(`SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${id}", MODE="0660", GROUP="omnitill"`);
      expect(rules).toContain(`ATTR{idVendor}=="${id}", MODE="0660", GROUP="omnitill"`);
      expect(rules).toContain(`SUBSYSTEM=="tty", ATTRS{idVendor}=="${id}", MODE="0660", GROUP="omnitill"`);
    }
  });

  it('covers printer vendors by vendor id, and generic-chip printers by product id only', () => {
    for (const vendor of knownVendors.filter((v) => v.role === 'printer')) {
      const id = hex(vendor.vendorId);
      const vendorWide = `ENV{DEVTYPE}=="usb_device", ATTR{idVendor}=="${id}", MODE=`;
      if (vendor.trustVendorId) {
        expect(rules).toContain(vendorWide);
      } else {
        expect(rules).not.toContain(vendorWide);
        for (const product of knownProducts.filter((p) => p.vendorId === vendor.vendorId)) {
          expect(rules).toContain(`ATTR{idVendor}=="${id}", ATTR{idProduct}=="${hex(product.productId)}"`);
        }
      }
    }
  });

  it('names no vendor the discovery table does not know, and skips device removal', () => {
    const known = new Set(knownVendors.map((vendor) => hex(vendor.vendorId)));
    for (const line of ruleLines.filter((l) => l.includes('idVendor'))) {
      const id = /idVendor\}=="([0-9a-f]{4})"/.exec(line)?.[1];
      expect(known.has(id ?? '')).toBe(true);
      expect(line).toMatch(/MODE="0660", GROUP="omnitill"$/);
    }
    expect(ruleLines[0]).toBe('ACTION=="remove", GOTO="omnitill_end"');
    expect(ruleLines.at(-1)).toBe('LABEL="omnitill_end"');
  });
});
