import { parseConfig } from '../../../core/config';

describe('Request-Security and Naver settings', () => {
  it('both are off by default', () => {
    const config = parseConfig({});
    expect(config.requestSecurity).toBeUndefined();
    expect(config.naverSearch).toBeUndefined();
  });

  it('reads the Request-Security settings, and needs passphrase and base text together', () => {
    expect(parseConfig({ REQUEST_SECURITY_PASSPHRASE: 'p', REQUEST_SECURITY_BASE_PLAIN: 'b' }).requestSecurity).toEqual(
      { passphrase: 'p', basePlain: 'b', maxAgeMs: 300_000, memoryMaxEntries: 100_000 },
    );
    expect(
      parseConfig({
        REQUEST_SECURITY_PASSPHRASE: 'p',
        REQUEST_SECURITY_BASE_PLAIN: 'b',
        REQUEST_SECURITY_MAX_AGE_SECONDS: '60',
      }).requestSecurity?.maxAgeMs,
    ).toBe(60_000);
    expect(() => parseConfig({ REQUEST_SECURITY_PASSPHRASE: 'p' })).toThrow(/REQUEST_SECURITY_BASE_PLAIN/);
    expect(() => parseConfig({ REQUEST_SECURITY_BASE_PLAIN: 'b' })).toThrow(/REQUEST_SECURITY_PASSPHRASE/);
  });

  it('selects the Naver twin without credentials and refuses that in production', () => {
    expect(parseConfig({ NAVER_SEARCH_ENABLED: 'true' }).naverSearch).toEqual({
      url: 'https://openapi.naver.com/v1/search/local.json',
      timeoutMs: 3000,
      credentials: undefined,
    });
    expect(
      parseConfig({ NAVER_SEARCH_ENABLED: 'true', NAVER_CLIENT_ID: 'i', NAVER_CLIENT_SECRET: 's' }).naverSearch
        ?.credentials,
    ).toEqual({ clientId: 'i', clientSecret: 's' });
    expect(() => parseConfig({ NAVER_CLIENT_ID: 'i' })).toThrow(/NAVER_CLIENT_SECRET/);
    expect(() => parseConfig({ NODE_ENV: 'production', JWT_SECRET_KEY: 'k', NAVER_SEARCH_ENABLED: 'true' })).toThrow(
      /NAVER_SEARCH_ENABLED/,
    );
  });
});
