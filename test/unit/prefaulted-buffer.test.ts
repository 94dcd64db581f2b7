import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PrefaultedBuffer } from '../../electron/store/prefaulted-buffer';

describe('a buffer whose pages a helper thread touches while it is filled', () => {
  it('holds exactly what was filled, whichever thread reached each region first', () => {
    for (let run = 0; run < 20; run++) {
      const regionBytes = 64 * 1024;
      const regions = 40 + run;
      const expected = randomBytes(regions * regionBytes - 1234); // the last region short
      const target = PrefaultedBuffer.allocate(expected.length, regionBytes);
      for (let region = 0; region < regions; region++) target.fill(region, expected.subarray(region * regionBytes, (region + 1) * regionBytes));
      expect(target.buffer.equals(expected)).toBe(true);
    }
  });

  it('works without a helper for a small database', () => {
    const expected = randomBytes(100_000);
    const target = PrefaultedBuffer.allocate(expected.length, 64 * 1024);
    target.fill(0, expected.subarray(0, 65_536));
    target.fill(1, expected.subarray(65_536));
    expect(target.buffer.equals(expected)).toBe(true);
  });
});
