// A Map over a shared, read-only base Map: reads fall through to the base, writes stay in this map.
// Every session's tables are overlays over the one seed (issue 12), so a session costs what it
// changed, not a copy of the data set; `ownEntries` is exactly that change.

export class OverlayMap<K, V> extends Map<K, V> {
  readonly #base: ReadonlyMap<K, V>;
  /** Keys of the base that this map deleted. */
  readonly #gone = new Set<K>();
  /** Keys held here that the base does not have. */
  #extra = 0;

  constructor(base: ReadonlyMap<K, V>) {
    super();
    this.#base = base;
  }

  override get(key: K): V | undefined {
    if (super.has(key)) return super.get(key);
    return this.#gone.has(key) ? undefined : this.#base.get(key);
  }

  override has(key: K): boolean {
    return super.has(key) || (!this.#gone.has(key) && this.#base.has(key));
  }

  override set(key: K, value: V): this {
    // Writing back the base's own record (an undo) makes the key unchanged again.
    if (this.#base.has(key) && this.#base.get(key) === value) {
      super.delete(key);
      this.#gone.delete(key);
      return this;
    }
    if (!super.has(key) && !this.#base.has(key)) this.#extra++;
    this.#gone.delete(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    const had = this.has(key);
    if (super.delete(key) && !this.#base.has(key)) this.#extra--;
    if (this.#base.has(key)) this.#gone.add(key);
    return had;
  }

  override clear(): void {
    super.clear();
    for (const key of this.#base.keys()) this.#gone.add(key);
    this.#extra = 0;
  }

  override get size(): number {
    return this.#base.size - this.#gone.size + this.#extra;
  }

  override *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.#base) {
      if (this.#gone.has(key)) continue;
      yield super.has(key) ? [key, super.get(key) as V] : [key, value];
    }
    for (const [key, value] of super.entries()) if (!this.#base.has(key)) yield [key, value];
  }

  override *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) fn.call(thisArg, value, key, this);
  }

  /** What differs from the base: written values, and `undefined` for deleted base keys. */
  *ownEntries(): Generator<[K, V | undefined]> {
    yield* super.entries();
    for (const key of this.#gone) yield [key, undefined];
  }

  /** Number of keys written or deleted here: the cost of this map over its base. */
  get ownSize(): number {
    return super.size + this.#gone.size;
  }
}
