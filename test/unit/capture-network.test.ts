import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { doorHostNames, loopbackOnly, reachableAddresses, systemNetworkInterfaces } from '../../electron/backend/capture/network';

/** Which address the QR code carries: the one an observer's device on the school Wi-Fi can reach. */
const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string): NetworkInterfaceInfo => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: `${address}/64`, scopeid: 0 });

describe('the join address', () => {
  it('puts the school network first, other public addresses next and link-local (no DHCP answer) last', () => {
    const interfaces = () => ({
      eth1: [v4('169.254.10.4')],
      docker0: [v4('203.0.113.7')],
      lo: [v4('127.0.0.1', true)],
      wlan0: [v4('192.168.1.23'), v6('fe80::1')],
      vpn0: [v4('10.8.0.2')],
    });
    expect(reachableAddresses(interfaces)).toEqual(['192.168.1.23', '10.8.0.2', '203.0.113.7', '169.254.10.4']);
  });

  it('counts 172.16–31 as private, and 172.32 not', () => {
    expect(reachableAddresses(() => ({ a: [v4('172.32.0.9')], b: [v4('172.31.200.1')], c: [v4('172.16.0.5')] }))).toEqual(['172.31.200.1', '172.16.0.5', '172.32.0.9']);
  });

  it('names an address once when two interfaces share it, and never loopback or IPv6', () => {
    expect(reachableAddresses(() => ({ wlan0: [v4('192.168.0.5')], bridge: [v4('192.168.0.5')], lo: [v4('127.0.0.1', true)], en0: [v6('2001:db8::5')] }))).toEqual(['192.168.0.5']);
  });

  it('finds nothing on a computer with loopback only (the no-network advice), and the door still answers to 127.0.0.1', () => {
    expect(reachableAddresses(loopbackOnly)).toEqual([]);
    expect(doorHostNames(loopbackOnly)).toEqual(['127.0.0.1', 'localhost']);
  });
});

describe('the computer’s own networks', () => {
  const saved = process.env.LESSON_STUDY_CAPTURE_NETWORK;
  afterEach(() => {
    if (saved === undefined) delete process.env.LESSON_STUDY_CAPTURE_NETWORK;
    else process.env.LESSON_STUDY_CAPTURE_NETWORK = saved;
  });

  it('are hidden, leaving loopback, when the e2e tests set LESSON_STUDY_CAPTURE_NETWORK=loopback, read at each call', () => {
    process.env.LESSON_STUDY_CAPTURE_NETWORK = 'loopback';
    expect(Object.keys(systemNetworkInterfaces())).toEqual(['lo']);
    expect(reachableAddresses(systemNetworkInterfaces)).toEqual([]);
    delete process.env.LESSON_STUDY_CAPTURE_NETWORK;
    expect(systemNetworkInterfaces()).not.toEqual(loopbackOnly());
  });
});
