import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readModeChoice, writeModeChoice } from '../../electron/data-folder/mode-choice';
import { makeTempDir } from '../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

describe('the mode KYC Desk opens in', () => {
  it('is Training until an admin chose Live, and keeps the choice', () => {
    expect(readModeChoice(temp.dir, {})).toBe('training');
    writeModeChoice(temp.dir, 'live');
    expect(readModeChoice(temp.dir, {})).toBe('live');
    writeModeChoice(temp.dir, 'training');
    expect(readModeChoice(temp.dir, {})).toBe('training');
  });

  it('reads an unreadable or unknown choice as Training, the mode that sends nothing real', () => {
    fs.writeFileSync(path.join(temp.dir, 'mode.json'), '{"mode": "production"}');
    expect(readModeChoice(temp.dir, {})).toBe('training');
    fs.writeFileSync(path.join(temp.dir, 'mode.json'), 'not json');
    expect(readModeChoice(temp.dir, {})).toBe('training');
  });

  it('lets IT force it with KYC_DESK_MODE, and refuses a value that is neither', () => {
    writeModeChoice(temp.dir, 'live');
    expect(readModeChoice(temp.dir, { KYC_DESK_MODE: 'training' })).toBe('training');
    expect(() => readModeChoice(temp.dir, { KYC_DESK_MODE: 'prod' })).toThrow('KYC_DESK_MODE must be training or live, not "prod".');
  });
});
