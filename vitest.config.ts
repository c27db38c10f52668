import { defineConfig } from 'vitest/config';

// Unit and integration tests: core/ logic and a real server on port 0 with real y-websocket clients.
// The end-to-end suite (a real VS Code) has its own config in tests/e2e/.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/webview/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
