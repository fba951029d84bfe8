// The real buses for discovery: node-hid's device list, the usb package's list and hot-plug events,
// serialport's port list. Each native module loads on first use, so a till that never lists a bus
// never loads its module; the manager is given these only where real hardware is wanted.
import { nodeHid } from '../transports/hid';
import { nodeUsb } from '../transports/usb';
import type { HidBus, SerialPortInfo, UsbBus } from './types';

const nodeHidBus: HidBus = {
  open: (path) => nodeHid.open(path),
  async devices() {
    const { devicesAsync } = await import('node-hid');
    return devicesAsync();
  },
};

const nodeUsbBus: UsbBus = {
  getDevices: () => nodeUsb.getDevices(),
  async watch(onChange) {
    const { usb } = await import('usb');
    // Adding the first listener makes the usb package read the device list and start its hot-plug
    // thread, and a failure there surfaces as an unhandled rejection. Reading the list first turns the
    // usual cause (no /sys/bus/usb, as in a container) into a rejection here, and discovery polls.
    await usb.getDevices();
    const listener = () => onChange();
    usb.addEventListener('connect', listener);
    usb.addEventListener('disconnect', listener);
    return () => {
      usb.removeEventListener('connect', listener);
      usb.removeEventListener('disconnect', listener);
    };
  },
};

async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
}

/** What `createDeviceManager` needs to find real hardware. */
export const nativeDeviceApis = (): {
  hid: HidBus;
  usb: UsbBus;
  listSerial: () => Promise<SerialPortInfo[]>;
} => ({
  hid: nodeHidBus,
  usb: nodeUsbBus,
  listSerial: listSerialPorts,
});
