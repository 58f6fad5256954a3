/**
 * The AF_MCTP socket layer shared by CXL (CCI 08h, FM-API 07h) and NVMe-MI (04h): one
 * non-blocking datagram socket, a readiness watcher on the event loop, and a dispatcher that hands
 * each received datagram to the first waiter whose matcher accepts it. Datagrams nobody waits for
 * (late replies after a timeout, replies to someone else) are dropped and counted.
 *
 * Requests go out with the tag-owner bit and no tag: the kernel allocates a tag and routes the
 * reply (same peer, same tag, TO clear) back to this socket (net/mctp/route.c), so no bind is
 * needed to be a requester.
 */
import { MCTP_TAG_MASK, MCTP_TAG_OWNER, MCTP_TAG_PREALLOC, SIOCMCTPALLOCTAG, SIOCMCTPDROPTAG } from '../../spec-tables/linux/mctp.js';
import { CxlNvmeError } from '../errors.js';
import { codecs } from '../structs/index.js';
import type { MctpAddress, MctpBindAddress, MctpDatagram, ReadableWatch, Syscalls } from './native/syscalls.js';
import { explained } from './native/explain.js';

export interface MctpSocketOptions {
  /** Largest datagram to receive; longer ones are reported truncated (default 64 KiB + 16). */
  readonly maxMessage?: number;
  /** Bind to receive requests (responder side); requesters need no bind. */
  readonly bind?: MctpBindAddress;
  /** Enable extended addressing (MCTP_OPT_ADDR_EXT): datagrams carry ifindex + haddr. */
  readonly addrExt?: boolean;
}

interface Waiter {
  readonly match: (d: MctpDatagram) => boolean;
  readonly resolve: (d: MctpDatagram) => void;
  readonly reject: (e: CxlNvmeError) => void;
}

export const DEFAULT_MAX_MESSAGE = 65536 + 16;

/** Advice for the errors an MCTP socket meets. */
export function mctpAdvice(code: string | undefined): string | undefined {
  switch (code) {
    case 'EAFNOSUPPORT':
      return 'this kernel has no AF_MCTP support: it needs CONFIG_MCTP (Linux 5.15+; not enabled in Debian kernels), plus a transport driver such as mctp-i2c or mctp-serial';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'no MCTP route to that endpoint: check the network id and EID (mctpd / `mctp route`)';
    case 'EADDRINUSE':
      return 'another socket is already bound to that MCTP message type on this network';
    case 'EACCES':
    case 'EPERM':
      return 'binding MCTP sockets needs CAP_NET_BIND_SERVICE-like privileges on some kernels: run as root';
    case 'EMSGSIZE':
      return 'the message exceeds what the MCTP route carries';
    case 'EBUSY':
    case 'EAGAIN':
      return 'no free MCTP tag for that peer right now: too many requests in flight';
    default:
      return undefined;
  }
}

export class MctpSocket {
  readonly maxMessage: number;
  /** Datagrams received that no waiter wanted. */
  dropped = 0;
  readonly #sys: Syscalls;
  readonly #fd: number;
  readonly #waiters: Waiter[] = [];
  #watch: ReadableWatch | undefined;
  #closed = false;

  private constructor(sys: Syscalls, fd: number, maxMessage: number) {
    this.#sys = sys;
    this.#fd = fd;
    this.maxMessage = maxMessage;
  }

