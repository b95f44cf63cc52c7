// One-shot timers keyed by kind: setting a kind again replaces it. Exact, event-driven:
// each timer is a setTimeout for the delay the core asked for, never a polling tick.

/** setTimeout's longest delay (~24.8 days); a longer one would fire at once */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class KeyedTimers<K extends string> {
  private readonly handles = new Map<K, ReturnType<typeof setTimeout>>();

  set(kind: K, delayMs: number, fire: () => void): void {
    this.cancel(kind);
    const handle = setTimeout(() => {
      this.handles.delete(kind);
      fire();
    }, Math.min(delayMs, MAX_DELAY_MS));
    this.handles.set(kind, handle);
  }

  cancel(kind: K): void {
    const handle = this.handles.get(kind);
    if (handle === undefined) return;
    clearTimeout(handle);
    this.handles.delete(kind);
  }

  cancelAll(): void {
    for (const handle of this.handles.values()) clearTimeout(handle);
    this.handles.clear();
  }

  has(kind: K): boolean {
    return this.handles.has(kind);
  }
}
