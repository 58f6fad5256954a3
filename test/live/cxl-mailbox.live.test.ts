// TEMP probe (to be replaced)
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { it } from 'vitest';
import { Endpoint } from '../../src/api/cxl/index.js';
import { CxlMailboxTransport, openCxlMailbox } from '../../src/transport/cxl-mailbox.js';
import { nativeSyscalls } from '../../src/transport/native/syscalls.js';
import { toJSON } from '../../src/structs/index.js';
import { cxlMemdevBySerial, recordFixture } from './env.js';
import { dcd, memExpander } from './topology.js';

const out: string[] = [];
function log(s: string) { out.push(s); }
async function tryCall(label: string, f: () => Promise<unknown>) {
  try {
    const v = await f();
    log(`${label}: OK ${JSON.stringify(toJSON(v as never), (_k, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x))?.slice(0, 3000)}`);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    log(`${label}: ERR ${err.code} ${err.message?.slice(0, 300)}`);
  }
}

it('probe', async () => {
  for (const dev of [memExpander, dcd]) {
    const path = cxlMemdevBySerial(dev.serial);
    const t = await openCxlMailbox(path);
    log(`== ${path} serial ${dev.serial.toString(16)} payloadMax ${t.payloadMax}`);
    log(`commands ${JSON.stringify(t.commands)}`);
    const sys = nativeSyscalls();
    const fd = sys.open(path, constants.O_RDWR);
    const rawT = new CxlMailboxTransport(sys, fd, path, [], t.payloadMax, 60000);
    for (const [mode, tr] of [['ids', t], ['raw', rawT]] as const) {
      const ep = await Endpoint.open(tr, { probe: false });
      const p = (l: string, f: () => Promise<unknown>) => tryCall(`${mode} ${l}`, f);
      await p('identify', () => ep.identify());
      await p('memdevIdentify', () => ep.memdevIdentify());
      await p('getFwInfo', () => ep.getFwInfo());
      await p('getTimestamp', () => ep.getTimestamp());
      await p('getSupportedLogs', () => ep.getSupportedLogs());
      await p('cel', () => ep.getLogCel({ uuid: '0da9c0b5-bf41-4b78-8f79-96b1623b3f17', offset: 0, length: 26 * 4 }));
      await p('getSupportedFeatures', () => ep.getSupportedFeatures({ count: 256, startingFeatureIndex: 0 }));
      await p('partition', () => ep.memdevGetPartitionInfo());
      await p('getLsa', () => ep.memdevGetLsa({ offset: 0, length: 64 }));
      await p('health', () => ep.memdevGetHealthInfo());
      await p('alert', () => ep.memdevGetAlertConfig());
      await p('shutdown', () => ep.memdevGetShutdownState());
      await p('events info', () => ep.getEventRecords({ eventLog: 'informational' }));
      await p('events dc', () => ep.getEventRecords({ eventLog: 'dynamicCapacity' }));
      await p('poison', () => ep.getPoisonList({ getPoisonListPhyAddr: { cacheline: 0 }, getPoisonListPhyAddrLen: (512 * 1024 * 1024) / 64 }));
      await p('scancaps', () => ep.memdevGetScanMediaCapabilities({ getScanMediaCapabilitiesStartPhysaddr: 0, getScanMediaCapabilitiesPhysaddrLength: 4096 / 64 }));
      await p('security', () => ep.memdevGetSecurityState());
      await p('bgstatus', () => ep.backgroundStatus());
      await p('dcconfig', () => ep.memdevGetDcConfig({ regionCnt: 8, startRegionId: 0 }));
      await p('dcextents', () => ep.memdevGetDcExtentList({ extentCnt: 16, startExtentIdx: 0 }));
      await p('getResponseMsgLimit', () => ep.getResponseMsgLimit());
      await p('logcaps', () => ep.getLogCapabilities({ uuid: '0da9c0b5-bf41-4b78-8f79-96b1623b3f17' } as never));
      await p('eventIntPolicy', () => ep.getEventInterruptPolicy());
      await p('sanitize', () => ep.memdevSanitize());
      await p('setLsa same', async () => ep.memdevSetLsa({ offset: 0, data: new Uint8Array(8) }));
    }
  }
  for (const args of [['id-ctrl', '/dev/nvme0'], ['id-ns', '/dev/nvme0n1'], ['smart-log', '/dev/nvme0'], ['fw-log', '/dev/nvme0'], ['error-log', '/dev/nvme0'], ['list']]) {
    try {
      log(`nvme ${args.join(' ')}: ${execFileSync('nvme', [...args, '-o', 'json'], { encoding: 'utf8' }).slice(0, 6000)}`);
    } catch (e) { log(`nvme ${args}: ERR ${(e as Error).message}`); }
  }
  log(`nvme version: ${execFileSync('nvme', ['version'], { encoding: 'utf8' })}`);
  try { log(`qemu dpkg: ${execFileSync('dpkg-query', ['-W', '-f=${Version}', 'qemu-system-x86'], { encoding: 'utf8' })}`); } catch (e) { log(`dpkg ERR ${(e as Error).message}`); }
  recordFixture('probe.txt', out.join('\n'));
}, 120000);
