import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface TransportWatchOptions {
  /** How long a request body may go without a new byte while the mock waits for one; 0: no limit. */
  requestTimeoutMs: number;
  /** How long an answer may go without the client taking any of its bytes; 0: no limit. */
  writeTimeoutMs: number;
  /** Called when a request's body stalled for the request timeout. */
  onRequestTimeout(req: IncomingMessage): void;
  /** Called when an answer's writing stalled for the write timeout. */
  onWriteTimeout(res: ServerResponse): void;
}

interface Watched {
  socket: Socket;
  /** Bytes moved when last looked at: read from the client, or taken by the client. */
  progress: number;
  /** Time the client has been the one holding things up, since the last progress. */
  idleMs: number;
}

/**
 * Judges clients by what they do, not by how long the mock takes. A request body times out when no
 * byte of it arrives for the request timeout while the mock is ready to read (a socket the mock
 * paused, because it is busy parsing what came before, does not count against the client). An
 * answer times out when the client takes none of its bytes for the write timeout while some are
 * waiting to be sent. One timer per server looks at every watched request now and then, so a
 * timeout fires up to one check interval late.
 */
export class TransportWatch {
  private readonly receiving = new Map<IncomingMessage, Watched>();
  private readonly writing = new Map<ServerResponse, Watched>();
  private readonly timer: NodeJS.Timeout | null;
  private last = performance.now();

  constructor(private readonly options: TransportWatchOptions) {
    const shortest = Math.min(...[options.requestTimeoutMs, options.writeTimeoutMs].filter((ms) => ms > 0));
    this.timer = Number.isFinite(shortest)
      ? setInterval(() => this.check(), Math.min(1_000, Math.max(20, Math.floor(shortest / 4))))
      : null;
    this.timer?.unref();
  }

  /** Watches a request's body until it has arrived in full or the request closed. */
  receive(req: IncomingMessage): void {
    if (this.options.requestTimeoutMs === 0 || req.complete) return;
    this.receiving.set(req, { socket: req.socket, progress: req.socket.bytesRead, idleMs: 0 });
    // `on`, not `once`: each fires at most once per request, and `once` wraps and later removes its listener.
    const forget = () => this.receiving.delete(req);
    req.on('end', forget);
    req.on('close', forget);
  }

  /** Watches an answer from its first byte until it is written or its connection closed. */
  write(res: ServerResponse): void {
    if (this.options.writeTimeoutMs === 0 || !res.socket) return;
    this.writing.set(res, { socket: res.socket, progress: sentBytes(res.socket), idleMs: 0 });
    const forget = () => this.writing.delete(res);
    res.on('finish', forget);
    res.on('close', forget);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.receiving.clear();
    this.writing.clear();
  }

  private check(): void {
    const now = performance.now();
    const elapsed = now - this.last;
    this.last = now;
    for (const [req, watched] of this.receiving) {
      const read = watched.socket.bytesRead;
      if (read !== watched.progress) {
        watched.progress = read;
        watched.idleMs = 0;
      } else if (!watched.socket.isPaused()) {
        // The mock is ready for more and none came: that is the client's time.
        watched.idleMs += elapsed;
        if (watched.idleMs >= this.options.requestTimeoutMs) {
          this.receiving.delete(req);
          this.options.onRequestTimeout(req);
        }
      }
    }
    for (const [res, watched] of this.writing) {
      const sent = sentBytes(watched.socket);
      if (sent !== watched.progress) {
        watched.progress = sent;
        watched.idleMs = 0;
      } else if (watched.socket.writableLength > 0) {
        // Bytes are waiting for the client and it took none of them.
        watched.idleMs += elapsed;
        if (watched.idleMs >= this.options.writeTimeoutMs) {
          this.writing.delete(res);
          this.options.onWriteTimeout(res);
        }
      }
    }
  }
}

/**
 * Bytes the operating system has taken from the socket: `bytesWritten` counts what is still queued
 * in Node too, and `writableLength` is exactly that queue.
 */
function sentBytes(socket: Socket): number {
  return (socket.bytesWritten ?? 0) - socket.writableLength;
}
