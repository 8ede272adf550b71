import { describe, expect, it } from 'vitest';
import { compileSettings } from '../../src-main/risk/compiled-settings';
import { normalizeHost, resolveDestination, targetHost } from '../../src-main/risk/destination';
import { cidrContains, parseCidr, parseIp } from '../../src-main/risk/ip';
import { DEFAULT_RISK_SETTINGS } from '../../src-main/risk/settings';
import { settingsWith } from './fixtures';

const defaults = compileSettings(DEFAULT_RISK_SETTINGS);

describe('IP literals and CIDR blocks', () => {
  it('parses IPv4 and IPv6 forms into the same representation', () => {
    expect(parseIp('10.1.2.3')).toEqual([0, 0, 0xffff, 0x0a010203]);
    expect(parseIp('::ffff:10.1.2.3')).toEqual(parseIp('10.1.2.3'));
    expect(parseIp('::1')).toEqual([0, 0, 0, 1]);
    expect(parseIp('[2001:db8::8a2e:370:7334]')).toEqual([0x20010db8, 0, 0x8a2e, 0x03707334]);
    expect(parseIp('fe80::1%eth0')).toEqual([0xfe800000, 0, 0, 1]);
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', 'db.internal', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', ':::'])('rejects %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it('matches IPv4 prefixes at their edges', () => {
    const block = parseCidr('172.16.0.0/12');
    expect(cidrContains(block, parseIp('172.16.0.0')!)).toBe(true);
    expect(cidrContains(block, parseIp('172.31.255.255')!)).toBe(true);
    expect(cidrContains(block, parseIp('172.32.0.0')!)).toBe(false);
    expect(cidrContains(block, parseIp('172.15.255.255')!)).toBe(false);
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseIp('8.8.8.8')!)).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseIp('::1')!)).toBe(false);
    expect(cidrContains(parseCidr('192.168.1.7'), parseIp('192.168.1.7')!)).toBe(true);
  });

  it('matches IPv6 prefixes, including ones not on a word boundary', () => {
    const ula = parseCidr('fc00::/7');
    expect(cidrContains(ula, parseIp('fd12:3456::1')!)).toBe(true);
    expect(cidrContains(ula, parseIp('fe00::1')!)).toBe(false);
    const block = parseCidr('2001:db8:abcd:12::/63');
    expect(cidrContains(block, parseIp('2001:db8:abcd:13:ffff::1')!)).toBe(true);
    expect(cidrContains(block, parseIp('2001:db8:abcd:14::1')!)).toBe(false);
    expect(cidrContains(parseCidr('::/0'), parseIp('10.0.0.1')!)).toBe(true);
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/8/1', 'banana/8', '10.0.0.0/x'])('rejects CIDR %j', (text) => {
    expect(() => parseCidr(text)).toThrow();
  });
});

describe('destination', () => {
  it('extracts and normalises the host', () => {
    expect(targetHost({ url: 'https://user:pw@API.Example.io:8443/v1?x=1' })).toBe('api.example.io');
    expect(targetHost({ url: 'http://[::1]:8080/health' })).toBe('::1');
    expect(targetHost({ host: 'db.internal.:5432', url: 'https://other.io' })).toBe('db.internal');
    expect(normalizeHost('[fe80::1]')).toBe('fe80::1');
    expect(normalizeHost('2001:db8::1')).toBe('2001:db8::1');
    expect(targetHost({ system: 'postgres' })).toBeUndefined();
  });

  it('classifies hosts by domain suffix on a label boundary', () => {
    expect(resolveDestination({}, 'db.internal', defaults)).toBe('internal');
    expect(resolveDestination({}, 'internal', defaults)).toBe('internal');
    expect(resolveDestination({}, 'localhost', defaults)).toBe('internal');
    expect(resolveDestination({}, 'notinternal', defaults)).toBe('external');
    expect(resolveDestination({}, 'internal.evil.io', defaults)).toBe('external');
  });

  it('classifies IP literals by CIDR, both families', () => {
    expect(resolveDestination({}, '10.20.30.40', defaults)).toBe('internal');
    expect(resolveDestination({}, '::ffff:192.168.0.9', defaults)).toBe('internal');
    expect(resolveDestination({}, 'fd00::5', defaults)).toBe('internal');
    expect(resolveDestination({}, '8.8.8.8', defaults)).toBe('external');
    expect(resolveDestination({}, '2606:4700::1111', defaults)).toBe('external');
  });

  it('lets the agent claim external but never internal for an outside host', () => {
    expect(resolveDestination({ external: false }, 'api.stripe.com', defaults)).toBe('external');
    expect(resolveDestination({ external: true }, 'db.internal', defaults)).toBe('external');
    expect(resolveDestination({ external: false }, undefined, defaults)).toBe('internal');
    expect(resolveDestination({}, undefined, defaults)).toBe('none');
  });

  it('uses configured lists', () => {
    const custom = compileSettings(settingsWith({ environment: { internal_domain_suffixes: ['acme.com'], internal_cidrs: ['203.0.113.0/24', '2001:db8::/32'] } }));
    expect(resolveDestination({}, 'git.acme.com', custom)).toBe('internal');
    expect(resolveDestination({}, 'db.internal', custom)).toBe('external');
    expect(resolveDestination({}, '203.0.113.9', custom)).toBe('internal');
    expect(resolveDestination({}, '2001:db8::9', custom)).toBe('internal');
    expect(resolveDestination({}, '10.0.0.1', custom)).toBe('external');
  });
});
