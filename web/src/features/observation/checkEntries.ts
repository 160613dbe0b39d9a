// The readings typed on the daily-checks page, kept outside React state so that a keystroke
// re-renders only its own row and the summary, not a table of hundreds of rows.
import { useSyncExternalStore } from 'react';

export interface CheckEntry {
  /** What was typed in the temperature field. */
  text: string;
  symptoms: string[];
  /** When the reading was last changed: the check's takenAt. */
  typedAt: string;
  /** Assigned at the first save attempt and kept until it succeeds, so a retry cannot store the reading twice. */
  clientId?: string;
  /** The symptom picker of this row is open. */
  picking?: boolean;
}

const EMPTY: CheckEntry = { text: '', symptoms: [], typedAt: '' };

export class CheckEntryStore {
  private entries = new Map<string, CheckEntry>();
  private rowListeners = new Map<string, Set<() => void>>();
  private allListeners = new Set<() => void>();
  private version = 0;

  get(id: string): CheckEntry {
    return this.entries.get(id) ?? EMPTY;
  }

  /** Changes the reading itself: it gets a new time, and a new client id at the next save. */
  setReading(id: string, patch: Partial<Pick<CheckEntry, 'text' | 'symptoms'>>): void {
    const prev = this.get(id);
    this.put(id, { ...prev, ...patch, typedAt: new Date().toISOString(), clientId: undefined });
  }

  /** Rewrites the typed text in its canonical form ("365" -> "36.5"); the reading stays the same one. */
  normalise(id: string, text: string): void {
    const prev = this.get(id);
    if (prev.text !== text) this.put(id, { ...prev, text });
  }

  setPicking(id: string, picking: boolean): void {
    this.put(id, { ...this.get(id), picking });
  }

  /** Gives the entry its client id for this save attempt (kept if it already has one). */
  claimClientId(id: string, make: () => string): CheckEntry {
    const prev = this.get(id);
    if (prev.clientId) return prev;
    const next = { ...prev, clientId: make() };
    this.entries.set(id, next);
    return next;
  }

  /** Forgets saved readings. */
  clear(ids: string[]): void {
    for (const id of ids) {
      if (!this.entries.delete(id)) continue;
      this.notify(id);
    }
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  subscribeRow(id: string, fn: () => void): () => void {
    let set = this.rowListeners.get(id);
    if (!set) this.rowListeners.set(id, (set = new Set()));
    set.add(fn);
    return () => set!.delete(fn);
  }

  subscribeAll(fn: () => void): () => void {
    this.allListeners.add(fn);
    return () => this.allListeners.delete(fn);
  }

  getVersion(): number {
    return this.version;
  }

  private put(id: string, entry: CheckEntry): void {
    this.entries.set(id, entry);
    this.notify(id);
  }

  private notify(id: string): void {
    this.version++;
    this.rowListeners.get(id)?.forEach((fn) => fn());
    this.allListeners.forEach((fn) => fn());
  }
}

export function useEntry(store: CheckEntryStore, id: string): CheckEntry {
  return useSyncExternalStore(
    (fn) => store.subscribeRow(id, fn),
    () => store.get(id),
  );
}

/** Re-renders on any change of any entry. */
export function useStoreVersion(store: CheckEntryStore): number {
  return useSyncExternalStore(
    (fn) => store.subscribeAll(fn),
    () => store.getVersion(),
  );
}

export const PLAUSIBLE = { min: 34, max: 43 };

/**
 * A typed temperature: "36.5", "36,5", or "365" for 36.5 (the quick way with a number pad).
 * null when nothing was typed, 'invalid' when it is not a plausible body temperature.
 */
export function parseTemperature(text: string): number | null | 'invalid' {
  const s = text.trim().replace(',', '.');
  if (!s) return null;
  let value: number;
  if (/^\d{3}$/.test(s)) value = Number(s) / 10;
  else if (/^\d{2}(\.\d{0,2})?$/.test(s)) value = Number(s);
  else return 'invalid';
  value = Math.round(value * 10) / 10;
  return value >= PLAUSIBLE.min && value <= PLAUSIBLE.max ? value : 'invalid';
}
