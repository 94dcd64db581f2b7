import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import { OperatorRepository } from '../../electron/operators/operator-repository';
import {
  LOCK_OUT_MS,
  OperatorService,
  TRAINING_OPERATORS,
  WRONG_CREDENTIALS,
  type FirstAdminInput,
  type OperatorInput,
} from '../../electron/operators/operator-service';
import { parsePasswordHash, verifyPassword } from '../../electron/operators/password';
import type { Store } from '../../electron/store/database';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
// Local time, so the "try again after HH:MM" text is the same in any time zone.
const START = new Date(2026, 10, 22, 10, 0, 30);

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let store: Store;
let repo: OperatorRepository;
let service: OperatorService;
let audit: AuditLog;
let now: Date;

async function open(): Promise<void> {
  store = (await openTestStore(dir)).store;
  repo = new OperatorRepository(store);
  audit = new AuditLog(store, () => now);
  service = new OperatorService(store, repo, () => now, { scryptCost: FAST, audit });
}

async function reopen(): Promise<void> {
  await store.close();
  await open();
}

beforeEach(async () => {
  temp = makeTempDir();
  dir = path.join(temp.dir, 'training', 'store');
  now = START;
  await open();
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

function person(overrides: Partial<OperatorInput> = {}): OperatorInput {
  return {
    name: 'Asha Verma',
    employeeCode: 'E1001',
    designation: 'Branch Officer',
    branch: 'MG Road',
    organisation: 'Example Co-operative Bank',
    role: 'maker',
    password: 'chai at four pm',
    ...overrides,
  };
}

async function firstAdmin(): Promise<OperatorProfile> {
  return service.createFirstAdmin({ ...person({ name: 'Ravi Kumar', employeeCode: 'A0001', password: 'admin pass phrase' }) });
}

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<AppFailure> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure, but it succeeded');
}

function advance(ms: number): void {
  now = new Date(now.getTime() + ms);
}

describe('first admin', () => {
  it('is needed on an empty store, is always an admin, and can be created only once', async () => {
    expect(service.needsFirstAdmin()).toBe(true);
    const sneaky = { ...person({ employeeCode: 'A0001' }), role: 'maker' } as FirstAdminInput;
    const admin = await service.createFirstAdmin(sneaky);
    expect(admin.role).toBe('admin');
    expect(admin.active).toBe(true);
    expect(service.needsFirstAdmin()).toBe(false);

    const again = await failure(service.createFirstAdmin(person({ employeeCode: 'A0002' })));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already has a branch admin/);
    expect(repo.list().map((o) => o.employeeCode)).toEqual(['A0001']);
  });

  it('is needed again if no admin is active (e.g. a damaged store was set aside)', async () => {
    const admin = await firstAdmin();
    store.write(() => store.run('UPDATE operators SET active = 0 WHERE id = ?', [admin.id]));
    expect(service.needsFirstAdmin()).toBe(true);
  });

  it('hashes with the shipped scrypt cost unless told otherwise', async () => {
    const shipped = new OperatorService(store, repo, () => now);
    await shipped.createFirstAdmin(person({ employeeCode: 'A0001' }));
    const hash = repo.findByEmployeeCode('A0001')!.passwordHash;
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('chai at four pm', hash)).toBe(true);
  });
});

