import { describe, it, expect } from 'vitest';
import { loadEnv } from '../../../server/src/core/env.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const env = loadEnv({} as NodeJS.ProcessEnv);
    expect(env.PORT).toBe(4000);
    expect(env.HUB_DEMO).toBe(false);
    expect(env.QUERY_MAX_COST).toBe(1000);
  });

  it('says in one line per variable what is wrong', () => {
    let message = '';
    try {
      loadEnv({ PORT: 'eighty', HUB_DEMO: 'maybe', HUB_SECRET: 'short' } as NodeJS.ProcessEnv);
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(message).toMatch(/PORT: .*"eighty"/);
    expect(message).toMatch(/HUB_DEMO: .*"maybe"/);
    expect(message).toMatch(/HUB_SECRET: must be at least 32 characters/);
    expect(message).not.toContain('short');
  });
});
