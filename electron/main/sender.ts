// "Is this IPC message from one of our pages?" The sending frame must be the top frame of its
// window and its URL one of the app's own pages. No Electron imports: tested in plain Node.
import { isAppUrl, type AppHost } from './app-origin.ts';

export interface SenderLike {
  senderFrame: { url: string } | null;
  sender: { mainFrame: unknown };
}

export function fromApp(e: SenderLike, hosts: readonly AppHost[]): boolean {
  const frame = e.senderFrame;
  if (!frame || frame !== e.sender.mainFrame) return false;
  return isAppUrl(frame.url, hosts);
}
