import { BRIDGE_GLOBAL, type KindredBridge } from '../../../shared/bridge.ts';

/** The preload's window.kindred (shared/bridge.ts). */
export type DesktopBridge = KindredBridge;

/** The desktop bridge when running inside Electron, else null (a browser on the local host). */
export function desktopBridge(): DesktopBridge | null {
  const w = (globalThis as unknown as { window?: Record<string, unknown> }).window;
  const b = w?.[BRIDGE_GLOBAL] as DesktopBridge | undefined;
  return b && typeof b.invoke === 'function' && typeof b.on === 'function' ? b : null;
}
