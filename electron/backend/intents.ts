import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { ensureDir, writeFileDurably } from '../storage/durable-write';
import type { BackendContext } from './context';

/**
 * Operations that write two documents (choosing the version a cycle teaches marks the
 * design's version taught *and* points the cycle at it) are made all-or-nothing:
 * - before the first write, a record of the intent is made durable in `.intents/`;
 * - if a later write fails, the earlier ones are undone and the record removed, so the
 *   app's "not saved" is true;
 * - if the process is killed in between, the next open finds the record and finishes the
 *   operation (each step is idempotent), so the workspace never shows half of it.
 */
export const INTENTS_DIR = '.intents';

export interface IntentStep {
  apply(): Promise<unknown>;
  undo(): Promise<unknown>;
}

export type IntentHandlers = Record<string, (ctx: BackendContext, payload: Record<string, string>) => Promise<unknown>>;

export const runIntent = async (ctx: BackendContext, name: string, payload: Record<string, string>, steps: IntentStep[]): Promise<void> => {
  ctx.store.assertWritable();
  const dir = path.join(ctx.store.localRoot, INTENTS_DIR);
  const record = path.join(dir, `${randomUUID()}.json`);
  await ensureDir(ctx.store.deps.fs, dir);
  await writeFileDurably(ctx.store.deps.fs, record, JSON.stringify({ name, payload }));
  const done: IntentStep[] = [];
  try {
    for (const step of steps) {
      await step.apply();
      done.push(step);
    }
  } catch (error) {
    try {
      for (const step of done.reverse()) await step.undo();
    } catch {
      // The undo failed too: keep the record, and the next open completes the operation.
      throw error;
    }
    await ctx.store.deps.fs.unlink(record).catch(() => undefined);
    throw error;
  }
  await ctx.store.deps.fs.unlink(record).catch(() => undefined);
};

/** On open: finish every operation a killed process left half done. */
export const completeIntents = async (ctx: BackendContext, handlers: IntentHandlers): Promise<void> => {
  if (ctx.store.readOnly) return;
  const dir = path.join(ctx.store.localRoot, INTENTS_DIR);
  for (const name of await ctx.store.deps.fs.readdir(dir).catch(() => [] as string[])) {
    if (!/^[0-9a-f-]{36}\.json$/.test(name)) continue;
    const record = path.join(dir, name);
    try {
      const parsed = JSON.parse(await ctx.store.deps.fs.readFile(record, 'utf8')) as { name?: string; payload?: Record<string, string> };
      const handler = parsed.name ? handlers[parsed.name] : undefined;
      if (handler && parsed.payload) await handler(ctx, parsed.payload);
      ctx.store.deps.log?.('intent-completed', { name: parsed.name ?? null });
    } catch {
      // A record cut short was written before any step; one whose steps now fail (the
      // design deleted since) has nothing left to finish.
    }
    await ctx.store.deps.fs.unlink(record).catch(() => undefined);
  }
};
