export const USAGE = `Usage: kindred <command> [options]

Commands:
  import <folder...>   Catalogue the photos in the folders, find faces and group them into people.
                       Re-running an interrupted import resumes it.
  rescan [--library L] Look at every imported folder again: new and edited photos are analysed, moved
                       and renamed ones keep their faces and names, deleted ones become missing, and
                       folders on a disk that is not mounted go offline (nothing is lost).
  backup FILE          Copy the whole catalogue (photos, faces, people, every decision, settings) to
                       FILE, consistently even while the app runs; the old file or the new one, never
                       half (thumbnails and crops are made again from the photos when needed).
  restore FILE         Replace the catalogue by a backup made with backup (checked first).
  export DIR --person NAME [--xmp]
                       Copy a person's photos into DIR (originals, never overwriting); --xmp adds an
                       .xmp sidecar with the MWG face regions of the named faces to each.
  xmp-write [--library L] [--person NAME]
                       Write the MWG face regions of named faces to .xmp sidecars beside the photos
                       (an existing sidecar keeps everything else; photos are never written).
  reembed              Embed again the faces another embedder made (after a model change).
  faces                List faces.
  people               List people.
  libraries            List libraries.
  serve [--port N] [--open]
                       Serve the UI on 127.0.0.1 (port N, default any free one) and print a
                       one-time sign-in link; --open opens it in the browser. Ctrl+C stops.
                       The same port serves the local REST API (/api, /face/v1.0; API keys).
  api-key create NAME [--library L]
                       Create a key for the local REST API (printed once; --library limits it).
  api-key list         List keys (never their secrets).
  api-key revoke ID    Revoke a key.

Options:
  --data DIR           Catalogue folder (default: $KINDRED_DATA_DIR or the desktop app's data folder).
  --library NAME       Library to import into or list (created by import if new).
  --json               Machine-readable output on stdout.
  --person NAME        A person, by name (export, xmp-write).
  --xmp                With export: an XMP sidecar beside each exported photo.
  --models DIR         Folder of verified model files (default: the one \`npm run models\` fills).
  -h, --help           Show this help.
`;