  static open(sys: Syscalls, options: MctpSocketOptions = {}): MctpSocket {
    let fd: number;
    try {
      fd = sys.mctpSocket();
    } catch (e) {
      throw explained(e, 'socket(AF_MCTP, SOCK_DGRAM)', mctpAdvice((e as { code?: string }).code));
    }
    try {
      if (options.addrExt) sys.mctpSetAddrExt(fd, true);
      if (options.bind) sys.mctpBind(fd, options.bind);
    } catch (e) {
      try {
        sys.close(fd);
      } catch {
        // reporting the first failure
      }
      throw explained(e, 'AF_MCTP socket setup', mctpAdvice((e as { code?: string }).code), { ...options.bind });
    }
    return new MctpSocket(sys, fd, options.maxMessage ?? DEFAULT_MAX_MESSAGE);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Reserve a tag for requests to `eid` (SIOCMCTPALLOCTAG, Linux 5.19+). The kernel keeps such a tag
   * valid across several replies until dropTag(), which an exchange answered More Processing
   * Required needs: a kernel-allocated tag is released at the first reply. Returns the tag bits
   * (with MCTP_TAG_PREALLOC) to send with, or undefined when the kernel cannot reserve one; the
   * caller then lets the kernel allocate a tag per request.
   */
  allocTag(eid: number): number | undefined {
    const ctl = codecs.mctpIocTagCtl.encode({ peerAddr: eid });
    try {
      this.#sys.ioctlSync(this.#fd, SIOCMCTPALLOCTAG, ctl);
    } catch {
      return undefined;
    }
    return codecs.mctpIocTagCtl.decode(ctl).tag & (MCTP_TAG_MASK | MCTP_TAG_PREALLOC);
  }

  /** Release a tag from allocTag(). Best effort: closing the socket releases it too. */
  dropTag(eid: number, tag: number): void {
    try {
      // The kernel wants the tag as allocTag returned it: owner and preallocated bits set.
      const full = (tag & MCTP_TAG_MASK) | MCTP_TAG_OWNER | MCTP_TAG_PREALLOC;
      this.#sys.ioctlSync(this.#fd, SIOCMCTPDROPTAG, codecs.mctpIocTagCtl.encode({ peerAddr: eid, tag: full }));
    } catch {
      // The socket may be closing; the kernel drops its reserved tags with it.
    }
  }

  send(data: Uint8Array, addr: MctpAddress): void {
    try {
      const n = this.#sys.mctpSendTo(this.#fd, data, addr);
      if (n !== data.length)
        throw new CxlNvmeError('TRANSPORT_PROTOCOL', `MCTP sendto sent ${n} of ${data.length} bytes`, { sent: n, length: data.length });
    } catch (e) {
      if (e instanceof CxlNvmeError && e.layer !== 'system') throw e;
      throw explained(e, `MCTP send to net ${addr.net} eid ${addr.eid} type ${hex2(addr.type)}h`, mctpAdvice((e as { code?: string }).code), {
        net: addr.net,
        eid: addr.eid,
        type: addr.type,
      });
    }
  }

  /**
   * Resolve with the first datagram `match` accepts. The returned cancel function withdraws the
   * waiter (on timeout or abort) so a late datagram is dropped, not delivered, and rejects it.
   */
  receive(match: (d: MctpDatagram) => boolean): { promise: Promise<MctpDatagram>; cancel: () => void } {
    let waiter!: Waiter;
    const promise = new Promise<MctpDatagram>((resolve, reject) => {
      waiter = { match, resolve, reject };
    });
    if (this.#closed) {
      waiter.reject(new CxlNvmeError('TRANSPORT_CLOSED', 'MCTP socket is closed'));
      return { promise, cancel: () => {} };
    }
    this.#waiters.push(waiter);
    try {
      this.#updateWatch();
    } catch (e) {
      this.#waiters.pop();
      waiter.reject(explained(e, 'MCTP socket poll', undefined));
    }
    return {
      promise,
      cancel: () => {
        const i = this.#waiters.indexOf(waiter);
        if (i < 0) return;
        this.#waiters.splice(i, 1);
        this.#updateWatch();
        // Settle the withdrawn wait so the exchange that owned it finishes (close() waits for it).
        waiter.reject(new CxlNvmeError('TRANSPORT_ABORTED', 'MCTP receive withdrawn'));
      },
    };
  }

  /**
   * Watch the socket only while someone waits: an idle transport then keeps no handle on the
   * event loop, so an open-but-unused transport does not hold the process alive.
   */
  #updateWatch(): void {
    if (this.#waiters.length === 0) {
      this.#watch?.close();
      this.#watch = undefined;
      return;
    }
    if (this.#watch) return;
    this.#watch = this.#sys.watchReadable(this.#fd, (err) => {
      if (err) {
        this.#failAll(explained(err, 'MCTP socket poll', undefined));
        return;
      }
      this.#drain();
    });
  }

  #drain(): void {
    for (;;) {
      let d: MctpDatagram | null;
      try {
        d = this.#sys.mctpRecvFrom(this.#fd, this.maxMessage);
      } catch (e) {
        this.#failAll(explained(e, 'MCTP receive', mctpAdvice((e as { code?: string }).code)));
        return;
      }
      if (!d) return;
      const i = this.#waiters.findIndex((w) => w.match(d!));
      if (i < 0) {
        this.dropped++;
        continue;
      }
      const [w] = this.#waiters.splice(i, 1);
      w!.resolve(d);
      if (this.#waiters.length === 0) break;
    }
    this.#updateWatch();
  }

  #failAll(e: CxlNvmeError): void {
    for (const w of this.#waiters.splice(0)) w.reject(e);
    this.#updateWatch();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#watch?.close();
    this.#watch = undefined;
    this.#failAll(new CxlNvmeError('TRANSPORT_CLOSED', 'MCTP socket is closed'));
    try {
      this.#sys.close(this.#fd);
    } catch {
      // released regardless
    }
  }
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
