/**
 * Bytes that can be handed to another thread by transfer rather than by copy. Only a view over a
 * whole ArrayBuffer of its own can be transferred: a small Node Buffer is a slice of a shared pool
 * (transferring it would take its neighbours' bytes along), and a SharedArrayBuffer is never moved.
 */
export function ownBuffer(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  if (whole && bytes.buffer instanceof ArrayBuffer) return bytes;
  return new Uint8Array(bytes); // a copy with its own buffer: the one copy that cannot be avoided
}
