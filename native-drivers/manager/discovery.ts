// Which listed devices are ours, and their ids. An id stays the same for the same device across
// restarts and replugging (serial number when it has one, else where it is plugged in), so the
// devices page and the logs can follow one scanner or printer over time.
import { createHash } from 'node:crypto';
import type { PrinterConnection } from '../../contract/config';
import { hidMsrLayoutFor } from '../card-reader/hid-msr-layouts';
import type { HidMsrLayout } from '../card-reader/hid-msr-layouts';
import { classifyUsbDevice } from '../transports/known-devices';
import type { UsbDeviceLike } from '../transports/native-shapes';
import type { HidDeviceInfo } from './types';

const hex4 = (value: number): string => value.toString(16).padStart(4, '0');
const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

export type ListedHid = HidDeviceInfo & { path: string };

export type ListedHidCardReader = ListedHid & { layout: HidMsrLayout };

export const hidDeviceId = (info: ListedHid): string =>
  `hid:${hex4(info.vendorId)}:${hex4(info.productId)}:${shortHash(info.serialNumber || info.path)}`;

/** A POS keyboard or scanner with a stripe reader lists both under one serial number: ids differ by role. */
export const hidCardReaderId = (info: ListedHid): string => `${hidDeviceId(info)}/card-reader`;

/** One entry per interface path, of the interfaces `pick` takes. */
function byPath<T extends ListedHid>(
  list: readonly HidDeviceInfo[],
  pick: (info: ListedHid) => T | null,
): T[] {
  const found = new Map<string, T>();
  for (const info of list) {
    if (!info.path || found.has(info.path)) continue;
    const picked = pick({ ...info, path: info.path });
    if (picked) found.set(info.path, picked);
  }
  return [...found.values()];
}

/** HID POS scanners (usage page 0x8C) in node-hid's list. */
export function hidPosScanners(list: readonly HidDeviceInfo[]): ListedHid[] {
  return byPath(list, (info) => {
    const found = classifyUsbDevice({
      vendorId: info.vendorId,
      productId: info.productId,
      ...(info.usagePage === undefined ? {} : { usagePage: info.usagePage }),
      ...(info.usage === undefined ? {} : { usage: info.usage }),
    });
    return found?.role === 'scanner' && found.mode === 'hid-pos' ? info : null;
  });
}

/** Magnetic stripe readers in HID mode in node-hid's list: the HID POS page (0x8E) and known layouts. */
export function hidCardReaders(list: readonly HidDeviceInfo[]): ListedHidCardReader[] {
  return byPath(list, (info) => {
    const layout = hidMsrLayoutFor(info);
    return layout ? { ...info, layout } : null;
  });
}

export const usbPrinterId = (vendorId: number, productId: number, serialOrBus = ''): string =>
  `usb:${hex4(vendorId)}:${hex4(productId)}:${shortHash(serialOrBus)}`;

export const usbAddress = (vendorId: number, productId: number, bus?: string): string =>
  `usb ${hex4(vendorId)}:${hex4(productId)}${bus ? ` @${bus}` : ''}`;

export interface UsbPrinterCandidate {
  device: UsbDeviceLike;
  id: string;
  name: string;
  address: string;
}

export type UsbWanted = { vendorId?: number | undefined; productId?: number | undefined };

/**
 * Where a USB printer is looked for: any (no connection configured), the configured ids, or nowhere
 * (a network or serial printer is configured).
 */
export function usbPrinterWanted(connection: PrinterConnection | null): UsbWanted | null {
  if (connection === null) return {};
  if (connection.transport !== 'usb') return null;
  return { vendorId: connection.vendorId, productId: connection.productId };
}

/** USB receipt printers in the usb list, known products and the printer class first as classified. */
export function usbPrinters(devices: readonly UsbDeviceLike[], wanted: UsbWanted): UsbPrinterCandidate[] {
  const candidates: UsbPrinterCandidate[] = [];
  for (const device of devices) {
    if (wanted.vendorId !== undefined && device.vendorId !== wanted.vendorId) continue;
    if (wanted.productId !== undefined && device.productId !== wanted.productId) continue;
    const found = classifyUsbDevice({
      vendorId: device.vendorId,
      productId: device.productId,
      deviceClass: device.deviceClass,
      interfaces: (device.configuration?.interfaces ?? []).map((i) => ({
        interfaceClass: i.alternate.interfaceClass,
      })),
    });
    const named = wanted.vendorId !== undefined && wanted.productId !== undefined;
    const isPrinter =
      found?.role === 'printer' && (found.mode === 'printer-class' || found.mode === 'unknown');
    if (!named && !isPrinter) continue;
    const { vendorId, productId } = device;
    candidates.push({
      device,
      id: usbPrinterId(vendorId, productId, device.serialNumber || device.bus || ''),
      name: device.productName || found?.name || `USB printer ${hex4(vendorId)}:${hex4(productId)}`,
      address: usbAddress(vendorId, productId, device.bus),
    });
  }
  return candidates;
}
