import { UsageError } from './command.js';

/** Addresses only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost. */
export function isLoopback(host: string): boolean {
  const address = host.toLowerCase().replace(/^\[|\]$/g, '');
  return address === 'localhost' || address === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(address);
}

/**
 * A mock other machines can reach is a shared one: anyone who can reach it could reset it, load a
 * state into it or read every record through /__bulkmock/. So is a mock whose state lives in a
 * shared store: its replicas, and whoever else uses that store, act on the same state. Either needs
 * a control token, unless its owner says, with --insecure-control, that the network is trusted.
 */
export function checkControlExposure(
  exposure: { host: string; sharedStore: boolean },
  controlToken: string | null,
  insecureControl: boolean,
): void {
  if (controlToken || insecureControl) return;
  const remedy =
    'set a control token with --control-token or BULKMOCK_CONTROL_TOKEN, or pass --insecure-control if this network is trusted';
  if (exposure.sharedStore)
    throw new UsageError(
      `with --store, every replica and every client of that store shares this mock's state (reset, state import and export, every record): ${remedy}`,
    );
  if (isLoopback(exposure.host)) return;
  throw new UsageError(
    `bound to ${exposure.host}, other machines can reach this mock's control API (reset, state import and export, every record): ${remedy}`,
  );
}
