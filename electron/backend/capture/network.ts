import { existsSync } from 'node:fs';
import { networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `os.networkInterfaces`, passed in so tests decide which networks the computer is on. */
export type NetworkInterfaces = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/** What a computer on no network has: loopback only. */
export const loopbackOnly: NetworkInterfaces = () => ({
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
});

/**
 * The computer's networks, read afresh at each call (a laptop joins the hotspot while the
 * panel is open). `LESSON_STUDY_CAPTURE_NETWORK=loopback` pretends the computer is on no
 * network: only the e2e tests set it (test/e2e/invite.spec.ts), to see the facilitator's
 * no-network advice through the real server process, whose options they cannot pass.
 * It can only hide networks, never add an address, so it opens nothing.
 */
export const systemNetworkInterfaces: NetworkInterfaces = () =>
  process.env.LESSON_STUDY_CAPTURE_NETWORK === 'loopback' ? loopbackOnly() : osNetworkInterfaces();

/** Private school or home networks first; link-local (169.254…, no DHCP answered) last. */
const rank = (address: string): number =>
  /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address) ? 0 : address.startsWith('169.254.') ? 2 : 1;

/** This computer's IPv4 addresses other devices can reach, the likeliest first. */
export const reachableAddresses = (interfaces: NetworkInterfaces): string[] => {
  const found = Object.values(interfaces())
    .flatMap((infos) => infos ?? [])
    .filter((info) => (info.family === 'IPv4' || (info.family as unknown) === 4) && !info.internal)
    .map((info) => info.address);
  return [...new Set(found)].sort((a, b) => rank(a) - rank(b));
};

/** The names a request to the capture door may carry in its Host header. */
export const doorHostNames = (interfaces: NetworkInterfaces): string[] => [...reachableAddresses(interfaces), '127.0.0.1', 'localhost'];

/** dist/renderer beside the backend's bundle (dist-electron/, dist-server/) or, in a checkout, at the repository's top. */
export const defaultObserverPageDir = (): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '..', 'dist', 'renderer'), path.resolve(here, '..', '..', '..', 'dist', 'renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'observer.html'))) ?? candidates[0];
};
