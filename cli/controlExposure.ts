import { UsageError } from './command.js';

/** Addresses only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost. */
export function isLoopback(host: string): boolean {
  const address = host.toLowerCase().replace(/^\[|\]$/g, '');
  return address === 'localhost' || address === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(address);
}

/**
 * A mock other machines can reach is a shared one: anyone who can reach it could reset it, load a
 * state into it or read every record through /__bulkmock/. So it needs a control token, unless its
 * owner says, with --insecure-control, that the network is trusted.
 */
export function checkControlExposure(host: string, controlToken: string | null, insecureControl: boolean): void {
  if (isLoopback(host) || controlToken || insecureControl) return;
  throw new UsageError(
    `bound to ${host}, other machines can reach this mock's control API (reset, state import and export, every record): ` +
      'set a control token with --control-token or BULKMOCK_CONTROL_TOKEN, or pass --insecure-control if this network is trusted',
  );
}
