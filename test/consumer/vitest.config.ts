import { defineConfig } from 'vitest/config';

// Only this project's tests: the copy runs in a temporary folder, never inside bulkmock's checkout.
export default defineConfig({ test: { include: ['*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } });
