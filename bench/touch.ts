/**
 * "Read every field": one function per struct that reads each field of a decoded value into an
 * int32 accumulator, written out field by field (a generic Object.values walk would cost more than
 * the decode). Used unchanged on the generated and the hand-written decoders' results.
 * Numbers are added; booleans count 1; bigints go through Number(); strings and byte views add
 * their length and last element (reading a character also flattens a rope string, as any real use
 * would).
 */
import type { EventRecord, GetEventRecordsRsp, IdCtrl, IdPsd, MemdevIdentifyRsp } from '../src/structs/index.js';

function str(s: string | number): number {
  // Enum fields are names, or numbers for values the table does not name.
  if (typeof s === 'number') return s;
  const n = s.length;
  return n === 0 ? 0 : n + s.charCodeAt(n - 1);
}

function bytes(b: Uint8Array): number {
  const n = b.length;
  return n === 0 ? 0 : n + b[n - 1]!;
}

function touchPsd(p: IdPsd, a: number): number {
  a = (a + p.mp) | 0;
  a = (a + (p.flags.mps ? 1 : 0) + (p.flags.nops ? 2 : 0)) | 0;
  a = (a + p.enlat) | 0;
  a = (a + p.exlat) | 0;
  a = (a + p.rrt) | 0;
  a = (a + p.rrl) | 0;
  a = (a + p.rwt) | 0;
  a = (a + p.rwl) | 0;
  a = (a + p.idlp) | 0;
  a = (a + p.ips) | 0;
  a = (a + p.actp) | 0;
  a = (a + p.apws) | 0;
  a = (a + p.epfrt) | 0;
  a = (a + p.fqvt) | 0;
  a = (a + p.epfvt) | 0;
  a = (a + p.epfrFqvTs) | 0;
  a = (a + p.epfvts) | 0;
  return a;
}

export function touchIdCtrl(c: IdCtrl, a: number): number {
  a = (a + c.vid) | 0;
  a = (a + c.ssvid) | 0;
  a = (a + str(c.sn)) | 0;
  a = (a + str(c.mn)) | 0;
  a = (a + str(c.fr)) | 0;
  a = (a + c.rab) | 0;
  a = (a + c.ieee) | 0;
  a = (a + c.cmic) | 0;
  a = (a + c.mdts) | 0;
  a = (a + c.cntlid) | 0;
  a = (a + c.ver) | 0;
  a = (a + c.rtd3r) | 0;
  a = (a + c.rtd3e) | 0;
  a = (a + c.oaes) | 0;
  a = (a + c.ctratt) | 0;
  a = (a + c.rrls) | 0;
  a = (a + c.bpcap) | 0;
  a = (a + c.nssl) | 0;
  a = (a + c.plsi) | 0;
  a = (a + str(c.cntrltype)) | 0;
  a = (a + str(c.fguid)) | 0;
  a = (a + c.crdt1) | 0;
  a = (a + c.crdt2) | 0;
  a = (a + c.crdt3) | 0;
  a = (a + c.crcap) | 0;
  a = (a + c.nvmsr) | 0;
  a = (a + c.vwci) | 0;
  a = (a + c.mec) | 0;
  a = (a + c.oacs) | 0;
  a = (a + c.acl) | 0;
  a = (a + c.aerl) | 0;
  a = (a + c.frmw) | 0;
  a = (a + c.lpa) | 0;
  a = (a + c.elpe) | 0;
  a = (a + c.npss) | 0;
  a = (a + c.avscc) | 0;
  a = (a + c.apsta) | 0;
  a = (a + c.wctemp) | 0;
  a = (a + c.cctemp) | 0;
  a = (a + c.mtfa) | 0;
  a = (a + c.hmpre) | 0;
  a = (a + c.hmmin) | 0;
  a = (a + Number(c.tnvmcap)) | 0;
  a = (a + Number(c.unvmcap)) | 0;
  a = (a + c.rpmbs) | 0;
  a = (a + c.edstt) | 0;
  a = (a + c.dsto) | 0;
  a = (a + c.fwug) | 0;
  a = (a + c.kas) | 0;
  a = (a + c.hctma) | 0;
  a = (a + c.mntmt) | 0;
  a = (a + c.mxtmt) | 0;
  a = (a + c.sanicap) | 0;
  a = (a + c.hmminds) | 0;
  a = (a + c.hmmaxd) | 0;
  a = (a + c.nsetidmax) | 0;
  a = (a + c.endgidmax) | 0;
  a = (a + c.anatt) | 0;
  a = (a + c.anacap) | 0;
  a = (a + c.anagrpmax) | 0;
  a = (a + c.nanagrpid) | 0;
  a = (a + c.pels) | 0;
  a = (a + c.domainid) | 0;
  a = (a + c.kpioc) | 0;
  a = (a + c.mptfawr) | 0;
  a = (a + Number(c.megcap)) | 0;
  a = (a + c.tmpthha) | 0;
  a = (a + c.cqt) | 0;
  a = (a + c.sqes) | 0;
  a = (a + c.cqes) | 0;
  a = (a + c.maxcmd) | 0;
  a = (a + c.nn) | 0;
  a = (a + c.oncs) | 0;
  a = (a + c.fuses) | 0;
  a = (a + c.fna) | 0;
  a = (a + c.vwc) | 0;
  a = (a + c.awun) | 0;
  a = (a + c.awupf) | 0;
  a = (a + c.icsvscc) | 0;
  a = (a + c.nwpc) | 0;
  a = (a + c.acwu) | 0;
  a = (a + c.ocfs) | 0;
  a = (a + c.sgls) | 0;
  a = (a + c.mnan) | 0;
  a = (a + Number(c.maxdna)) | 0;
  a = (a + c.maxcna) | 0;
  a = (a + c.oaqd) | 0;
  a = (a + c.rhiri) | 0;
  a = (a + c.hirt) | 0;
  a = (a + c.cmmrtd) | 0;
  a = (a + c.nmmrtd) | 0;
  a = (a + c.minmrtg) | 0;
  a = (a + c.maxmrtg) | 0;
  a = (a + c.trattr) | 0;
  a = (a + c.mcudmq) | 0;
  a = (a + c.mnsudmq) | 0;
  a = (a + c.mcmr) | 0;
  a = (a + c.nmcmr) | 0;
  a = (a + c.mcdqpc) | 0;
  a = (a + str(c.subnqn)) | 0;
  a = (a + c.ioccsz) | 0;
  a = (a + c.iorcsz) | 0;
  a = (a + c.icdoff) | 0;
  a = (a + c.fcatt) | 0;
  a = (a + c.msdbd) | 0;
  a = (a + c.ofcs) | 0;
  a = (a + c.dctype) | 0;
  const psd = c.psd;
  for (let i = 0; i < psd.length; i++) a = touchPsd(psd[i]!, a);
  a = (a + bytes(c.vs)) | 0;
  return a;
}

