import { useEffect, useRef } from 'react';
import { registerCommands, type Command } from './registry.ts';

/**
 * Register a view's commands while it is mounted. The commands read the latest props through
 * `perform` and `enabled` each time they run, so they are registered once.
 */
export function useCommands(make: () => Command[]): void {
  const latest = useRef(make);
  latest.current = make;
  useEffect(() => {
    const ids = make().map((c) => c.id);
    // Thin wrappers that call the newest closure: the registration itself never goes stale.
    const commands = make().map((c, i): Command => ({
      ...c,
      enabled: () => {
        const now = latest.current()[i];
        return now !== undefined && now.id === ids[i] ? (now.enabled?.() ?? true) : false;
      },
      perform: () => latest.current()[i]?.perform(),
      get label() {
        return latest.current()[i]?.label ?? c.label;
      },
    }));
    return registerCommands(commands);
  }, []);
}
