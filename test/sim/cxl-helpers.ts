/** Helpers the CXL simulator tests share: return codes of refused commands, raw CCI exchanges. */
import { isCxlCommandError } from '../../src/errors.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/cxl/messages.js';
import type { SimCciDevice } from '../../src/transport/sim/cci-device.js';

/** The CXL return code a command was refused with, or 0 when it succeeded. */
export async function rcOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    if (isCxlCommandError(e)) return e.returnCode;
    throw e;
  }
}

/** Send a raw request (tag 7); return the decoded response header and payload. */
export async function raw(sim: SimCciDevice, opcode: number, payload?: Uint8Array, fmApi = false) {
  return decodeMessage(await sim.submit(encodeMessage({ category: 'request', tag: 7, opcode, payload }), { fmApi }));
}
