/** The virtual clock: speed, manual advance, sleeping in virtual time, persistence. */
import { createManualClock, createVirtualClock, restoreVirtualClock } from '../../../src/cloud/emulator';
import { T0 } from './_helpers';

describe('virtual clock', () => {
  it('runs at speed × real time from its anchor', () => {
    let real = 1_000_000;
    const clock = createVirtualClock({ start: T0, speed: 600, realNow: () => real });
    real += 1000;
    expect(clock.now().getTime() - T0.getTime()).toBe(600_000);
  });

  it('keeps time continuous when the speed changes', () => {
    let real = 0;
    const clock = createVirtualClock({ start: T0, speed: 10, realNow: () => real });
    real += 100;
    const at = clock.now().getTime();
    clock.setSpeed(1000);
    expect(clock.now().getTime()).toBe(at);
    real += 1;
    expect(clock.now().getTime()).toBe(at + 1000);
    expect(clock.revision).toBe(1);
  });

  it('stands still at speed 0 until advanced', () => {
    const clock = createManualClock(T0);
    expect(clock.now()).toEqual(T0);
    clock.advance(5000);
    expect(clock.now().getTime()).toBe(T0.getTime() + 5000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('wakes a sleeper on a manual clock only when advanced far enough', async () => {
    const clock = createManualClock(T0);
    let woke = false;
    const sleeping = clock.sleep(60_000).then(() => (woke = true));
    clock.advance(59_999);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('sleeps in virtual time at high speed (an hour passes in a few real milliseconds)', async () => {
    const clock = createVirtualClock({ start: T0, speed: 3_600_000 });
    const before = clock.now().getTime();
    await clock.sleep(3_600_000);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(3_600_000);
  });

  it('resolves a sleep at once when aborted or disposed', async () => {
    const clock = createManualClock(T0);
    const ac = new AbortController();
    const a = clock.sleep(1000, ac.signal);
    ac.abort();
    await a;
    const b = clock.sleep(1000);
    clock.dispose();
    await b;
    expect(clock.now()).toEqual(T0);
  });

  it('round-trips through its persisted anchor', () => {
    let real = 50;
    const a = createVirtualClock({ start: T0, speed: 60, realNow: () => real });
    a.advance(1000);
    const b = restoreVirtualClock(a.snapshot(), () => real);
    real += 10;
    expect(b.now()).toEqual(a.now());
    expect(b.revision).toBe(a.revision);
  });

  it('refuses a negative speed', () => {
    expect(() => createVirtualClock({ speed: -1 })).toThrow(/speed/);
  });
});
