import { describe, expect, it } from 'vitest';
import { credentialNames, redactEntry, secretsInBody } from '../../mocks/replay/credentialRedaction.js';
import type { HarEntry } from '../../mocks/replay/har.js';
import { encodingsOf } from './importClients.js';

function entry(request: Partial<HarEntry['request']>, response: Partial<HarEntry['response']> = {}): HarEntry {
  return {
    startedDateTime: '2026-12-01T10:00:00.000Z',
    time: 1,
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    request: {
      method: 'GET',
      url: 'https://api.example.com/x',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
      ...request,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'application/json', text: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      ...response,
    },
  };
}

const secret = 'k3y/With+Symbols=';
const expectGone = (value: unknown, secrets: string[]) => {
  const text = JSON.stringify(value);
  for (const s of secrets)
    for (const form of encodingsOf(s)) expect(text.includes(form), `${s} as ${form}`).toBe(false);
};

describe('credential redaction of a HAR entry', () => {
  it('masks Authorization in each scheme, keeping the scheme word, whatever the case of the header name', () => {
    const basic = Buffer.from(`${secret}:`).toString('base64');
    for (const [name, value, masked] of [
      ['Authorization', `Bearer ${secret}`, 'Bearer [redacted]'],
      ['AUTHORIZATION', `Basic ${basic}`, 'Basic [redacted]'],
      ['authorization', `apikey ${secret}`, 'apikey [redacted]'],
      ['X-Api-Key', secret, '[redacted]'],
    ] as const) {
      const redacted = redactEntry(
        entry(
          { headers: [{ name, value }] },
          {
            content: {
              size: 0,
              mimeType: 'application/json',
              text: JSON.stringify({ echo: `you sent ${value} (${encodeURIComponent(secret)})` }),
            },
          },
        ),
      );
      expect(redacted.request.headers[0]!.value).toBe(masked);
      expectGone(redacted, [secret]);
    }
  });

  it("masks headers and query parameters the vendor specs' security schemes name", () => {
    const names = credentialNames();
    expect(names.headers.has('x-bulkmock-token')).toBe(true);
    expect(names.headers.has('authorization')).toBe(true);
    const redacted = redactEntry(
      entry({
        url: `https://x.test/a?api_key=${encodeURIComponent(secret)}&page=2`,
        queryString: [
          { name: 'api_key', value: secret },
          { name: 'page', value: '2' },
        ],
        headers: [{ name: 'X-Bulkmock-Token', value: 'control-token-1' }],
      }),
    );
    expect(redacted.request.url).toBe('https://x.test/a?api_key=%5Bredacted%5D&page=2');
    expect(redacted.request.queryString).toEqual([
      { name: 'api_key', value: '[redacted]' },
      { name: 'page', value: '2' },
    ]);
    expect(redacted.request.headers[0]!.value).toBe('[redacted]');
    expectGone(redacted, [secret, 'control-token-1']);
  });

  it('replaces a known secret wherever else it appears: other headers, bodies, base64 and percent-encoded, either hex case', () => {
    const lower = encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    const redacted = redactEntry(
      entry({
        headers: [
          { name: 'Authorization', value: `Bearer ${secret}` },
          { name: 'X-Trace', value: Buffer.from(secret).toString('base64') },
        ],
        postData: {
          mimeType: 'text/plain',
          text: `raw ${secret} lower ${lower} b64 ${Buffer.from(`${secret}:`).toString('base64url')}`,
        },
      }),
    );
    expect(redacted.request.postData!.text).toBe('raw [redacted] lower [redacted] b64 [redacted]');
    expect(redacted.request.headers[1]!.value).toBe('[redacted]');
  });

  it('finds credentials a body carries under a credential field name, in JSON and in a form', () => {
    expect(secretsInBody('{"client_secret":"s3cr3t-value","title":"x","apiKey":"abc123456"}')).toEqual([
      's3cr3t-value',
      'abc123456',
    ]);
    expect(secretsInBody('grant_type=password&password=hunter2%21%21&user=me')).toEqual(['hunter2!!']);
    const redacted = redactEntry(
      entry(
        { postData: { mimeType: 'application/json', text: '{"apiKey":"abc123456"}' } },
        { content: { size: 0, mimeType: 'text/plain', text: 'key abc123456 accepted' } },
      ),
    );
    expect(redacted.request.postData!.text).toBe('{"apiKey":"[redacted]"}');
    expect(redacted.response.content.text).toBe('key [redacted] accepted');
  });

  it('masks every cookie value, in headers and in the HAR cookie lists, set-cookie attributes kept', () => {
    const redacted = redactEntry(
      entry(
        {
          headers: [{ name: 'Cookie', value: 'sid=abcdef123456; theme=dark' }],
          cookies: [{ name: 'sid', value: 'abcdef123456' }],
        },
        {
          headers: [{ name: 'Set-Cookie', value: 'sid=abcdef123456; Path=/; HttpOnly' }],
          cookies: [{ name: 'sid', value: 'abcdef123456' }],
        },
      ),
    );
    expect(redacted.request.headers[0]!.value).toBe('sid=[redacted]; theme=[redacted]');
    expect(redacted.response.headers[0]!.value).toBe('sid=[redacted]; Path=/; HttpOnly');
    expectGone(redacted, ['abcdef123456']);
  });
});
