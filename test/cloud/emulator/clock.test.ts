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

describe('stepping clock (stepOnSleep): a discrete-event rule', () => {
  const stepping = () => createVirtualClock({ start: T0, speed: 0, stepOnSleep: true });
  const offset = (clock: { now(): Date }) => clock.now().getTime() - T0.getTime();

  it('moves by exactly what a lone sleeper waits', async () => {
    const clock = stepping();
    await clock.sleep(30_000);
    expect(offset(clock)).toBe(30_000);
  });

  it('steps to the earliest wake-up first: a long sleep does not move time for a short one', async () => {
    const clock = stepping();
    const woke: Array<[string, number]> = [];
    const long = clock.sleep(5 * 86_400_000).then(() => woke.push(['long', offset(clock)]));
    const short = (async () => {
      for (let i = 1; i <= 3; i++) {
        await clock.sleep(60_000);
        woke.push([`short ${i}`, offset(clock)]);
      }
    })();
    await Promise.all([long, short]);
    expect(woke).toEqual([
      ['short 1', 60_000],
      ['short 2', 120_000],
      ['short 3', 180_000],
      ['long', 5 * 86_400_000],
    ]);
  });

  it('wakes every sleeper due at the same instant together', async () => {
    const clock = stepping();
    const seen: number[] = [];
    await Promise.all([clock.sleep(1000).then(() => seen.push(offset(clock))), clock.sleep(1000).then(() => seen.push(offset(clock)))]);
    expect(seen).toEqual([1000, 1000]);
  });

  it('does not move while work holds it (a request in flight), and steps once it is released', async () => {
    const clock = stepping();
    const release = clock.hold();
    let woke = false;
    const sleeping = clock.sleep(60_000).then(() => (woke = true));
    // Many turns of the event loop: still held, so nobody wakes and time stands.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(woke).toBe(false);
    expect(offset(clock)).toBe(0);
    release();
    await sleeping;
    expect(offset(clock)).toBe(60_000);
  });

  it('does not step while other work keeps running between turns of the event loop', async () => {
    const clock = stepping();
    let woke = false;
    const sleeping = clock.sleep(60_000).then(() => (woke = true));
    // Work that keeps registering activity (a short sleep resolved by advance would be activity
    // too); here, holds taken and released turn after turn.
    for (let i = 0; i < 10; i++) {
      clock.hold()();
      await new Promise((r) => setImmediate(r));
      expect(woke).toBe(false);
    }
    await sleeping;
    expect(offset(clock)).toBe(60_000);
  });
});
