/** A small seedable PRNG (mulberry32) so scenarios, histories and fault injection are reproducible. */
export class Rng {
  private state: number;

  constructor(seed: number | string = Date.now()) {
    this.state = typeof seed === 'number' ? seed >>> 0 : Rng.hash(seed);
  }

  private static hash(text: string): number {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max]. */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max]. */
  int(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1 - 1e-9));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Normal distribution (Box-Muller). */
  normal(mean: number, stddev: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return (
      mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    );
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++)
      out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A version 4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Upper-case letters and digits, like CodeDeploy ids (`d-` + 9). */
  alnum(length: number): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let out = '';
    for (let i = 0; i < length; i++)
      out += chars[Math.floor(this.next() * chars.length)];
    return out;
  }

  digits(length: number): string {
    let out = String(1 + Math.floor(this.next() * 9));
    for (let i = 1; i < length; i++) out += Math.floor(this.next() * 10);
    return out;
  }
}
