// Everything a page could use to leave the app's own origin or gain a capability is switched off
// here, for every web contents the app ever creates (windows, devtools, anything future).
import { app, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './app-origin.ts';

/** The only web preferences a window gets. */
export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Chromium's spellchecker downloads dictionaries from Google: nothing leaves the machine.
    spellcheck: false,
    safeDialogs: true,
    devTools,
  };
}

/** Call before app 'ready'. */
export function hardenApp(log: (line: string) => void): void {
  app.enableSandbox();
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, log));
}

export function hardenContents(contents: WebContents, log: (line: string) => void): void {
  // window.open, target=_blank, middle-click: never a new window, never the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  const guard = (what: string) => (e: Electron.Event<{ url: string }>) => {
    if (isAppUrl(e.url)) return;
    e.preventDefault();
    log(`blocked ${what} to ${e.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (e) => {
    e.preventDefault();
    log('blocked <webview>');
  });
}

/** Deny every permission and every request to the network from pages. */
export function hardenSession(ses: Session, log: (line: string) => void): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log(`denied permission ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}));
  ses.on('will-download', (e) => e.preventDefault());
  // Pages have no business with the network; model downloads happen in the core process, not here.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (details, callback) => {
    log(`blocked request ${details.url.slice(0, 200)}`);
    callback({ cancel: true });
  });
}
