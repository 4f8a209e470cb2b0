// A stand-in for the parts of Electron's main-process API that dist/electron/main.cjs uses, so
// the built main can run in plain Node (built-app.test.ts). It records what main asked for
// (schemes, protocol and IPC handlers, windows, menu, session hardening) and forks the real core
// process through electron/utility/parent-port-shim.ts where Electron would use utilityProcess.fork. It is a recorder,
// not an emulator: it shows main's wiring and its handlers' answers, not Chromium's behaviour.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

const SHIM = fileURLToPath(new URL('../../utility/parent-port-shim.ts', import.meta.url));

type Handler = (...args: never[]) => unknown;

export interface FakeElectron {
  module: Record<string, unknown>;
  calls: string[];
  paths: Record<string, string>;
  schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  protocols: Map<string, (req: Request) => Promise<Response>>;
  ipc: Map<string, Handler>;
  windows: FakeWindow[];
  menu: { items: Array<{ id?: string; label?: string; role?: string; submenu?: unknown[]; click?: () => void }> } | null;
  session: { permission?: Handler; check?: Handler; blocked?: { filter: unknown; listener: Handler } };
  contentsCreated: EventEmitter[];
  app: EventEmitter & { ready(): void; quit(): void; quitCalls: number };
  children: ChildProcess[];
  dialogAnswer: string[];
  findItem(id: string): { click?: () => void } | undefined;
}

export class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly sent: Array<[string, ...unknown[]]> = [];
  readonly webContents: EventEmitter & { getURL(): string; send(channel: string, ...args: unknown[]): void; mainFrame: object };
  url = '';
  destroyed = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    const wc = Object.assign(new EventEmitter(), {
      getURL: () => this.url,
      send: (channel: string, ...args: unknown[]) => void this.sent.push([channel, ...args]),
      mainFrame: {},
      setWindowOpenHandler: (h: Handler) => void Object.assign(wc, { openHandler: h }),
    });
    this.webContents = wc;
    FakeWindow.all.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  maximize(): void {}
  setFullScreen(): void {}
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: Number(this.options.width), height: Number(this.options.height) };
  }
  static getAllWindows(): FakeWindow[] {
    return FakeWindow.all.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeWindow | null {
    return FakeWindow.getAllWindows()[0] ?? null;
  }
  static fromWebContents(wc: unknown): FakeWindow | null {
    return FakeWindow.all.find((w) => w.webContents === wc) ?? null;
  }
}

export function createFakeElectron(appPath: string): FakeElectron {
  FakeWindow.all = [];
  const calls: string[] = [];
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));
  let isReady = false;
  const fake: FakeElectron = {
    module: {},
    calls,
    paths: {},
    schemes: [],
    protocols: new Map(),
    ipc: new Map(),
    windows: FakeWindow.all,
    menu: null,
    session: {},
    contentsCreated: [],
    app: Object.assign(new EventEmitter(), {
      ready: () => {
        isReady = true;
        readyResolve();
      },
      quit: () => undefined, // replaced below, once `app` exists
      quitCalls: 0,
    }),
    children: [],
    dialogAnswer: [],
    findItem(id) {
      const walk = (items: unknown[]): { click?: () => void } | undefined => {
        for (const it of items as Array<{ id?: string; submenu?: unknown[] }>) {
          if (it.id === id) return it as { click?: () => void };
          const inner = it.submenu ? walk(it.submenu) : undefined;
          if (inner) return inner;
        }
        return undefined;
      };
      return fake.menu ? walk(fake.menu.items) : undefined;
    },
  };
  const app = fake.app;
  Object.assign(app, {
    isPackaged: false,
    getAppPath: () => appPath,
    getVersion: () => '0.0.0-test',
    setName: (n: string) => calls.push(`app.setName ${n}`),
    setPath: (k: string, v: string) => {
      calls.push(`app.setPath ${k}`);
      fake.paths[k] = v;
    },
    getPath: (k: string) => fake.paths[k] ?? `/nonexistent/${k}`,
    setAppLogsPath: (p: string) => {
      calls.push('app.setAppLogsPath');
      fake.paths.logs = p;
    },
    enableSandbox: () => calls.push(`app.enableSandbox ready=${isReady}`),
    requestSingleInstanceLock: () => {
      calls.push('app.requestSingleInstanceLock');
      return true;
    },
    whenReady: () => readyPromise,
    isReady: () => isReady,
    quit: () => {
      app.quitCalls++;
      calls.push('app.quit');
      const e = { defaultPrevented: false, preventDefault: () => void (e.defaultPrevented = true) };
      app.emit('before-quit', e);
      if (!e.defaultPrevented) app.emit('will-quit');
    },
  });
  // Every window's web contents is announced the way Electron does, so main's hardening runs.
  const BrowserWindow = new Proxy(FakeWindow, {
    construct(target, args: [Record<string, unknown>]) {
      const w = new target(...args);
      fake.contentsCreated.push(w.webContents);
      app.emit('web-contents-created', {}, w.webContents);
      return w;
    },
  });
  fake.module = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (list: FakeElectron['schemes']) => {
        calls.push(`protocol.registerSchemesAsPrivileged ready=${isReady}`);
        fake.schemes.push(...list);
      },
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => void fake.protocols.set(scheme, h),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => void (fake.session.permission = h),
        setPermissionCheckHandler: (h: Handler) => void (fake.session.check = h),
        setDevicePermissionHandler: () => undefined,
        setDisplayMediaRequestHandler: () => undefined,
        on: () => undefined,
        webRequest: { onBeforeRequest: (filter: unknown, listener: Handler) => void (fake.session.blocked = { filter, listener }) },
      },
    },
    ipcMain: { handle: (ch: string, h: Handler) => void fake.ipc.set(ch, h) },
    Menu: {
      buildFromTemplate: (items: NonNullable<FakeElectron['menu']>['items']) => ({ items }),
      setApplicationMenu: (m: FakeElectron['menu']) => void (fake.menu = m),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showOpenDialog: async () => ({ canceled: fake.dialogAnswer.length === 0, filePaths: fake.dialogAnswer }),
      showMessageBox: async (o: unknown) => {
        calls.push(`dialog.showMessageBox ${JSON.stringify(o)}`);
        return { response: 0 };
      },
    },
    shell: { openPath: async () => '' },
    utilityProcess: {
      fork: (entry: string) => {
        const child = fork(SHIM, [entry], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        fake.children.push(child);
        const up = Object.assign(new EventEmitter(), {
          postMessage: (m: unknown) => void child.send(m as never),
          kill: () => child.kill(),
        });
        child.on('message', (m) => up.emit('message', m));
        child.once('exit', (code) => up.emit('exit', code ?? 0));
        return up;
      },
    },
  };
  return fake;
}
