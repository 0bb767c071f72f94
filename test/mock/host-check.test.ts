import { describe, expect, it } from 'vitest';
import { createHostCheck, isOwnOrigin } from '../../src/mock/host-check.js';

describe('createHostCheck', () => {
  it('accepts a loopback mock under each loopback name with its port, case-insensitively', () => {
    const allows = createHostCheck({ url: 'http://127.0.0.1:8080' });
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LocalHost:8080', '[::1]:8080', ' 127.0.0.1:8080 ']) expect(allows(host), host).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', 'localhost', '127.0.0.1:8081', 'evil.example:8080', 'a@127.0.0.1:8080', '127.0.0.1:8080/x']) {
      expect(allows(host), String(host)).toBe(false);
    }
  });

  it('accepts the publicUrl host, with the default port left out as browsers do', () => {
    const allows = createHostCheck({ url: 'http://127.0.0.1:8080', publicUrl: 'https://tunnel.example' });
    expect(allows('tunnel.example')).toBe(true);
    expect(allows('other.example')).toBe(false);
    expect(createHostCheck({ url: 'http://mock.invalid' })('mock.invalid:80')).toBe(true);
  });

  it('accepts IP addresses with its port when listening on every interface (an address cannot be rebound), never names', () => {
    const allows = createHostCheck({ url: 'http://127.0.0.1:8080', anyInterface: true });
    expect(allows('192.168.1.20:8080')).toBe(true);
    expect(allows('[fe80::1]:8080')).toBe(true);
    expect(allows('192.168.1.20:9090')).toBe(false);
    expect(allows('my-laptop.lan:8080')).toBe(false);
    expect(createHostCheck({ url: 'http://127.0.0.1:8080' })('192.168.1.20:8080')).toBe(false);
  });

  it('reads an Origin as its host', () => {
    const allows = createHostCheck({ url: 'http://127.0.0.1:8080' });
    expect(isOwnOrigin('http://localhost:8080', allows)).toBe(true);
    expect(isOwnOrigin('http://evil.example', allows)).toBe(false);
    expect(isOwnOrigin('null', allows)).toBe(false);
    expect(isOwnOrigin('file:///', allows)).toBe(false);
  });
});
