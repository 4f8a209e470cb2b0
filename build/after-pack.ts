// electron-builder afterPack hook: flip the Electron fuses that matter for a release, then read
// them back and fail the build if the binary does not say what we asked. Runs after the app and
// its asar integrity data are in place and before signing (flipping after signing would break the
// signature). Loaded by electron-builder through its TypeScript loader (jiti).
import { join } from 'node:path';
import { flipFuses, FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

/** Each fuse we set, and why. Fuses not listed keep Electron's default. */
export const RELEASE_FUSES: Partial<Record<FuseV1Options, boolean>> = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS key store.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload arbitrary code into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger into main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar must match the hash recorded at build time (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Load the app only from app.asar, never from a loose resources/app folder someone dropped in.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Kindred never uses file:// pages; do not give file:// the extra privileges it has by default.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The file that holds the fuse wire for this platform's packaged app. */
export function electronBinary(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const packager = context.packager as unknown as { appInfo: { productFilename: string }; executableName?: string };
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(context.appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return join(context.appOutDir, packager.executableName ?? packager.appInfo.productFilename);
  }
}

export async function flipReleaseFuses(binary: string, platform: string, arch: string): Promise<Record<string, string>> {
  const config = {
    version: FuseVersion.V1,
    // Flipping bytes invalidates the ad-hoc signature Apple-silicon binaries need to launch at all.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    ...RELEASE_FUSES,
  } as FuseV1Config;
  await flipFuses(binary, config);
  const wire = await getCurrentFuseWire(binary);
  const state: Record<string, string> = {};
  for (const [key, want] of Object.entries(RELEASE_FUSES)) {
    const option = Number(key) as FuseV1Options;
    const got = (wire as unknown as Record<number, FuseState | undefined>)[option];
    const name = FuseV1Options[option];
    state[name] = got === undefined ? 'absent' : FuseState[got];
    // A fuse this Electron removed is a no-op, not an error.
    const ok = got === (want ? FuseState.ENABLE : FuseState.DISABLE) || got === FuseState.REMOVED;
    if (!ok) throw new Error(`fuse ${name} is ${state[name]} after flipping, expected ${want ? 'ENABLE' : 'DISABLE'}`);
  }
  return state;
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const binary = electronBinary(context);
  const arch = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'][context.arch] ?? String(context.arch);
  const state = await flipReleaseFuses(binary, context.electronPlatformName, arch);
  console.log(`  • fuses set on ${binary}: ${Object.entries(state).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
