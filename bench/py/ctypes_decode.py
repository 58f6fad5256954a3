"""ctypes baseline for the codec benchmark (run by bench/codec.bench.ts; stdlib only).

"Decode" is what the Python bindings of libcxlmi and xNVMe do: `from_buffer_copy` of a
`ctypes.LittleEndianStructure` with `_pack_ = 1`, then read every field. Reads stay as cheap as
ctypes allows: strings are the trimmed `bytes` a c_char array gives (no str decode), enums stay
ints, UUIDs stay 16 raw bytes, byte fields are ctypes array views; the 128-bit and 24-bit fields
are turned into ints (the only way to use them). So this is, if anything, less work than the
JavaScript decoders do.

usage: ctypes_decode.py idctrl.bin memdev.bin events.bin round_ms [wall|cpu]
(clock: time.perf_counter_ns by default, time.process_time_ns with "cpu")
prints "check <struct> <digest>" for each struct, calibrates, prints "ready", then answers each
"round <struct>" line on stdin with "round <struct> <ns/op> <ops in the round>" until stdin ends.
"""
import ctypes as C
import sys
import time

LE = C.LittleEndianStructure


class IdPsd(LE):
    _pack_ = 1
    _fields_ = [
        ("mp", C.c_uint16), ("rsvd2", C.c_uint8),
        ("mps", C.c_uint8, 1), ("nops", C.c_uint8, 1), ("rsvd3", C.c_uint8, 6),
        ("enlat", C.c_uint32), ("exlat", C.c_uint32),
        ("rrt", C.c_uint8), ("rrl", C.c_uint8), ("rwt", C.c_uint8), ("rwl", C.c_uint8),
        ("idlp", C.c_uint16), ("ips", C.c_uint8), ("rsvd19", C.c_uint8), ("actp", C.c_uint16),
        ("apws", C.c_uint8), ("epfrt", C.c_uint8), ("fqvt", C.c_uint8), ("epfvt", C.c_uint8),
        ("epfr_fqv_ts", C.c_uint8), ("epfvts", C.c_uint8), ("rsvd28", C.c_uint8 * 4),
    ]


u8, u16, u32, u64 = C.c_uint8, C.c_uint16, C.c_uint32, C.c_uint64


class IdCtrl(LE):
    _pack_ = 1
    _fields_ = [
        ("vid", u16), ("ssvid", u16), ("sn", C.c_char * 20), ("mn", C.c_char * 40), ("fr", C.c_char * 8),
        ("rab", u8), ("ieee", u8 * 3), ("cmic", u8), ("mdts", u8), ("cntlid", u16),
        ("ver", u32), ("rtd3r", u32), ("rtd3e", u32), ("oaes", u32), ("ctratt", u32),
        ("rrls", u16), ("bpcap", u8), ("rsvd103", u8), ("nssl", u32), ("rsvd108", u8 * 2),
        ("plsi", u8), ("cntrltype", u8), ("fguid", u8 * 16),
        ("crdt1", u16), ("crdt2", u16), ("crdt3", u16), ("crcap", u8), ("rsvd135", u8 * 118),
        ("nvmsr", u8), ("vwci", u8), ("mec", u8), ("oacs", u16),
        ("acl", u8), ("aerl", u8), ("frmw", u8), ("lpa", u8), ("elpe", u8), ("npss", u8), ("avscc", u8), ("apsta", u8),
        ("wctemp", u16), ("cctemp", u16), ("mtfa", u16), ("hmpre", u32), ("hmmin", u32),
        ("tnvmcap", u8 * 16), ("unvmcap", u8 * 16), ("rpmbs", u32), ("edstt", u16), ("dsto", u8), ("fwug", u8),
        ("kas", u16), ("hctma", u16), ("mntmt", u16), ("mxtmt", u16), ("sanicap", u32), ("hmminds", u32),
        ("hmmaxd", u16), ("nsetidmax", u16), ("endgidmax", u16), ("anatt", u8), ("anacap", u8),
        ("anagrpmax", u32), ("nanagrpid", u32), ("pels", u32), ("domainid", u16), ("kpioc", u8), ("rsvd359", u8),
        ("mptfawr", u16), ("rsvd362", u8 * 6), ("megcap", u8 * 16), ("tmpthha", u8), ("rsvd385", u8), ("cqt", u16),
        ("rsvd388", u8 * 124),
        ("sqes", u8), ("cqes", u8), ("maxcmd", u16), ("nn", u32), ("oncs", u16), ("fuses", u16), ("fna", u8), ("vwc", u8),
        ("awun", u16), ("awupf", u16), ("icsvscc", u8), ("nwpc", u8), ("acwu", u16), ("ocfs", u16), ("sgls", u32),
        ("mnan", u32), ("maxdna", u8 * 16), ("maxcna", u32), ("oaqd", u32), ("rhiri", u8), ("hirt", u8),
        ("cmmrtd", u16), ("nmmrtd", u16), ("minmrtg", u8), ("maxmrtg", u8), ("trattr", u8), ("rsvd577", u8),
        ("mcudmq", u16), ("mnsudmq", u16), ("mcmr", u16), ("nmcmr", u16), ("mcdqpc", u16), ("rsvd588", u8 * 180),
        ("subnqn", C.c_char * 256), ("rsvd1024", u8 * 768),
        ("ioccsz", u32), ("iorcsz", u32), ("icdoff", u16), ("fcatt", u8), ("msdbd", u8), ("ofcs", u16), ("dctype", u8),
        ("rsvd1807", u8 * 241), ("psd", IdPsd * 32), ("vs", u8 * 1024),
    ]


