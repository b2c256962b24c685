import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll's own default is 1 s: a busy CI machine can take longer to open a workspace or a socket.
    expect: { poll: { timeout: 10_000 } },
  },
});
