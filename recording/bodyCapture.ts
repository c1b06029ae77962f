import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * Keeps the first `limit` bytes of a body that streams past (the proxy never holds more), decoding
 * gzip, deflate or br on the side so that the HAR holds the text a client reads; the bytes that go
 * on to the other side are not touched.
 */
export class BodyCapture {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  /** Bytes of the body on the wire. */
  size = 0;
  truncated = false;
  private readonly decoder: Transform | null;
  private decoderDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    contentEncoding?: string,
  ) {
    const encoding = (contentEncoding ?? '').trim().toLowerCase();
    this.decoder =
      encoding === 'gzip' || encoding === 'x-gzip'
        ? createGunzip()
        : encoding === 'deflate'
          ? createInflate()
          : encoding === 'br'
            ? createBrotliDecompress()
            : null;
    if (this.decoder) {
      const decoder = this.decoder;
      decoder.on('data', (chunk: Buffer) => this.keep(chunk));
      this.decoderDone = new Promise((resolve) => {
        decoder.once('end', resolve);
        decoder.once('error', () => {
          this.truncated = true;
          resolve();
        });
        decoder.once('close', resolve);
      });
    }
  }

  add(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.decoder) {
      if (!this.decoder.destroyed) this.decoder.write(chunk);
    } else this.keep(chunk);
  }

  private keep(chunk: Buffer): void {
    if (this.truncated) return;
    const room = this.limit - this.kept;
    if (chunk.length > room) {
      this.truncated = true;
      if (room > 0) this.parts.push(chunk.subarray(0, room));
      this.kept = this.limit;
      // Decoding further would only be thrown away.
      this.decoder?.destroy();
      return;
    }
    this.parts.push(chunk);
    this.kept += chunk.length;
  }

  /** The kept bytes, once the body has ended. */
  async finish(): Promise<Buffer> {
    if (this.decoder && !this.decoder.destroyed) this.decoder.end();
    await this.decoderDone;
    return Buffer.concat(this.parts);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A body as HAR content: UTF-8 text as is, anything else base64 with `encoding: "base64"`. */
export function harText(bytes: Buffer): { text: string; encoding?: 'base64' } {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { text: bytes.toString('base64'), encoding: 'base64' };
  }
}
