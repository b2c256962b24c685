/** A fake clock and timer queue: time moves only when the test says so. */
export const fakeTime = () => {
  let now = 0;
  const timers: Array<{ at: number; task: () => void; cancelled: boolean }> = [];
  return {
    now: () => now,
    schedule: (task: () => void, ms: number) => {
      const timer = { at: now + ms, task, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    /** Move the clock on, running each timer due on the way at its own time. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.cancelled = true;
        due.task();
      }
      now = end;
    },
  };
};
