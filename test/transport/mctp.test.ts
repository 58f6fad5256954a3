/**
 * CXL-over-MCTP and NVMe-MI-over-MCTP transports on a scripted AF_MCTP socket: addressing
 * (message type 08h / 07h / 04h, tag owner), reply matching (drop everything else), truncation,
 * timeouts with late replies, errno advice, and close.
 */
import { describe, expect, it } from 'vitest';
import { CxlNvmeError } from '../../src/errors.js';
import { CXL_MCTP_TIMEOUT_MS, openCxlMctp, openNvmeMiMctp } from '../../src/transport/mctp.js';
import { bytes, FakeSyscalls, hex, rejection, sysError } from './fake-syscalls.js';

const identifyReq = bytes(`
  00        // request
  05        // tag 5
  00
  01 00     // opcode 0001h Identify
  00 00 00  // no payload
  00 00 00 00
`);

function identifyRsp(tag = 5, payload: number[] = [0x86, 0x80, 0x0d, 0x0d]): Uint8Array {
  const h = [0x01, tag, 0, 0x01, 0x00, payload.length, 0, 0, 0, 0, 0, 0];
  return Uint8Array.from([...h, ...payload]);
}

const tick = () => new Promise((r) => setImmediate(r));

describe('CXL over MCTP', () => {
  it('sends the whole CCI message as type 08h with the tag-owner bit and returns the matching reply', async () => {
    const fake = new FakeSyscalls();
    const t = openCxlMctp({ syscalls: fake, net: 1, eid: 9 });
    expect(t.info).toEqual({ kind: 'cxl-mctp', device: 'mctp:1,9', maxPayload: 65536 + 16 - 12 });
    const p = t.submit(identifyReq);
    expect(fake.sent).toHaveLength(1);
    expect(hex(fake.sent[0]!.data)).toBe(hex(identifyReq));
    expect(fake.sent[0]!.addr).toEqual({ net: 1, eid: 9, type: 0x08, tag: 0, tagOwner: true });
    // Noise first: wrong tag, wrong opcode, another peer, a request from the peer, wrong type.
    fake.deliver({ eid: 9, type: 8, data: identifyRsp(6) });
    fake.deliver({ eid: 9, type: 8, data: Uint8Array.from([1, 5, 0, 0x02, 0x00, 0, 0, 0, 0, 0, 0, 0]) });
    fake.deliver({ eid: 10, type: 8, data: identifyRsp() });
    fake.deliver({ eid: 9, type: 8, data: identifyRsp(), tagOwner: true });
    fake.deliver({ eid: 9, type: 7, data: identifyRsp() });
    fake.deliver({ eid: 9, type: 8, data: Uint8Array.from([0, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]) }); // category request
    fake.deliver({ eid: 9, type: 8, data: identifyRsp() });
    expect(hex(await p)).toBe(hex(identifyRsp()));
    expect(t.dropped).toBe(6);
    expect(fake.watching).toBe(false); // nobody waits: no handle keeps the loop alive
  });

  it('FM-API commands go as message type 07h', async () => {
    const fake = new FakeSyscalls();
    const t = openCxlMctp({ syscalls: fake, eid: 8 });
    const req = bytes('00 01 00 00 51 00 00 00 00 00 00 00'); // 5100h Identify Switch Device
    const p = t.submit(req, { fmApi: true });
    expect(fake.sent[0]!.addr).toMatchObject({ net: 0, eid: 8, type: 0x07, tagOwner: true });
    fake.deliver({ eid: 8, net: 3, type: 7, data: bytes('01 01 00 00 51 00 00 00 00 00 00 00') });
    expect(hex(await p)).toBe('010100005100000000000000');
  });

  it('defaults to the 2 s CCI timeout and drops the late reply', async () => {
    expect(CXL_MCTP_TIMEOUT_MS).toBe(2000);
    const fake = new FakeSyscalls();
    const t = openCxlMctp({ syscalls: fake, eid: 9, defaultTimeoutMs: 20 });
    const err = await rejection(t.submit(identifyReq));
    expect(err.code).toBe('TRANSPORT_TIMEOUT');
    expect(err.context).toMatchObject({ eid: 9, opcode: 1, tag: 5, timeoutMs: 20 });
    // The late reply arrives with the next exchange: it is dropped, the new reply delivered.
    const p = t.submit(bytes('00 06 00 01 00 00 00 00 00 00 00 00'));
    fake.deliver({ eid: 9, type: 8, data: identifyRsp(5) });
    fake.deliver({ eid: 9, type: 8, data: identifyRsp(6) });
    expect((await p)[1]).toBe(6);
    expect(t.dropped).toBe(1);
    await t.close(); // nothing left running after a timeout
    expect(fake.closes).toEqual([10]);
  });

  it('a reply larger than the receive buffer rejects with TRANSPORT_TRUNCATED', async () => {
    const fake = new FakeSyscalls();
    const t = openCxlMctp({ syscalls: fake, eid: 9, maxMessage: 16 });
    const p = t.submit(identifyReq);
    fake.deliver({ eid: 9, type: 8, data: identifyRsp(5, Array(20).fill(1)) });
    await expect(p).rejects.toMatchObject({ code: 'TRANSPORT_TRUNCATED', context: { length: 32, maxMessage: 16 } });
  });

  it('a reply shorter than its header announces rejects with TRANSPORT_TRUNCATED', async () => {
    const fake = new FakeSyscalls();
    const t = openCxlMctp({ syscalls: fake, eid: 9 });
    const p = t.submit(identifyReq);
    const short = identifyRsp(5, [1, 2, 3, 4]);
    short[5] = 8; // says 8 payload bytes, carries 4
    fake.deliver({ eid: 9, type: 8, data: short });
    await expect(p).rejects.toMatchObject({ code: 'TRANSPORT_TRUNCATED', context: { plLength: 8 } });
  });

  it('EAFNOSUPPORT at open says the kernel lacks CONFIG_MCTP', () => {
    const fake = new FakeSyscalls();
    fake.mctpSocketError = sysError('EAFNOSUPPORT', 'socket');
    try {
      openCxlMctp({ syscalls: fake, eid: 9 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CxlNvmeError);
      expect((e as CxlNvmeError).code).toBe('EAFNOSUPPORT');
      expect((e as CxlNvmeError).layer).toBe('system');
      expect((e as CxlNvmeError).message).toMatch(/CONFIG_MCTP/);
    }
  });

  it('ENETUNREACH on send rejects with routing advice and leaves nothing waiting', async () => {
    const fake = new FakeSyscalls();
    fake.sendError = sysError('ENETUNREACH', 'sendto');
    const t = openCxlMctp({ syscalls: fake, net: 2, eid: 30 });
    const err = await rejection(t.submit(identifyReq));
    expect(err.code).toBe('ENETUNREACH');
    expect(err.message).toMatch(/no MCTP route/);
    expect(err.context).toMatchObject({ net: 2, eid: 30, type: 8 });
    expect(fake.watching).toBe(false);
  });

  it('a poll error fails the waiting exchange', async () => {
    const fake = new FakeSyscalls();
    const t = openCxlMctp({ syscalls: fake, eid: 9 });
    const p = t.submit(identifyReq);
    fake.pollError(sysError('EIO', 'poll'));
    await expect(p).rejects.toMatchObject({ code: 'EIO' });
  });

  it('rejects an invalid EID and short requests', async () => {
    const fake = new FakeSyscalls();
    expect(() => openCxlMctp({ syscalls: fake, eid: 0xff })).toThrow(expect.objectContaining({ code: 'USAGE' }));
    const t = openCxlMctp({ syscalls: fake, eid: 9 });
    await expect(t.submit(new Uint8Array(3))).rejects.toMatchObject({ code: 'CXL_SHORT_MESSAGE' });
    expect(fake.sent).toHaveLength(0);
  });

  it('close rejects the exchange in flight, closes the socket, then refuses new calls', async () => {
    const fake = new FakeSyscalls();
    const t = openCxlMctp({ syscalls: fake, eid: 9 });
    const p = t.submit(identifyReq);
    await tick();
    await t.close();
    await expect(p).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    expect(fake.closes).toEqual([10]);
    expect(fake.watching).toBe(false);
    await expect(t.submit(identifyReq)).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    expect(fake.sent).toHaveLength(1);
    await t.close();
    expect(fake.closes).toEqual([10]);
  });
});

describe('NVMe-MI over MCTP', () => {
  // NVMe-MI 1.2 §3.1.1 Figure 20: byte 0 IC|type, byte 1 ROR|NMIMT|CSI, bytes 2-3 reserved.
  const readNvmeMiDataStructure = bytes(`
    84           // MCTP type 04h with IC
    08           // ROR 0 (request), NMIMT 1 (MI command), CSI 0
    00 00
    00           // opcode 00h Read NVMe-MI Data Structure
    00 00 00
    00 00 00 00  // DW0
    00 00 00 00  // DW1
    11 22 33 44  // MIC (the caller's CRC-32C)
  `);

  it('sends the body without the type byte, type in the address, and returns type + reply', async () => {
    const fake = new FakeSyscalls();
    const t = openNvmeMiMctp({ syscalls: fake, net: 1, eid: 20 });
    expect(t.info).toMatchObject({ kind: 'nvme-mi-mctp', device: 'mctp:1,20' });
    const p = t.exchange(readNvmeMiDataStructure);
    expect(hex(fake.sent[0]!.data)).toBe(hex(readNvmeMiDataStructure.subarray(1)));
    expect(fake.sent[0]!.addr).toEqual({ net: 1, eid: 20, type: 0x84, tag: 0, tagOwner: true });
    fake.deliver({ eid: 20, type: 0x84, data: bytes('08 00 00 00') }); // ROR 0: a request, dropped
    fake.deliver({ eid: 20, type: 0x84, data: bytes('90 00 00 00') }); // NMIMT 2: another message type, dropped
    fake.deliver({ eid: 20, type: 0x84, data: bytes('88 00 00 00 00 01 02 03 aa bb cc dd') });
    expect(hex(await p)).toBe('84' + '880000000001020' + '3aabbccdd');
    expect(t.dropped).toBe(2);
  });

  it('refuses a message that is not NVMe-MI', async () => {
    const fake = new FakeSyscalls();
    const t = openNvmeMiMctp({ syscalls: fake, eid: 20 });
    await expect(t.exchange(bytes('08 00 00 00'))).rejects.toMatchObject({ code: 'USAGE' });
    expect(fake.sent).toHaveLength(0);
  });

  it('after More Processing Required, receive() returns the final reply even if it came first', async () => {
    const fake = new FakeSyscalls();
    const t = openNvmeMiMctp({ syscalls: fake, eid: 20 });
    await expect(t.receive()).rejects.toMatchObject({ code: 'USAGE' });
    const p = t.exchange(readNvmeMiDataStructure);
    // NVMe-MI 1.2 §4.2.1 minimal MPR response: ROR|NMIMT 1, reserved, status 01h, reserved, MPRT = 2 (200 ms), MIC.
    fake.deliver({ eid: 20, type: 0x84, data: bytes('88 00 00 01 00 02 00 de ad be ef') });
    expect((await p)[4]).toBe(0x01);
    // The final reply arrives before the requester asks for it: it must not be dropped.
    fake.deliver({ eid: 20, type: 0x84, data: bytes('88 00 00 00 00 00 00 11 22 33 44') });
    expect(hex(await t.receive({ timeoutMs: 100 }))).toBe('848800000000000011223344');
    expect(t.dropped).toBe(0);
    // Nothing more was promised.
    await expect(t.receive()).rejects.toMatchObject({ code: 'USAGE' });
    await t.close();
  });

  it('reserves a tag (SIOCMCTPALLOCTAG) that outlives the MPR reply, then drops it after the final reply', async () => {
    const fake = new FakeSyscalls();
    // The kernel grants tag 2 with owner (08h) and preallocated (10h) set: 1Ah.
    fake.onIoctl((c) => {
      expect(c.request).toBe(0x89e0);
      expect(c.sync).toBe(true);
      expect(Array.from(c.arg!)).toEqual([20, 0, 0, 0]); // peer_addr 20, tag out, flags 0
      c.arg![1] = 0x1a;
      return 0;
    });
    const dropped: number[][] = [];
    fake.onIoctl((c) => {
      expect(c.request).toBe(0x89e1);
      dropped.push(Array.from(c.arg!));
      return 0;
    });
    const t = openNvmeMiMctp({ syscalls: fake, eid: 20 });
    const p = t.exchange(readNvmeMiDataStructure);
    expect(fake.sent[0]!.addr).toMatchObject({ eid: 20, tag: 0x12, tagOwner: true }); // tag 2 | PREALLOC
    fake.deliver({ eid: 20, type: 0x84, data: bytes('88 00 00 01 00 01 00 00 00 00 00') });
    await p;
    expect(dropped).toEqual([]); // still reserved while the final reply is due
    fake.deliver({ eid: 20, type: 0x84, data: bytes('88 00 00 00 00 00 00 11 22 33 44') });
    await t.receive({ timeoutMs: 100 });
    expect(dropped).toEqual([[20, 0x1a, 0, 0]]);
    await t.close();
  });

  it('a second MPR re-arms the wait, and a silent device times out', async () => {
    const fake = new FakeSyscalls();
    const t = openNvmeMiMctp({ syscalls: fake, eid: 20 });
    const p = t.exchange(readNvmeMiDataStructure);
    fake.deliver({ eid: 20, type: 0x84, data: bytes('88 00 00 01 00 01 00 00 00 00 00') });
    await p;
    const r = t.receive({ timeoutMs: 100 });
    fake.deliver({ eid: 20, type: 0x84, data: bytes('88 00 00 01 00 01 00 00 00 00 00') });
    expect((await r)[4]).toBe(0x01);
    await expect(t.receive({ timeoutMs: 20 })).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    await t.close();
    expect(fake.watching).toBe(false);
  });

  it('times out after the NVMe-MI default unless told otherwise', async () => {
    const fake = new FakeSyscalls();
    const t = openNvmeMiMctp({ syscalls: fake, eid: 20 });
    await expect(t.exchange(readNvmeMiDataStructure, { timeoutMs: 10 })).rejects.toMatchObject({ code: 'TRANSPORT_TIMEOUT' });
    await t.close();
    expect(fake.closes).toEqual([10]);
  });
});