class MemdevIdentifyRsp(LE):
    _pack_ = 1
    _fields_ = [
        ("fw_revision", C.c_char * 16), ("total_capacity", u64), ("volatile_capacity", u64),
        ("persistent_capacity", u64), ("partition_align", u64),
        ("info_event_log_size", u16), ("warning_event_log_size", u16), ("failure_event_log_size", u16),
        ("fatal_event_log_size", u16), ("lsa_size", u32), ("poison_list_max_mer", u8 * 3),
        ("inject_poison_limit", u16),
        ("injects_persistent_poison", u8, 1), ("scan_media_supported", u8, 1), ("rsvd65", u8, 6),
        ("qos_telemetry_caps", u8), ("dc_event_log_size", u16),
    ]


class EventRecord(LE):
    _pack_ = 1
    _fields_ = [
        ("uuid", u8 * 16), ("length", u8),
        ("severity", u8, 2), ("permanent_condition", u8, 1), ("maintenance_needed", u8, 1),
        ("performance_degraded", u8, 1), ("hardware_replacement_needed", u8, 1),
        ("maint_op_subclass_valid", u8, 1), ("ld_id_valid", u8, 1),
        ("head_id_valid", u8, 1), ("rsvd18", u8, 7), ("rsvd19", u8),
        ("handle", u16), ("related_handle", u16), ("timestamp", u64),
        ("maint_op_class", u8), ("maint_op_subclass", u8), ("ld_id", u16), ("head_id", u8),
        ("rsvd37", u8 * 11), ("data", u8 * 80),
    ]


class GetEventRecordsRsp(LE):
    _pack_ = 1
    _fields_ = [
        ("overflow", u8, 1), ("more_records", u8, 1), ("rsvd0", u8, 6), ("rsvd1", u8),
        ("overflow_err_count", u16), ("first_overflow_timestamp", u64), ("last_overflow_timestamp", u64),
        ("record_count", u16), ("rsvd22", u8 * 10),
    ]


for t, n in ((IdPsd, 32), (IdCtrl, 4096), (MemdevIdentifyRsp, 69), (EventRecord, 128), (GetEventRecordsRsp, 32)):
    assert C.sizeof(t) == n, (t.__name__, C.sizeof(t))

EVENT_RECORDS_CACHE = {}


def records_type(n):
    t = EVENT_RECORDS_CACHE.get(n)
    if t is None:
        t = EVENT_RECORDS_CACHE[n] = EventRecord * n
    return t


def u128(x):
    return int.from_bytes(bytes(x), "little")


def u24(x):
    return x[0] | (x[1] << 8) | (x[2] << 16)


def slen(b):
    n = len(b)
    return n + b[n - 1] if n else 0


# --- timed decoders -----------------------------------------------------------------------------


