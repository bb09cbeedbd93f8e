// End-to-end tests: a real two-node demo corridor (the corridor binary) and Debian's Chromium
// driven by playwright-core. One file at a time: the machine's cores are shared.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['verbose'],
  },
});
