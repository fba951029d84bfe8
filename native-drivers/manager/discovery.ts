// Which listed devices are ours, and their ids. An id stays the same for the same device across
// restarts and replugging (serial number when it has one, else where it is plugged in), so the
// devices page and the logs can follow one scanner or printer over time.
import { createHash } from 'node:crypto';
import type { PrinterConnection } from '../../contract/config';
import { classifyUsbDevice } from '../transports/known-devices';
import type { UsbDeviceLike } from '../transports/native-shapes';
import type { HidDeviceInfo } from './types';

const hex4 = (value: number): string => value.toString(16).padStart(4, '0');
const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

export type ListedHidScanner = HidDeviceInfo & { path: string };

export const hidScannerId = (info: ListedHidScanner): string =>
  `hid:${hex4(info.vendorId)}:${hex4(info.productId)}:${shortHash(info.serialNumber || info.path)}`;

/** HID POS scanners (usage page 0x8C) in node-hid's list, one entry per interface path. */
export function hidPosScanners(list: readonly HidDeviceInfo[]): ListedHidScanner[] {
  const byPath = new Map<string, ListedHidScanner>();
  for (const info of list) {
    if (!info.path || byPath.has(info.path)) continue;
    const found = classifyUsbDevice({
      vendorId: info.vendorId,
      productId: info.productId,
      ...(info.usagePage === undefined ? {} : { usagePage: info.usagePage }),
      ...(info.usage === undefined ? {} : { usage: info.usage }),
    });
    if (found?.role === 'scanner' && found.mode === 'hid-pos')
      byPath.set(info.path, { ...info, path: info.path });
  }
  return [...byPath.values()];
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
