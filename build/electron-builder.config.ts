// electron-builder configuration: `npm run dist` (see build/README.md).
// Loaded by electron-builder's TypeScript loader (jiti) and by build/check-config.ts.
import type { Configuration } from 'electron-builder';
import afterPack from './after-pack.ts';
import { getModel } from '../models/manifest.ts';
import { REQUIRED_MODELS } from '../electron/core/startup-check.ts';

/** The model files the app cannot run without; verified by sha256 at every start. */
export const BUNDLED_MODEL_FILES = REQUIRED_MODELS.map((id) => getModel(id).file);

// Native modules load .node files (and, for onnxruntime and sharp, shared libraries beside them)
// that the OS must open from a real path, so they live outside app.asar.
export const ASAR_UNPACK = [
  '**/*.node',
  'node_modules/better-sqlite3/**',
  'node_modules/onnxruntime-node/bin/**',
  'node_modules/sharp/**',
  'node_modules/@img/**',
  'node_modules/usearch/**',
  // ffmpeg and ffprobe are programs the core starts: they must be real executable files
  // (build/VIDEO-LICENCES.md: what shipping these GPL programs requires).
  'node_modules/@ffmpeg-installer/**',
  'node_modules/@ffprobe-installer/**',
];

// Other platforms' prebuilt binaries, native sources, and packages the desktop app never loads
// (the renderer is bundled by Vite; zod, exifr and file-type are bundled into dist/electron; the
// HTTP host's fastify is not part of the app).
const NOT_SHIPPED = [
  '!**/*.map',
  '!node_modules/better-sqlite3/{deps,src,docs}/**',
  '!node_modules/usearch/{c,cpp,cmake,numkong,include,javascript/*.cpp}/**',
  '!node_modules/onnxruntime-node/script/**',
  '!node_modules/{react,react-dom,zustand,@tanstack,fastify,@fastify,zod,exifr,file-type}/**',
];

// Prebuilt binaries for other operating systems and CPUs. Packages are built on the machine they
// are for (sharp's platform binaries are optional dependencies installed for the host only), so
// "other" means "not the host". They live in the top-level `files`: electron-builder normalises
// top-level `files` into a file set, and a platform-level `files` holding only exclusions would
// turn into "everything except these".
export function otherTargets(platform: NodeJS.Platform, arch: string): string[] {
  const platforms = (['linux', 'darwin', 'win32'] as const).filter((p) => p !== platform);
  const arches = ['x64', 'arm64', 'ia32'].filter((a) => a !== arch);
  return [
    // Electron is a glibc program on Linux: musl builds never load in it.
    '!node_modules/better-sqlite3/prebuilds/linuxmusl-*',
    ...platforms.flatMap((p) => [`!node_modules/onnxruntime-node/bin/napi-v*/${p}/**`, `!node_modules/better-sqlite3/prebuilds/${p}*`, `!node_modules/usearch/prebuilds/${p}*/**`]),
    ...arches.flatMap((a) => [`!node_modules/onnxruntime-node/bin/napi-v*/${platform}/${a}/**`, `!node_modules/better-sqlite3/prebuilds/*-${a}.node`, `!node_modules/usearch/prebuilds/${platform}-${a}/**`]),
  ];
}

const config: Configuration = {
  appId: 'app.kindred.desktop',
  productName: 'Kindred',
  copyright: 'Copyright © Kindred contributors',
  directories: { output: 'dist/packages', buildResources: 'build' },
  // Only the built app: main/preload/core bundles, the renderer, and package.json ("main").
  files: ['package.json', 'dist/electron/**', 'dist/renderer/**', ...NOT_SHIPPED, ...otherTargets(process.platform, process.arch)],
  extraResources: [{ from: 'models/cache', to: 'models', filter: BUNDLED_MODEL_FILES }],
  asar: true,
  asarUnpack: ASAR_UNPACK,
  // better-sqlite3 13, onnxruntime-node, sharp and usearch are all N-API modules with prebuilt
  // binaries: one binary works in every Node-API runtime, Electron included, so nothing is rebuilt
  // against Electron's headers (no compiler toolchain, no download of Electron headers).
  npmRebuild: false,
  buildDependenciesFromSource: false,
  nodeGypRebuild: false,
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'kindred',
    icon: 'build/icons',
    category: 'Graphics',
    synopsis: 'A people-first photo library',
    description: 'Kindred catalogues your photos, finds every face and groups them into people, all on your own computer.',
    maintainer: 'Kindred contributors <kindred@example.invalid>',
  },
  deb: { depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'] },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  mac: {
    target: ['dmg'],
    icon: 'build/icons/1024x1024.png',
    category: 'public.app-category.photography',
    hardenedRuntime: true,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  win: {
    target: ['nsis'],
    icon: 'build/icons/256x256.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },
};

export default config;