def decode_id_ctrl(buf):
    c = IdCtrl.from_buffer_copy(buf)
    a = c.vid + c.ssvid
    a += slen(c.sn.rstrip(b" "))
    a += slen(c.mn.rstrip(b" "))
    a += slen(c.fr.rstrip(b" "))
    a += c.rab + u24(c.ieee) + c.cmic + c.mdts + c.cntlid + c.ver + c.rtd3r + c.rtd3e + c.oaes + c.ctratt
    a += c.rrls + c.bpcap + c.nssl + c.plsi + c.cntrltype
    a += len(bytes(c.fguid))
    a += c.crdt1 + c.crdt2 + c.crdt3 + c.crcap + c.nvmsr + c.vwci + c.mec + c.oacs
    a += c.acl + c.aerl + c.frmw + c.lpa + c.elpe + c.npss + c.avscc + c.apsta
    a += c.wctemp + c.cctemp + c.mtfa + c.hmpre + c.hmmin + u128(c.tnvmcap) + u128(c.unvmcap)
    a += c.rpmbs + c.edstt + c.dsto + c.fwug + c.kas + c.hctma + c.mntmt + c.mxtmt + c.sanicap + c.hmminds
    a += c.hmmaxd + c.nsetidmax + c.endgidmax + c.anatt + c.anacap + c.anagrpmax + c.nanagrpid + c.pels
    a += c.domainid + c.kpioc + c.mptfawr + u128(c.megcap) + c.tmpthha + c.cqt
    a += c.sqes + c.cqes + c.maxcmd + c.nn + c.oncs + c.fuses + c.fna + c.vwc + c.awun + c.awupf
    a += c.icsvscc + c.nwpc + c.acwu + c.ocfs + c.sgls + c.mnan + u128(c.maxdna) + c.maxcna + c.oaqd
    a += c.rhiri + c.hirt + c.cmmrtd + c.nmmrtd + c.minmrtg + c.maxmrtg + c.trattr
    a += c.mcudmq + c.mnsudmq + c.mcmr + c.nmcmr + c.mcdqpc
    a += slen(c.subnqn)
    a += c.ioccsz + c.iorcsz + c.icdoff + c.fcatt + c.msdbd + c.ofcs + c.dctype
    for p in c.psd:
        a += p.mp + p.mps + p.nops + p.enlat + p.exlat + p.rrt + p.rrl + p.rwt + p.rwl + p.idlp + p.ips
        a += p.actp + p.apws + p.epfrt + p.fqvt + p.epfvt + p.epfr_fqv_ts + p.epfvts
    vs = c.vs
    a += len(vs) + vs[-1]
    return a


def decode_memdev_identify(buf):
    m = MemdevIdentifyRsp.from_buffer_copy(buf)
    a = slen(m.fw_revision)
    a += m.total_capacity + m.volatile_capacity + m.persistent_capacity + m.partition_align
    a += m.info_event_log_size + m.warning_event_log_size + m.failure_event_log_size + m.fatal_event_log_size
    a += m.lsa_size + u24(m.poison_list_max_mer) + m.inject_poison_limit
    a += m.injects_persistent_poison + m.scan_media_supported + m.qos_telemetry_caps + m.dc_event_log_size
    return a


def decode_event_records(buf):
    h = GetEventRecordsRsp.from_buffer_copy(buf)
    n = h.record_count
    rs = records_type(n).from_buffer_copy(buf, 32)
    a = h.overflow + h.more_records + h.overflow_err_count + h.first_overflow_timestamp
    a += h.last_overflow_timestamp + n
    for r in rs:
        a += len(bytes(r.uuid)) + r.length + r.severity + r.permanent_condition + r.maintenance_needed
        a += r.performance_degraded + r.hardware_replacement_needed + r.maint_op_subclass_valid
        a += r.ld_id_valid + r.head_id_valid + r.handle + r.related_handle + r.timestamp
        a += r.maint_op_class + r.maint_op_subclass + r.ld_id + r.head_id
        d = r.data
        a += len(d) + d[-1]
    return a


# --- canonical digest (untimed): same recipe as digest() in codec.bench.ts ----------------------

M64 = (1 << 64) - 1
CNTRLTYPE = {0: "reserved", 1: "io", 2: "discovery", 3: "admin"}
SEVERITY = {0: "informational", 1: "warning", 2: "failure", 3: "fatal"}


def dstr(s):
    if isinstance(s, bytes):
        s = s.decode("latin-1")
    return len(s) + sum(map(ord, s))


def dbig(v):
    return (v & M64) + (v >> 64)