describe('creating and listing operators', () => {
  it('lets an admin create operators, stored with a salted hash and never the password', async () => {
    const admin = await firstAdmin();
    const maker = await service.create(admin, person());
    expect(maker).toMatchObject({ name: 'Asha Verma', employeeCode: 'E1001', role: 'maker', active: true });
    const stored = repo.find(maker.id)!;
    expect(stored.passwordHash).not.toContain('chai');
    expect(parsePasswordHash(stored.passwordHash)?.cost).toEqual(FAST);
    expect(JSON.stringify(store.all('SELECT * FROM operators'))).not.toContain('chai at four pm');
    // Durable: a fresh store from the file sees it.
    await reopen();
    expect(service.get(maker.id)).toEqual(maker);
  });

  it('tidies the input and stores the employee code upper-case', async () => {
    const admin = await firstAdmin();
    const maker = await service.create(admin, person({ name: "  D'Souza   Mary-Ann ", employeeCode: ' e-10/01 ', branch: ' Fort  ' }));
    expect(maker.name).toBe("D'Souza Mary-Ann");
    expect(maker.employeeCode).toBe('E-10/01');
    expect(maker.branch).toBe('Fort');
  });

  it('refuses anyone but an admin', async () => {
    const admin = await firstAdmin();
    const maker = await service.create(admin, person());
    const checker = await service.create(admin, person({ employeeCode: 'E1002', role: 'checker' }));
    for (const actor of [maker, checker]) {
      const refused = await failure(service.create(actor, person({ employeeCode: 'E1003' })));
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toBe('Only a branch admin can manage operators.');
    }
    // An admin who has since been switched off is refused too: the stored role counts, not the caller's copy.
    const second = await service.create(admin, person({ employeeCode: 'A0002', role: 'admin' }));
    service.update(admin, second.id, { active: false });
    expect((await failure(service.create(second, person({ employeeCode: 'E1004' })))).message).toBe('Sign in first.');
    expect(repo.employeeCodeExists('E1003')).toBe(false);
    expect(repo.employeeCodeExists('E1004')).toBe(false);
  });

  it('keeps employee codes unique, whatever their case, with a clear message on the field', async () => {
    const admin = await firstAdmin();
    await service.create(admin, person());
    const duplicate = await failure(service.create(admin, person({ name: 'Other Person', employeeCode: 'e1001' })));
    expect(duplicate.code).toBe('CONFLICT');
    expect(duplicate.message).toBe('Another operator already has employee code E1001.');
    expect(duplicate.fields?.employeeCode).toMatch(/already in use/);
    expect(repo.list()).toHaveLength(2);
  });

  it('validates every field and says which ones are wrong', async () => {
    const admin = await firstAdmin();
    const refused = await failure(
      service.create(admin, {
        name: 'R2-D2 #1',
        employeeCode: 'E 1001',
        designation: 'x'.repeat(51),
        branch: '   ',
        organisation: 'o'.repeat(151),
        role: 'owner' as never,
        password: 'short',
      }),
    );
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(refused.fields!).sort()).toEqual(['branch', 'designation', 'employeeCode', 'name', 'organisation', 'password', 'role']);
    expect(refused.fields!.name).toMatch(/letters, spaces/);
    expect(refused.fields!.employeeCode).toMatch(/letters, digits, - and \//);
    expect(refused.fields!.designation).toMatch(/at most 50/);
    expect(refused.fields!.branch).toMatch(/Enter the branch/);
    expect(refused.fields!.organisation).toMatch(/at most 150/);
    expect(refused.fields!.password).toMatch(/at least 10/);
    expect(refused.message).toBe('7 fields need attention.');

    const one = await failure(service.create(admin, person({ name: 'n'.repeat(151) })));
    expect(one.message).toBe('Check Name.');
    expect((await failure(service.create(admin, person({ employeeCode: 'E'.repeat(51) })))).fields?.employeeCode).toMatch(/at most 50/);
    expect((await failure(service.create(admin, person({ password: 'e1001xxxxx', employeeCode: 'E1001XXXXX' })))).fields?.password).toMatch(/employee code/);
    expect(repo.list()).toHaveLength(1);
  });

  it('lists everyone for an admin, only themselves for anyone else, and never password material', async () => {
    const admin = await firstAdmin();
    const maker = await service.create(admin, person());
    const checker = await service.create(admin, person({ name: 'Bina Shah', employeeCode: 'E1002', role: 'checker' }));
    const all = service.list(admin);
    expect(all.map((o) => o.employeeCode).sort()).toEqual(['A0001', 'E1001', 'E1002']);
    expect(service.list(maker)).toEqual([maker]);
    expect(service.list(checker)).toEqual([checker]);
    for (const profile of all) {
      expect(Object.keys(profile).sort()).toEqual(['active', 'branch', 'designation', 'employeeCode', 'id', 'name', 'organisation', 'role']);
    }
  });
});

