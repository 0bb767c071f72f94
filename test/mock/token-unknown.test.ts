import { describe, expect, it } from 'vitest';
import { pollToken, startServer } from './support.js';

describe('token poll with a code the server never issued', () => {
  it('answers 404 with an empty body', async () => {
    const server = await startServer();
    const response = await pollToken(server, 'f'.repeat(64));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });
});
