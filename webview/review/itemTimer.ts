// Time spent on the current item, counting only while the panel is visible: a physician who
// switches to another window is not "working on" the item.

export class ItemTimer {
  private accumulated = 0;
  private since: number | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Starts counting from zero for a new item. */
  restart(visible: boolean): void {
    this.accumulated = 0;
    this.since = visible ? this.now() : null;
  }

  setVisible(visible: boolean): void {
    if (visible && this.since === null) this.since = this.now();
    if (!visible && this.since !== null) {
      this.accumulated += this.now() - this.since;
      this.since = null;
    }
  }

  /** Milliseconds of visible time since restart, rounded down. */
  elapsed(): number {
    const running = this.since === null ? 0 : this.now() - this.since;
    return Math.max(0, Math.floor(this.accumulated + running));
  }
}

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}