describe('updating operators', () => {
  it('lets an admin change profile fields, role and active, durably', async () => {
    const admin = await firstAdmin();
    const maker = await service.create(admin, person());
    const updated = service.update(admin, maker.id, { designation: 'Senior Officer', role: 'checker', branch: 'Fort' });
    expect(updated).toMatchObject({ designation: 'Senior Officer', role: 'checker', branch: 'Fort', name: 'Asha Verma' });
    await reopen();
    expect(service.get(maker.id)).toEqual(updated);
    expect((await failure(() => service.update(maker, admin.id, { name: 'Hacked' }))).message).toBe('Only a branch admin can manage operators.');
    expect((await failure(() => service.update(admin, maker.id, { name: '' }))).fields?.name).toMatch(/Enter the name/);
    expect((await failure(() => service.update(admin, 'op_missing', { name: 'X' }))).code).toBe('NOT_FOUND');
  });

  it('never lets the last active admin be demoted or switched off', async () => {
    const admin = await firstAdmin();
    const demote = await failure(() => service.update(admin, admin.id, { role: 'checker' }));
    expect(demote.code).toBe('CONFLICT');
    expect(demote.message).toMatch(/last active branch admin/);
    expect((await failure(() => service.update(admin, admin.id, { active: false }))).message).toMatch(/last active branch admin/);
    expect(service.get(admin.id)).toMatchObject({ role: 'admin', active: true });

    // With a second admin, the first may step down; then the second is the last one.
    const second = await service.create(admin, person({ name: 'Meera Iyer', employeeCode: 'A0002', role: 'admin' }));
    expect(service.update(admin, admin.id, { role: 'checker' }).role).toBe('checker');
    expect((await failure(() => service.update(second, second.id, { active: false }))).message).toMatch(/last active branch admin/);
    expect(service.needsFirstAdmin()).toBe(false);
    // Editing the last admin's other fields is fine.
    expect(service.update(second, second.id, { designation: 'Branch Head' }).designation).toBe('Branch Head');
  });
});

