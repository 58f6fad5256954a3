// Minimal QMP client: line-delimited JSON over QEMU's unix socket. Only what the harness needs (capabilities
// handshake, execute, wait for the reply); asynchronous events are skipped.
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError } from './util.js';

type Pending = { command: string; resolve: (v: unknown) => void; reject: (e: Error) => void };

export class QmpClient {
  private buffer = '';
  private readonly queue: Pending[] = [];
  private greeted: Promise<void>;

  private constructor(private readonly socket: Socket) {
    let onGreeting!: () => void;
    this.greeted = new Promise((resolve) => {
      onGreeting = resolve;
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (line) this.onMessage(JSON.parse(line) as Record<string, unknown>, onGreeting);
      }
    });
    const fail = (e: Error) => {
      for (const p of this.queue.splice(0)) p.reject(new HarnessError(`QMP ${p.command}: ${e.message}`));
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  /** Connects, retrying while QEMU has not created the socket yet. */
  static async connect(path: string, timeoutMs = 10_000): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = createConnection(path, () => resolve(s));
          s.once('error', reject);
        });
        const client = new QmpClient(socket);
        await client.greeted;
        await client.execute('qmp_capabilities');
        return client;
      } catch (e) {
        if (Date.now() > deadline) throw new HarnessError(`QMP connect ${path}: ${(e as Error).message}`);
        await sleep(50);
      }
    }
  }

  private onMessage(msg: Record<string, unknown>, onGreeting: () => void): void {
    if ('QMP' in msg) {
      onGreeting();
      return;
    }
    if ('event' in msg) return;
    const p = this.queue.shift();
    if (!p) return;
    if ('error' in msg) {
      const err = msg['error'] as { class?: string; desc?: string };
      p.reject(new HarnessError(`QMP ${p.command}: ${err.class ?? 'Error'}: ${err.desc ?? JSON.stringify(err)}`));
    } else {
      p.resolve(msg['return']);
    }
  }

  /** QMP answers commands in order, so a FIFO of pending replies is enough. */
  execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ command, resolve, reject });
      this.socket.write(`${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`);
    });
  }

  close(): void {
    this.socket.end();
  }
}
