import type { CommandBus } from '@nestjs/cqrs';
import type { AppConfig } from '@app/app-config';
import { FixedClock } from '@app/shared-kernel';
import { DetectOverdueFollowUpsCommand } from '../application/commands/detect-overdue-follow-ups/detect-overdue-follow-ups.command.js';
import { OverdueFollowUpScheduler } from './overdue-follow-up.scheduler.js';

function scheduler(
  execute: (command: unknown) => Promise<unknown>,
  runProjector = true,
) {
  const bus = { execute } as unknown as CommandBus;
  const config = { runProjector, overdueScanIntervalMs: 60_000 } as AppConfig;
  return new OverdueFollowUpScheduler(
    bus,
    config,
    new FixedClock('2026-03-10T00:00:00Z'),
  );
}

describe('OverdueFollowUpScheduler', () => {
  it('dispatches DetectOverdueFollowUpsCommand as the deadline scheduler, stamped with the injected clock', async () => {
    const sent: unknown[] = [];
    await scheduler(
      async (c) => (sent.push(c), { checked: 0, flagged: [] }),
    ).tick();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(DetectOverdueFollowUpsCommand);
    expect((sent[0] as DetectOverdueFollowUpsCommand).meta).toEqual({
      actor: 'system:deadline-scheduler',
      correlationId: 'detect-overdue-follow-ups-2026-03-10T00:00:00.000Z',
    });
  });

  it('a failing tick is logged and the next tick runs', async () => {
    let calls = 0;
    const s = scheduler(async () => {
      calls++;
      if (calls === 1) throw new Error('read model unavailable');
      return { checked: 1, flagged: [] };
    });
    (s as unknown as { logger: { error: () => void } }).logger.error = () =>
      undefined;
    await expect(s.tick()).resolves.toBeUndefined();
    await expect(s.tick()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('starts no timer in a process that does not run the projector', async () => {
    const s = scheduler(async () => {
      throw new Error('must not be called');
    }, false);
    s.onApplicationBootstrap();
    expect((s as unknown as { timer?: unknown }).timer).toBeUndefined();
    await s.onApplicationShutdown();
  });
});