export function touchMemdevIdentifyRsp(m: MemdevIdentifyRsp, a: number): number {
  a = (a + str(m.fwRevision)) | 0;
  a = (a + Number(m.totalCapacity)) | 0;
  a = (a + Number(m.volatileCapacity)) | 0;
  a = (a + Number(m.persistentCapacity)) | 0;
  a = (a + Number(m.partitionAlign)) | 0;
  a = (a + m.infoEventLogSize) | 0;
  a = (a + m.warningEventLogSize) | 0;
  a = (a + m.failureEventLogSize) | 0;
  a = (a + m.fatalEventLogSize) | 0;
  a = (a + m.lsaSize) | 0;
  a = (a + m.poisonListMaxMer) | 0;
  a = (a + m.injectPoisonLimit) | 0;
  a = (a + (m.poisonCaps.injectsPersistentPoison ? 1 : 0) + (m.poisonCaps.scansForPoison ? 2 : 0)) | 0;
  a = (a + m.qosTelemetryCaps) | 0;
  a = (a + m.dcEventLogSize) | 0;
  return a;
}

function touchEventRecord(r: EventRecord, a: number): number {
  a = (a + str(r.uuid)) | 0;
  a = (a + r.length) | 0;
  const f = r.flags;
  a = (a + str(f.severity)) | 0;
  a =
    (a +
      (f.permanentCondition ? 1 : 0) +
      (f.maintenanceNeeded ? 2 : 0) +
      (f.performanceDegraded ? 4 : 0) +
      (f.hardwareReplacementNeeded ? 8 : 0) +
      (f.maintOpSubclassValid ? 16 : 0) +
      (f.ldIdValid ? 32 : 0) +
      (f.headIdValid ? 64 : 0)) |
    0;
  a = (a + r.handle) | 0;
  a = (a + r.relatedHandle) | 0;
  a = (a + Number(r.timestamp)) | 0;
  a = (a + r.maintOpClass) | 0;
  a = (a + r.maintOpSubclass) | 0;
  a = (a + r.ldId) | 0;
  a = (a + r.headId) | 0;
  a = (a + bytes(r.data)) | 0;
  return a;
}

export function touchGetEventRecordsRsp(g: GetEventRecordsRsp, a: number): number {
  a = (a + (g.flags.overflow ? 1 : 0) + (g.flags.moreRecords ? 2 : 0)) | 0;
  a = (a + g.overflowErrCount) | 0;
  a = (a + Number(g.firstOverflowTimestamp)) | 0;
  a = (a + Number(g.lastOverflowTimestamp)) | 0;
  a = (a + g.recordCount) | 0;
  const rs = g.records;
  for (let i = 0; i < rs.length; i++) a = touchEventRecord(rs[i]!, a);
  return a;
}
