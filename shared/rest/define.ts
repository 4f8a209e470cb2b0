import type { z } from 'zod';
import type { OpInput, OpName, OpOutput } from '../contract.ts';
import type { LibraryId } from '../ids.ts';
import { MAX_DETECT_BYTES } from '../domain/face-api.ts';

// The local REST API is a set of routes over the one operation map: each route parses the HTTP
// request with its own schemas (the reference APIs' field names), calls operations through `invoke`,
// and shapes the reply. No route reaches the catalogue any other way, so there is no second
// implementation of anything. The host (electron/host/api) adds keys, library scope, errors and the
// OpenAPI document, all from these declarations.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Which reference API a route follows: it decides the auth headers and the error envelope. */
export type RestApi = 'photo' | 'identity' | 'face';

/**
 * How a request body arrives. `maxBytes` bounds it (the host refuses more with 413 before reading it
 * all); left out, JSON bodies may be 256 KB and uploads 25 MB.
 */
export type RestBody<B extends z.ZodType = z.ZodType> =
  | { kind: 'json'; schema: B; maxBytes?: number }
  /** Raw image bytes (application/octet-stream), or else JSON matching `schema` when that is given. */
  | { kind: 'image'; schema?: B; maxBytes?: number }
  /** multipart/form-data with one file field. */
  | { kind: 'multipart'; field: string; maxBytes?: number };

/** Default body limits: JSON carries ids, names and boxes; an upload is one image (a 50-MP JPEG fits). */
export const MAX_JSON_BYTES = 256 * 1024;
export const MAX_UPLOAD_BYTES = MAX_DETECT_BYTES;

export const bodyLimitOf = (b: RestBody | undefined): number => b?.maxBytes ?? (b && b.kind !== 'json' ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES);

/** Bytes that came as application/octet-stream or as the multipart file field. */
export interface Upload {
  bytes: Uint8Array;
  /** The Content-Type the client claimed (checked against the bytes by the operation, never trusted). */
  mime: string | null;
}

/** Image bytes sent back as they are (not JSON). */
export interface RestBinary {
  $binary: true;
  mime: string;
  bytes: Uint8Array;
}

export const binary = (mime: string, bytes: Uint8Array): RestBinary => ({ $binary: true, mime, bytes });

export function isBinary(v: unknown): v is RestBinary {
  return typeof v === 'object' && v !== null && (v as RestBinary).$binary === true;
}

/** A JSON reply with response headers beside it (the cloud API's Operation-Location). */
export interface RestWithHeaders {
  $headers: Record<string, string>;
  body: unknown;
}

export const withHeaders = (body: unknown, headers: Record<string, string>): RestWithHeaders => ({ $headers: headers, body });

export function hasHeaders(v: unknown): v is RestWithHeaders {
  return typeof v === 'object' && v !== null && typeof (v as RestWithHeaders).$headers === 'object';
}

export type Invoke = <K extends OpName>(op: K, input: OpInput<K>) => Promise<OpOutput<K>>;

export interface RestRequest<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  /** The JSON body parsed with the route's schema (undefined when bytes came instead). */
  body: B;
  /** Bytes of an image or multipart body; null for JSON. */
  upload: Upload | null;
  /** The library the API key is limited to; null for a key that may use every library. */
  scope: LibraryId | null;
  /** Absolute origin of this server (`http://127.0.0.1:7879`), for URLs in replies. */
  origin: string;
}

export interface RestRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  api: RestApi;
  method: HttpMethod;
  /** OpenAPI style: `/api/faces/{face_id}`. */
  path: string;
  summary: string;
  /** What it does beyond the summary, and how it maps onto Kindred (goes into the OpenAPI document). */
  description?: string;
  /** The operations `handle` calls: documentation, and a test checks each one exists. */
  ops: readonly OpName[];
  params?: P;
  query?: Q;
  body?: RestBody<B>;
  /** Schema of a successful reply (JSON), or 'binary' for image bytes. */
  response: z.ZodType | 'binary';
  /** HTTP status on success (default 200). */
  status?: number;
  /** Returns the reply body (JSON), a RestBinary, or undefined for an empty reply. */
  handle(req: RestRequest<z.output<P>, z.output<Q>, z.output<B>>, invoke: Invoke): Promise<unknown>;
}

/** Declare a route with its param, query and body types flowing into `handle`. */
export function route<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUnknown>(r: RestRoute<P, Q, B>): RestRoute {
  return r as unknown as RestRoute;
}
