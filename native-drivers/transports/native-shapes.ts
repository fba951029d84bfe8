// The parts of node-hid and usb the transports use, as plain interfaces. The real modules are
// loaded lazily and must fit these shapes (the loaders are type-checked against them); tests and
// simulators pass objects of the same shape where no real device can exist.

/** node-hid's HIDAsync as the HID transport uses it. */
export interface HidDeviceLike {
  /** Input reports, the report id first when the device numbers its reports. */
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  /** Read errors, e.g. "could not read data from device: … (device disconnected)". */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Sends an output report; the first byte is the report id (0 when the device has none). */
  write(report: Buffer): Promise<number>;
  sendFeatureReport(report: Buffer): Promise<number>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface HidApi {
  /** Opens a HID interface by its path from the device list (Linux: /dev/hidrawN). */
  open(path: string): Promise<HidDeviceLike>;
}

export interface UsbEndpointLike {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: 'bulk' | 'interrupt' | 'isochronous';
  packetSize: number;
}

export interface UsbInterfaceLike {
  interfaceNumber: number;
  alternate: {
    interfaceClass: number;
    interfaceSubclass: number;
    interfaceProtocol: number;
    endpoints: readonly UsbEndpointLike[];
  };
}

export interface UsbConfigurationLike {
  configurationValue: number;
  interfaces: readonly UsbInterfaceLike[];
}

export type UsbTransferStatus = 'ok' | 'stall' | 'babble';

/** A WebUSB device as the usb package (v3) presents it, with its Linux kernel-driver extensions. */
export interface UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly deviceClass: number;
  readonly serialNumber?: string | null | undefined;
  readonly manufacturerName?: string | null | undefined;
  readonly productName?: string | null | undefined;
  /** Where it is plugged in, e.g. "1-1.4"; tells identical printers apart. */
  readonly bus?: string;
  readonly configuration?: UsbConfigurationLike | null | undefined;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  transferIn(
    endpointNumber: number,
    length: number,
    timeout?: number,
  ): Promise<{ data?: DataView | undefined; status?: UsbTransferStatus | undefined }>;
  transferOut(
    endpointNumber: number,
    data: Uint8Array<ArrayBuffer>,
    timeout?: number,
  ): Promise<{ bytesWritten: number; status?: UsbTransferStatus | undefined }>;
  clearHalt(direction: 'in' | 'out', endpointNumber: number): Promise<void>;
  /** Linux only: unbinds the kernel driver (usblp) from an interface so it can be claimed. */
  detachKernelDriver?(interfaceNumber: number): Promise<void>;
  attachKernelDriver?(interfaceNumber: number): Promise<void>;
}

export interface UsbApi {
  getDevices(): Promise<UsbDeviceLike[]>;
}