def duuid(x):
    h = bytes(x).hex()
    return dstr(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")


def denum(v, names):
    return dstr(names[v]) if v in names else v


SKIP = {"sn", "mn", "fr", "subnqn", "fguid", "cntrltype", "tnvmcap", "unvmcap", "megcap", "maxdna", "ieee", "psd", "vs"}


def digest_id_ctrl(buf):
    c = IdCtrl.from_buffer_copy(buf)
    a = 0
    for name, *_ in IdCtrl._fields_:
        if name.startswith("rsvd") or name in SKIP:
            continue
        a += getattr(c, name)
    a += dstr(c.sn.rstrip(b" ")) + dstr(c.mn.rstrip(b" ")) + dstr(c.fr.rstrip(b" ")) + dstr(c.subnqn)
    a += duuid(c.fguid) + denum(c.cntrltype, CNTRLTYPE) + u24(c.ieee)
    a += dbig(u128(c.tnvmcap)) + dbig(u128(c.unvmcap)) + dbig(u128(c.megcap)) + dbig(u128(c.maxdna))
    for p in c.psd:
        for name, *_ in IdPsd._fields_:
            if not name.startswith("rsvd"):
                a += getattr(p, name)
    a += sum(bytes(c.vs))
    return a & M64


def digest_memdev_identify(buf):
    m = MemdevIdentifyRsp.from_buffer_copy(buf)
    a = dstr(m.fw_revision) + u24(m.poison_list_max_mer)
    for name, *_ in MemdevIdentifyRsp._fields_:
        if not name.startswith("rsvd") and name not in ("fw_revision", "poison_list_max_mer"):
            a += getattr(m, name)
    return a & M64


def digest_event_records(buf):
    h = GetEventRecordsRsp.from_buffer_copy(buf)
    n = h.record_count
    a = h.overflow + h.more_records + h.overflow_err_count + h.first_overflow_timestamp + h.last_overflow_timestamp + n
    for r in records_type(n).from_buffer_copy(buf, 32):
        a += duuid(r.uuid) + denum(r.severity, SEVERITY) + sum(bytes(r.data))
        for name, *_ in EventRecord._fields_:
            if not name.startswith("rsvd") and name not in ("uuid", "severity", "data"):
                a += getattr(r, name)
    return a & M64


# --- harness ------------------------------------------------------------------------------------


clock = time.perf_counter_ns


def run(fn, buf, iters):
    a = 0
    t0 = clock()
    for _ in range(iters):
        a += fn(buf)
    return clock() - t0, a


def calibrate(fn, buf, round_ms):
    """Warm up and grow the batch until one takes about round_ms; returns its size."""
    iters = 1
    while True:
        t, _ = run(fn, buf, iters)
        if t >= round_ms * 1e6:
            return iters
        grow = round_ms * 1e6 / t * 1.1 if t > 0 else 10
        iters = int(iters * min(max(grow, 2), 100))


def main():
    global clock
    if len(sys.argv) not in (5, 6):
        sys.exit("usage: ctypes_decode.py idctrl.bin memdev.bin events.bin round_ms [wall|cpu]")
    if len(sys.argv) == 6 and sys.argv[5] == "cpu":
        clock = time.process_time_ns
    c, m, e = (open(p, "rb").read() for p in sys.argv[1:4])
    round_ms = float(sys.argv[4])
    print(f"check idCtrl {digest_id_ctrl(c)}")
    print(f"check memdevIdentifyRsp {digest_memdev_identify(m)}")
    print(f"check getEventRecordsRsp {digest_event_records(e)}", flush=True)
    cases = {"idCtrl": (decode_id_ctrl, c), "memdevIdentifyRsp": (decode_memdev_identify, m), "getEventRecordsRsp": (decode_event_records, e)}
    iters = {name: calibrate(fn, buf, round_ms) for name, (fn, buf) in cases.items()}
    print("ready", flush=True)
    # One timed round per request, so the driver can interleave these rounds with its own.
    for line in sys.stdin:
        words = line.split()
        if len(words) != 2 or words[0] != "round" or words[1] not in cases:
            sys.exit(f"bad request {line.strip()!r}")
        fn, buf = cases[words[1]]
        t, _ = run(fn, buf, iters[words[1]])
        print(f"round {words[1]} {t / iters[words[1]]:.3f} {iters[words[1]]}", flush=True)


if __name__ == "__main__":
    main()
