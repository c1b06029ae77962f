import type { Command } from '../command.js';

/**
 * Every command, loaded only when used so that `bulkmock serve` starts without loading faker or
 * Prism. Each file in this folder exports one command as `command`.
 */
export const commandLoaders: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.js')).command,
  generate: async () => (await import('./generate.js')).command,
  contract: async () => (await import('./contract.js')).command,
  prism: async () => (await import('./prism.js')).command,
  record: async () => (await import('./record.js')).command,
  fidelity: async () => (await import('./fidelity.js')).command,
  state: async () => (await import('./state.js')).command,
};
