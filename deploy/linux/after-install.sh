#!/bin/sh
# Run by the .deb after it installs Omnitill: gives the till's devices to group omnitill.
# IT adds the till user to that group (usermod -aG omnitill <user>).
set -e
getent group omnitill >/dev/null || groupadd --system omnitill
install -m 0644 /opt/Omnitill/resources/udev/99-omnitill.rules /etc/udev/rules.d/99-omnitill.rules
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=hidraw --subsystem-match=usb --subsystem-match=tty || true
fi
