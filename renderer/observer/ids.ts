/**
 * A v4 UUID from getRandomValues. The capture page is served over plain HTTP on the
 * school network, which is not a secure context, so `crypto.randomUUID` is missing there.
 */
export const newId = (random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string => {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
