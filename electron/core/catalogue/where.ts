/** Collects optional SQL conditions and their parameters so list queries stay readable. */
export class Where {
  readonly #clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): this {
    this.#clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** `WHERE a AND b`, or an empty string when nothing was added. */
  toString(): string {
    return this.#clauses.length ? `WHERE ${this.#clauses.join(' AND ')}` : '';
  }
}