describe('signing in', () => {
  let admin: OperatorProfile;
  let maker: OperatorProfile;
  beforeEach(async () => {
    admin = await firstAdmin();
    maker = await service.create(admin, person());
  });

  it('returns the profile for the right password, whatever the case of the employee code', async () => {
    expect(await service.authenticate('E1001', 'chai at four pm')).toEqual(maker);
    expect(await service.authenticate(' e1001 ', 'chai at four pm')).toEqual(maker);
  });

  it('gives the same answer for an unknown employee code as for a wrong password', async () => {
    const wrongPassword = await failure(service.authenticate('E1001', 'not my password'));
    const unknownCode = await failure(service.authenticate('E9999', 'not my password'));
    const emptyCode = await failure(service.authenticate('', 'chai at four pm'));
    for (const refused of [wrongPassword, unknownCode, emptyCode]) {
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toBe(WRONG_CREDENTIALS);
      expect(refused.message).toBe('Employee code or password is wrong.');
      expect(refused.fields).toBeUndefined();
    }
    // Guessing at unknown codes adds no operator.
    expect(repo.list()).toHaveLength(2);
  });

  it('locks the account after 5 wrong passwords in a row, refusing even the right one until the lock ends', async () => {
    for (let i = 1; i <= 4; i++) {
      expect((await failure(service.authenticate('E1001', `wrong guess ${i}`))).message).toBe(WRONG_CREDENTIALS);
    }
    expect(repo.find(maker.id)!.failedAttempts).toBe(4);
    const fifth = await failure(service.authenticate('E1001', 'wrong guess 5'));
    // Locked at 10:00:30 for 15 minutes: 10:15:30, shown rounded up so it is never too early.
    expect(fifth.message).toBe(
      'This account is locked after too many wrong passwords. Try again after 10:16 or ask your branch admin to unlock it (if you are the only admin, IT can unlock it on this PC).',
    );
    expect(repo.find(maker.id)!.lockedUntil).toBe(new Date(START.getTime() + LOCK_OUT_MS).toISOString());

    advance(14 * 60 * 1000);
    expect((await failure(service.authenticate('E1001', 'chai at four pm'))).message).toMatch(/locked .* Try again after 10:16/);
    // Guesses while locked do not extend the lock.
    expect(repo.find(maker.id)!.lockedUntil).toBe(new Date(START.getTime() + LOCK_OUT_MS).toISOString());

    advance(LOCK_OUT_MS - 14 * 60 * 1000);
    expect(await service.authenticate('E1001', 'chai at four pm')).toEqual(maker);
    expect(repo.find(maker.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('gives a fresh set of tries once a lock has run out', async () => {
    for (let i = 0; i < 5; i++) await failure(service.authenticate('E1001', 'wrong guess'));
    advance(LOCK_OUT_MS + 1000);
    expect((await failure(service.authenticate('E1001', 'wrong again'))).message).toBe(WRONG_CREDENTIALS);
    expect(repo.find(maker.id)).toMatchObject({ failedAttempts: 1, lockedUntil: null });
  });

  it('a right password resets the count of wrong ones', async () => {
    for (let i = 0; i < 4; i++) await failure(service.authenticate('E1001', 'wrong guess'));
    await service.authenticate('E1001', 'chai at four pm');
    for (let i = 0; i < 4; i++) expect((await failure(service.authenticate('E1001', 'wrong guess'))).message).toBe(WRONG_CREDENTIALS);
    expect(repo.find(maker.id)!.failedAttempts).toBe(4);
  });

  it('keeps counting across a restart: the failures are on disk', async () => {
    for (let i = 0; i < 4; i++) await failure(service.authenticate('E1001', 'wrong guess'));
    await reopen();
    expect(repo.find(maker.id)!.failedAttempts).toBe(4);
    expect((await failure(service.authenticate('E1001', 'wrong guess'))).message).toMatch(/locked after too many wrong passwords/);
    await reopen();
    expect((await failure(service.authenticate('E1001', 'chai at four pm'))).message).toMatch(/locked after too many wrong passwords/);
  });

  it('counts guesses made at the same time, all of them', async () => {
    const guesses = await Promise.all(Array.from({ length: 7 }, (_, i) => failure(service.authenticate('E1001', `parallel guess ${i}`))));
    expect(guesses.filter((g) => g.message === WRONG_CREDENTIALS)).toHaveLength(4);
    expect(repo.find(maker.id)!.lockedUntil).not.toBeNull();
  });

  it('lets an admin unlock a locked account at once; nobody else can', async () => {
    for (let i = 0; i < 5; i++) await failure(service.authenticate('E1001', 'wrong guess'));
    const checker = await service.create(admin, person({ name: 'Bina Shah', employeeCode: 'E1002', role: 'checker' }));
    expect((await failure(() => service.unlock(checker, maker.id))).message).toBe('Only a branch admin can manage operators.');
    expect((await failure(() => service.unlock(maker, maker.id))).message).toBe('Only a branch admin can manage operators.');
    service.unlock(admin, maker.id);
    await reopen();
    expect(await service.authenticate('E1001', 'chai at four pm')).toEqual(maker);
  });

  it('refuses an operator who was switched off, telling only someone who knows the password', async () => {
    service.update(admin, maker.id, { active: false });
    expect((await failure(service.authenticate('E1001', 'chai at four pm'))).message).toMatch(/switched off/);
    expect((await failure(service.authenticate('E1001', 'a wrong password'))).message).toBe(WRONG_CREDENTIALS);
    expect(service.list(admin).find((o) => o.id === maker.id)?.active).toBe(false);
    service.update(admin, maker.id, { active: true });
    expect((await service.authenticate('E1001', 'chai at four pm')).active).toBe(true);
  });
});

describe('lock-out tells nobody whether an employee code exists', () => {
  let admin: OperatorProfile;
  let maker: OperatorProfile;
  beforeEach(async () => {
    admin = await firstAdmin();
    maker = await service.create(admin, person());
  });

  async function answers(code: string, tries: number, password = (i: number) => `guess ${i}`): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < tries; i++) out.push((await failure(service.authenticate(code, password(i)))).message);
    return out;
  }

  it('answers a made-up code exactly as a real one: wrong four times, then locked, across a restart, until the lock runs out', async () => {
    const real = await answers('E1001', 6);
    const madeUp = await answers('E9999', 6);
    expect(madeUp).toEqual(real);
    expect(real.slice(0, 4)).toEqual(Array(4).fill(WRONG_CREDENTIALS));
    expect(real[4]).toBe('This account is locked after too many wrong passwords. Try again after 10:16 or ask your branch admin to unlock it (if you are the only admin, IT can unlock it on this PC).');
    expect(real[5]).toBe(real[4]);
    // The right password of a locked account gets the very same answer as anything typed with a locked made-up code.
    await reopen();
    expect((await failure(service.authenticate('E1001', 'chai at four pm'))).message).toBe(real[4]);
    expect((await failure(service.authenticate('e9999', 'chai at four pm'))).message).toBe(real[4]);
    advance(LOCK_OUT_MS + 1000);
    expect(await answers('E9999', 2)).toEqual(await answers('E1001', 2));
    expect(await service.authenticate('E1001', 'chai at four pm')).toEqual(maker);
  });

  it('a locked account spends the same scrypt work on its answer as any other, so its timing tells nothing either', async () => {
    await answers('E1001', 5);
    await answers('E9999', 5);
    let locked = 0;
    let unknown = 0;
    // Interleaved, so both see the same load on the machine.
    for (let i = 0; i < 10; i++) {
      let started = performance.now();
      await failure(service.authenticate('E1001', `guess ${i}`));
      locked += performance.now() - started;
      started = performance.now();
      await failure(service.authenticate('E8888', `guess ${i}`));
      unknown += performance.now() - started;
    }
    expect(locked).toBeGreaterThan(unknown * 0.4);
  });

  it('records every lock-out in the audit trail, of a real account and of a made-up code', async () => {
    await answers('A0001', 5);
    await answers('E9999', 5);
    const { items } = audit.list({ action: 'lock-out', page: 1, pageSize: 10 });
    const until = new Date(START.getTime() + LOCK_OUT_MS).toISOString();
    expect(items.map(({ operatorId, subject, details }) => ({ operatorId, subject, details }))).toEqual([
      { operatorId: null, subject: 'E9999', details: { employeeCode: 'E9999', noSuchOperator: true, wrongPasswords: 5, until } },
      { operatorId: null, subject: admin.id, details: { employeeCode: 'A0001', role: 'admin', wrongPasswords: 5, until } },
    ]);
    expect(audit.verify()).toMatchObject({ ok: true });
  });

  it('records how each lock-out ended: an admin unlocked it, a new password, its time ran out, the recovery on this PC', async () => {
    const ends = () => audit.list({ action: 'lock-out-end', page: 1, pageSize: 10 }).items.map(({ operatorId, subject, details }) => ({ operatorId, subject, how: details?.how }));
    await answers('E1001', 5);
    service.unlock(admin, maker.id);
    await answers('E1001', 5);
    await service.resetPassword(admin, maker.id, 'a brand new phrase');
    await answers('E1001', 5);
    advance(LOCK_OUT_MS + 1000);
    expect(await service.authenticate('E1001', 'a brand new phrase')).toEqual(maker);
    await answers('A0001', 5);
    expect(service.recoverFromLockOut(' a0001 ')).toEqual({ operator: admin, wasLocked: true });
    expect(ends()).toEqual([
      { operatorId: null, subject: admin.id, how: 'recovery command run on this PC' },
      { operatorId: null, subject: maker.id, how: 'its time ran out' },
      { operatorId: admin.id, subject: maker.id, how: 'an admin set a new password' },
      { operatorId: admin.id, subject: maker.id, how: 'unlocked by an admin' },
    ]);
    // Unlocking someone who was not locked changes nothing and records nothing.
    service.unlock(admin, maker.id);
    expect(ends()).toHaveLength(4);
  });

  it('lets the only admin back in through the recovery on this PC, which names no stranger', async () => {
    expect(await answers('A0001', 6)).toContain('This account is locked after too many wrong passwords. Try again after 10:16 or ask your branch admin to unlock it (if you are the only admin, IT can unlock it on this PC).');
    expect((await failure(service.authenticate('A0001', 'admin pass phrase'))).message).toMatch(/locked/);
    expect(service.recoverFromLockOut('A0001').wasLocked).toBe(true);
    expect(await service.authenticate('A0001', 'admin pass phrase')).toEqual(admin);
    expect(service.recoverFromLockOut('A0001').wasLocked).toBe(false);
    expect((await failure(() => service.recoverFromLockOut('E9999'))).message).toBe('No operator has employee code E9999.');
  });

  it('a new operator does not inherit the wrong passwords once typed with their code', async () => {
    await answers('E2002', 5);
    const newcomer = await service.create(admin, person({ name: 'Chitra Rao', employeeCode: 'e2002' }));
    expect(await service.authenticate('E2002', 'chai at four pm')).toEqual(newcomer);
  });

  it('remembers at most so many made-up codes, forgetting the least recently tried first', () => {
    const small = new OperatorRepository(store, 3);
    store.write(() => {
      for (let i = 1; i <= 5; i++) small.setUnknownCodeFailures(`X${i}`, 1, null, new Date(START.getTime() + i * 1000).toISOString());
    });
    expect(['X1', 'X2', 'X3', 'X4', 'X5'].map((code) => small.unknownCodeFailures(code)?.failedAttempts ?? 0)).toEqual([0, 0, 1, 1, 1]);
  });
});

describe('passwords', () => {
  let admin: OperatorProfile;
  let maker: OperatorProfile;
  beforeEach(async () => {
    admin = await firstAdmin();
    maker = await service.create(admin, person());
  });

  it('an admin resets a password: the old one stops working, the new one works, and any lock ends', async () => {
    for (let i = 0; i < 5; i++) await failure(service.authenticate('E1001', 'wrong guess'));
    await service.resetPassword(admin, maker.id, 'brand new phrase');
    expect((await failure(service.authenticate('E1001', 'chai at four pm'))).message).toBe(WRONG_CREDENTIALS);
    expect(await service.authenticate('E1001', 'brand new phrase')).toEqual(maker);
    expect((await failure(service.resetPassword(maker, maker.id, 'my own choice!'))).message).toBe('Only a branch admin can manage operators.');
    expect((await failure(service.resetPassword(admin, maker.id, 'e1001'))).fields?.password).toMatch(/at least 10/);
  });

  it('an operator changes their own password only with the current one', async () => {
    const wrong = await failure(service.changeOwnPassword(maker.id, 'not the current', 'a new long phrase'));
    expect(wrong.code).toBe('VALIDATION_FAILED');
    expect(wrong.message).toBe('Your current password is wrong.');
    expect((await failure(service.changeOwnPassword(maker.id, 'chai at four pm', 'short'))).fields?.newPassword).toMatch(/at least 10/);
    expect((await failure(service.changeOwnPassword(maker.id, 'chai at four pm', 'chai at four pm'))).fields?.newPassword).toMatch(/different/);
    await service.changeOwnPassword(maker.id, 'chai at four pm', 'a new long phrase');
    expect(await service.authenticate('E1001', 'a new long phrase')).toEqual(maker);
    expect((await failure(service.authenticate('E1001', 'chai at four pm'))).message).toBe(WRONG_CREDENTIALS);
  });

  it('wrong current passwords count towards the lock-out too', async () => {
    for (let i = 0; i < 4; i++) await failure(service.changeOwnPassword(maker.id, `guess ${i}`, 'a new long phrase'));
    expect((await failure(service.changeOwnPassword(maker.id, 'guess 5', 'a new long phrase'))).message).toMatch(/locked after too many/);
    expect((await failure(service.authenticate('E1001', 'chai at four pm'))).message).toMatch(/locked after too many/);
  });
});

describe('maker–checker', () => {
  it('a maker cannot approve at all; a checker approves someone else’s record but never their own', async () => {
    const admin = await firstAdmin();
    const maker = await service.create(admin, person());
    const checker = await service.create(admin, person({ name: 'Bina Shah', employeeCode: 'E1002', role: 'checker' }));

    const makerTries = await failure(() => service.assertCanApprove(maker, { createdBy: 'op_someone_else' }));
    expect(makerTries.code).toBe('FORBIDDEN');
    expect(makerTries.message).toMatch(/cannot approve records/);
    expect((await failure(() => service.assertCanApprove(admin, { createdBy: maker.id }))).message).toMatch(/cannot approve records/);

    expect(() => service.assertCanApprove(checker, { createdBy: maker.id })).not.toThrow();
    expect(() => service.assertCanApprove(checker, { createdBy: null })).not.toThrow();

    // The maker captured a record, then was made a checker: still not their own approver.
    const promoted = service.update(admin, maker.id, { role: 'checker' });
    const own = await failure(() => service.assertCanApprove(promoted, { createdBy: maker.id }));
    expect(own.code).toBe('FORBIDDEN');
    expect(own.message).toBe('You captured this record, so another operator must approve it.');
    // The stored role counts, not a stale copy the caller holds.
    service.update(admin, checker.id, { role: 'maker' });
    expect((await failure(() => service.assertCanApprove(checker, { createdBy: promoted.id }))).message).toMatch(/cannot approve records/);
    service.update(admin, checker.id, { role: 'checker', active: false });
    expect((await failure(() => service.assertCanApprove(checker, { createdBy: promoted.id }))).message).toBe('Sign in first.');
  });
});

describe('training operators', () => {
  it('creates a maker, a checker and an admin once, however often it is called', async () => {
    const first = service.ensureTrainingOperators();
    expect(first.map((o) => [o.employeeCode, o.role])).toEqual([
      ['TRN-MAKER', 'maker'],
      ['TRN-CHECKER', 'checker'],
      ['TRN-ADMIN', 'admin'],
    ]);
    expect(first[0]).toMatchObject({ name: 'Training Maker', designation: 'Branch Officer', branch: 'Training Branch', organisation: 'KYC Desk Training', active: true });
    expect(service.needsFirstAdmin()).toBe(false);
    await reopen();
    const second = service.ensureTrainingOperators();
    expect(second).toEqual(first);
    expect(repo.list()).toHaveLength(TRAINING_OPERATORS.length);
  });

  it('adds back only what is missing and leaves other operators alone', async () => {
    const [trainingMaker] = service.ensureTrainingOperators();
    store.write(() => store.run("DELETE FROM operators WHERE employee_code = 'TRN-CHECKER'"));
    const again = service.ensureTrainingOperators();
    expect(again[0]!.id).toBe(trainingMaker!.id);
    expect(again[1]!.employeeCode).toBe('TRN-CHECKER');
    expect(repo.list()).toHaveLength(3);
  });

  it('have no usable password: they are reached only by the Training switch', async () => {
    service.ensureTrainingOperators();
    for (const seed of TRAINING_OPERATORS) {
      const stored = repo.findByEmployeeCode(seed.employeeCode)!;
      expect(parsePasswordHash(stored.passwordHash)).toBeUndefined();
      // Four guesses each: a fifth would lock the account, which is tested elsewhere.
      for (const guess of ['', seed.employeeCode, stored.passwordHash, 'training password']) {
        expect((await failure(service.authenticate(seed.employeeCode, guess))).message).toBe(WRONG_CREDENTIALS);
      }
    }
    const hashes = new Set(repo.list().map((o) => repo.find(o.id)!.passwordHash));
    expect(hashes.size).toBe(3);
  });
});

describe('verifierFor', () => {
  it('fills the registry verifier from the operator, upper-case', async () => {
    const admin = await firstAdmin();
    const maker = await service.create(admin, person({ name: "Mary D'Souza", employeeCode: 'e-10/01', designation: 'Asst. Manager', organisation: 'Example Bank Ltd' }));
    expect(service.verifierFor(maker)).toEqual({
      name: "MARY D'SOUZA",
      designation: 'ASST. MANAGER',
      branch: 'MG ROAD',
      employmentCode: 'E-10/01',
      organization: 'EXAMPLE BANK LTD',
    });
    const [trainingChecker] = service.ensureTrainingOperators().filter((o) => o.role === 'checker');
    expect(service.verifierFor(trainingChecker!)).toMatchObject({ name: 'TRAINING CHECKER', employmentCode: 'TRN-CHECKER', organization: 'KYC DESK TRAINING' });
  });
});
