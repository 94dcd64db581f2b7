/** Lists and logs show only the tail of an identifier: enough to tell two customers apart. */
function maskAllButLast(value: string, visible: number): string {
  if (value.length <= visible) return '•'.repeat(value.length);
  return '•'.repeat(value.length - visible) + value.slice(-visible);
}

export function maskPan(pan: string): string {
  return maskAllButLast(pan, 4);
}

export function maskMobile(mobile: string): string {
  return maskAllButLast(mobile, 3);
}
