/**
 * Gives the memory of buffers nothing will read again back now rather than at the next major
 * collection: a 12-MP photo leaves ~17 MB of them (file, working image, detector outputs), and
 * collecting them cost ~19 ms of a worker's CPU per photo. The buffers are detached: any later use
 * throws instead of reading freed memory. Views into a larger buffer (Node's pool) are left alone.
 */
/** ES2024's ArrayBuffer (Node 22 has it; the project's TypeScript lib predates it). */
type Es2024ArrayBuffer = ArrayBuffer & { readonly detached: boolean; transfer(length: number): ArrayBuffer };

export function freeNow(...views: Array<ArrayBufferView | undefined>): void {
  for (const v of views) {
    const buffer = v?.buffer as Es2024ArrayBuffer | undefined;
    if (!(buffer instanceof ArrayBuffer) || buffer.detached || v!.byteOffset !== 0 || v!.byteLength !== buffer.byteLength) continue;
    buffer.transfer(0);
  }
}
