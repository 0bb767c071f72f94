/** Known secret values are replaced inside any string; credentials are recognised in free text. */
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redact } from '../../src/redact/redact.js';

describe('redaction by value', () => {
  it('replaces known secrets as substrings anywhere, property names included', () => {
    const secrets = ['s3cr3t-client', 'DEVICE-CODE-42'];
    expect(
      redact(
        {
          message: 'request failed: client_secret was s3cr3t-client, retrying',
          url: 'https://example.test/poll?c=DEVICE-CODE-42',
          list: ['xxDEVICE-CODE-42yy', 'clean'],
          'key-with-s3cr3t-client': 1,
          nested: { deeper: { text: 's3cr3t-client s3cr3t-client' } },
        },
        { secrets },
      ),
    ).toEqual({
      message: `request failed: client_secret was ${REDACTED}, retrying`,
      url: `https://example.test/poll?c=${REDACTED}`,
      list: [`xx${REDACTED}yy`, 'clean'],
      [`key-with-${REDACTED}`]: 1,
      nested: { deeper: { text: `${REDACTED} ${REDACTED}` } },
    });
  });

  it('replaces the longest secret first and treats regex characters literally', () => {
    expect(redact('a.b*c and a.b*cd', { secrets: ['a.b*c', 'a.b*cd'] })).toBe(`${REDACTED} and ${REDACTED}`);
    expect(redact('axbxc', { secrets: ['a.b.c'] })).toBe('axbxc');
  });

  it('ignores empty secrets', () => {
    expect(redact('text', { secrets: [''] })).toBe('text');
  });

  it('recognises credentials in free text without being told', () => {
    expect(redact('Authorization: Bearer 0123456789abcdef')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact('grant_type=x&device_code=DC123&client_id=id')).toBe(`grant_type=x&device_code=${REDACTED}&client_id=id`);
    expect(redact('code=DC&client_id=id&client_secret=CS')).toBe(`code=${REDACTED}&client_id=id&client_secret=${REDACTED}`);
    expect(redact('token=T1&client_id=id')).toBe(`token=${REDACTED}&client_id=id`);
    expect(redact('body: {"access_token":"AT1","refresh_token": "RT1","scope":"public"}')).toBe(
      `body: {"access_token":"${REDACTED}","refresh_token": "${REDACTED}","scope":"public"}`,
    );
    expect(redact(`{'deviceCode': 'DC9'}`)).toBe(`{'deviceCode': '${REDACTED}'}`);
  });

  it('leaves prose and harmless codes alone', () => {
    for (const text of ['Bearer tokens are used', 'code=200 from the server', 'One token request in flight', 'error=authorization_pending']) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('createRedactor', () => {
  it('learns secrets at run time', () => {
    const redactor = createRedactor(['CLIENT-SECRET']);
    const event = { type: 'codes', note: 'polling with DEVICE-777', by: 'CLIENT-SECRET' };
    expect(redactor.redact(event)).toEqual({ type: 'codes', note: 'polling with DEVICE-777', by: REDACTED });
    redactor.addSecret('DEVICE-777');
    redactor.addSecret(undefined);
    redactor.addSecret(null);
    redactor.addSecret('');
    redactor.addSecret('DEVICE-777');
    expect(redactor.secretCount).toBe(2);
    expect(redactor.redact(event)).toEqual({ type: 'codes', note: `polling with ${REDACTED}`, by: REDACTED });
    expect(redactor.scrub('log: DEVICE-777 / CLIENT-SECRET')).toBe(`log: ${REDACTED} / ${REDACTED}`);
  });

  it('honours a depth limit', () => {
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 10; i += 1) deep = { deep };
    expect(JSON.stringify(createRedactor([], { maxDepth: 3 }).redact(deep))).toBe('{"deep":{"deep":{"deep":"[depth limit]"}}}');
  });
});
