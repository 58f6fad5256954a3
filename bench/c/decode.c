/*
 * C baseline for the codec benchmark (bench/codec.bench.ts compiles this with `cc -O2` into a temp
 * dir and runs it). "Decode" here is what libcxlmi / libnvme callers do: copy the payload into a
 * packed little-endian struct, then read every field into a sink, with the strings copied and
 * trimmed into char buffers. Enums stay numbers and byte fields stay pointers into the copy (C has
 * nothing cheaper), so this is a floor, not a like-for-like of the JavaScript object building.
 *
 * usage: decode <idctrl.bin> <memdev.bin> <events.bin> <round_ms> [wall|cpu]
 *        (clock: CLOCK_MONOTONIC by default, CLOCK_PROCESS_CPUTIME_ID with "cpu")
 * prints "check <struct> <digest>" (canonical digest, see digest_* below) for each struct,
 * calibrates, prints "ready", then answers each "round <struct>" line on stdin with
 * "round <struct> <ns/op> <ops in the round>" until stdin ends, so the driver can interleave
 * these rounds with its own.
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PACKED __attribute__((packed))

/* NVMe Base 2.0c Figure 276 (libnvme struct nvme_id_psd). */
struct nvme_id_psd {
	uint16_t mp;
	uint8_t rsvd2;
	uint8_t flags;
	uint32_t enlat;
	uint32_t exlat;
	uint8_t rrt, rrl, rwt, rwl;
	uint16_t idlp;
	uint8_t ips;
	uint8_t rsvd19;
	uint16_t actp;
	uint8_t apws, epfrt, fqvt, epfvt, epfr_fqv_ts, epfvts;
	uint8_t rsvd28[4];
} PACKED;
_Static_assert(sizeof(struct nvme_id_psd) == 32, "psd");

/* NVMe Base 2.0c Figure 275 (libnvme struct nvme_id_ctrl). */
struct nvme_id_ctrl {
	uint16_t vid, ssvid;
	char sn[20], mn[40], fr[8];
	uint8_t rab;
	uint8_t ieee[3];
	uint8_t cmic, mdts;
	uint16_t cntlid;
	uint32_t ver, rtd3r, rtd3e, oaes, ctratt;
	uint16_t rrls;
	uint8_t bpcap;
	uint8_t rsvd103;
	uint32_t nssl;
	uint8_t rsvd108[2];
	uint8_t plsi, cntrltype;
	uint8_t fguid[16];
	uint16_t crdt1, crdt2, crdt3;
	uint8_t crcap;
	uint8_t rsvd135[118];
	uint8_t nvmsr, vwci, mec;
	uint16_t oacs;
	uint8_t acl, aerl, frmw, lpa, elpe, npss, avscc, apsta;
	uint16_t wctemp, cctemp, mtfa;
	uint32_t hmpre, hmmin;
	uint8_t tnvmcap[16], unvmcap[16];
	uint32_t rpmbs;
	uint16_t edstt;
	uint8_t dsto, fwug;
	uint16_t kas, hctma, mntmt, mxtmt;
	uint32_t sanicap, hmminds;
	uint16_t hmmaxd, nsetidmax, endgidmax;
	uint8_t anatt, anacap;
	uint32_t anagrpmax, nanagrpid, pels;
	uint16_t domainid;
	uint8_t kpioc;
	uint8_t rsvd359;
	uint16_t mptfawr;
	uint8_t rsvd362[6];
	uint8_t megcap[16];
	uint8_t tmpthha;
	uint8_t rsvd385;
	uint16_t cqt;
	uint8_t rsvd388[124];
	uint8_t sqes, cqes;
	uint16_t maxcmd;
	uint32_t nn;
	uint16_t oncs, fuses;
	uint8_t fna, vwc;
	uint16_t awun, awupf;
	uint8_t icsvscc, nwpc;
	uint16_t acwu, ocfs;
	uint32_t sgls, mnan;
	uint8_t maxdna[16];
	uint32_t maxcna, oaqd;
	uint8_t rhiri, hirt;
	uint16_t cmmrtd, nmmrtd;
	uint8_t minmrtg, maxmrtg, trattr;
	uint8_t rsvd577;
	uint16_t mcudmq, mnsudmq, mcmr, nmcmr, mcdqpc;
	uint8_t rsvd588[180];
	char subnqn[256];
	uint8_t rsvd1024[768];
	uint32_t ioccsz, iorcsz;
	uint16_t icdoff;
	uint8_t fcatt, msdbd;
	uint16_t ofcs;
	uint8_t dctype;
	uint8_t rsvd1807[241];
	struct nvme_id_psd psd[32];
	uint8_t vs[1024];
} PACKED;
_Static_assert(sizeof(struct nvme_id_ctrl) == 4096, "id_ctrl");
_Static_assert(offsetof(struct nvme_id_ctrl, tnvmcap) == 280, "tnvmcap");
_Static_assert(offsetof(struct nvme_id_ctrl, megcap) == 368, "megcap");
_Static_assert(offsetof(struct nvme_id_ctrl, sqes) == 512, "sqes");
_Static_assert(offsetof(struct nvme_id_ctrl, subnqn) == 768, "subnqn");
_Static_assert(offsetof(struct nvme_id_ctrl, ioccsz) == 1792, "ioccsz");
_Static_assert(offsetof(struct nvme_id_ctrl, psd) == 2048, "psd");

/* CXL r3.1 Table 8-127 (libcxlmi struct cxlmi_cmd_memdev_identify_rsp). */
struct cxlmi_cmd_memdev_identify_rsp {
	char fw_revision[16];
	uint64_t total_capacity, volatile_capacity, persistent_capacity, partition_align;
	uint16_t info_event_log_size, warning_event_log_size, failure_event_log_size, fatal_event_log_size;
	uint32_t lsa_size;
	uint8_t poison_list_max_mer[3];
	uint16_t inject_poison_limit;
	uint8_t poison_caps;
	uint8_t qos_telemetry_caps;
	uint16_t dc_event_log_size;
} PACKED;
_Static_assert(sizeof(struct cxlmi_cmd_memdev_identify_rsp) == 69, "memdev identify");

/* CXL r3.1 Table 8-43 / 8-50 (libcxlmi struct cxlmi_event_record, cxlmi_cmd_get_event_records_rsp). */
struct cxlmi_event_record {
	uint8_t uuid[16];
	uint8_t length;
	uint8_t flags[3];
	uint16_t handle, related_handle;
	uint64_t timestamp;
	uint8_t maint_op_class, maint_op_subclass;
	uint16_t ld_id;
	uint8_t head_id;
	uint8_t rsvd37[11];
	uint8_t data[80];
} PACKED;
_Static_assert(sizeof(struct cxlmi_event_record) == 128, "event record");

struct cxlmi_cmd_get_event_records_rsp {
	uint8_t flags;
	uint8_t rsvd1;
	uint16_t overflow_err_count;
	uint64_t first_overflow_timestamp, last_overflow_timestamp;
	uint16_t record_count;
	uint8_t rsvd22[10];
	struct cxlmi_event_record records[];
} PACKED;
_Static_assert(sizeof(struct cxlmi_cmd_get_event_records_rsp) == 32, "event records rsp");

#define BARRIER(p) __asm__ volatile("" : : "r"(p) : "memory")

static uint64_t u128lo(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return le64toh(v); }
static uint64_t u128hi(const uint8_t *p) { uint64_t v; memcpy(&v, p + 8, 8); return le64toh(v); }
static uint32_t u24(const uint8_t *p) { return p[0] | (p[1] << 8) | ((uint32_t)p[2] << 16); }

/* Copy a fixed-width string out, trimmed: NVMe drops trailing spaces/NULs, CXL ends at a NUL. */
static size_t copy_space(char *dst, const char *src, size_t n)
{
	size_t e = n;
	while (e > 0 && (src[e - 1] == ' ' || src[e - 1] == 0)) e--;
	memcpy(dst, src, e);
	dst[e] = 0;
	return e;
}

static size_t copy_nul(char *dst, const char *src, size_t n)
{
	size_t e = strnlen(src, n);
	memcpy(dst, src, e);
	dst[e] = 0;
	return e;
}

static uint64_t str_sink(const char *s, size_t n) { return n ? n + (uint8_t)s[n - 1] : 0; }

/* --- timed decoders ------------------------------------------------------------------------- */

static uint64_t decode_psd(const struct nvme_id_psd *p)
{
	uint64_t a = 0;
	a += le16toh(p->mp);
	a += (p->flags & 1) + (p->flags & 2);
	a += le32toh(p->enlat);
	a += le32toh(p->exlat);
	a += p->rrt + p->rrl + p->rwt + p->rwl;
	a += le16toh(p->idlp);
	a += p->ips;
	a += le16toh(p->actp);
	a += p->apws + p->epfrt + p->fqvt + p->epfvt + p->epfr_fqv_ts + p->epfvts;
	return a;
}

static uint64_t decode_id_ctrl(const uint8_t *buf, size_t len)
{
	struct nvme_id_ctrl c;
	char sn[21], mn[41], fr[9], subnqn[257];
	(void)len;
	memcpy(&c, buf, sizeof c);
	BARRIER(&c);
	uint64_t a = 0;
	size_t n;
	a += le16toh(c.vid);
	a += le16toh(c.ssvid);
	n = copy_space(sn, c.sn, sizeof c.sn); a += str_sink(sn, n);
	n = copy_space(mn, c.mn, sizeof c.mn); a += str_sink(mn, n);
	n = copy_space(fr, c.fr, sizeof c.fr); a += str_sink(fr, n);
	a += c.rab;
	a += u24(c.ieee);
	a += c.cmic + c.mdts;
	a += le16toh(c.cntlid);
	a += le32toh(c.ver) + le32toh(c.rtd3r) + le32toh(c.rtd3e) + le32toh(c.oaes) + le32toh(c.ctratt);
	a += le16toh(c.rrls);
	a += c.bpcap;
	a += le32toh(c.nssl);
	a += c.plsi + c.cntrltype;
	a += u128lo(c.fguid) + u128hi(c.fguid);
	a += le16toh(c.crdt1) + le16toh(c.crdt2) + le16toh(c.crdt3);
	a += c.crcap + c.nvmsr + c.vwci + c.mec;
	a += le16toh(c.oacs);
	a += c.acl + c.aerl + c.frmw + c.lpa + c.elpe + c.npss + c.avscc + c.apsta;
	a += le16toh(c.wctemp) + le16toh(c.cctemp) + le16toh(c.mtfa);
	a += le32toh(c.hmpre) + le32toh(c.hmmin);
	a += u128lo(c.tnvmcap) + u128hi(c.tnvmcap) + u128lo(c.unvmcap) + u128hi(c.unvmcap);
	a += le32toh(c.rpmbs);
	a += le16toh(c.edstt);
	a += c.dsto + c.fwug;
	a += le16toh(c.kas) + le16toh(c.hctma) + le16toh(c.mntmt) + le16toh(c.mxtmt);
	a += le32toh(c.sanicap) + le32toh(c.hmminds);
	a += le16toh(c.hmmaxd) + le16toh(c.nsetidmax) + le16toh(c.endgidmax);
	a += c.anatt + c.anacap;
	a += le32toh(c.anagrpmax) + le32toh(c.nanagrpid) + le32toh(c.pels);
	a += le16toh(c.domainid);
	a += c.kpioc;
	a += le16toh(c.mptfawr);
	a += u128lo(c.megcap) + u128hi(c.megcap);
	a += c.tmpthha;
	a += le16toh(c.cqt);
	a += c.sqes + c.cqes;
	a += le16toh(c.maxcmd);
	a += le32toh(c.nn);
	a += le16toh(c.oncs) + le16toh(c.fuses);
	a += c.fna + c.vwc;
	a += le16toh(c.awun) + le16toh(c.awupf);
	a += c.icsvscc + c.nwpc;
	a += le16toh(c.acwu) + le16toh(c.ocfs);
	a += le32toh(c.sgls) + le32toh(c.mnan);
	a += u128lo(c.maxdna) + u128hi(c.maxdna);
	a += le32toh(c.maxcna) + le32toh(c.oaqd);
	a += c.rhiri + c.hirt;
	a += le16toh(c.cmmrtd) + le16toh(c.nmmrtd);
	a += c.minmrtg + c.maxmrtg + c.trattr;
	a += le16toh(c.mcudmq) + le16toh(c.mnsudmq) + le16toh(c.mcmr) + le16toh(c.nmcmr) + le16toh(c.mcdqpc);
	n = copy_nul(subnqn, c.subnqn, sizeof c.subnqn); a += str_sink(subnqn, n);
	a += le32toh(c.ioccsz) + le32toh(c.iorcsz);
	a += le16toh(c.icdoff);
	a += c.fcatt + c.msdbd;
	a += le16toh(c.ofcs);
	a += c.dctype;
	for (int i = 0; i < 32; i++) a += decode_psd(&c.psd[i]);
	a += sizeof c.vs + c.vs[sizeof c.vs - 1];
	BARRIER(sn); BARRIER(mn); BARRIER(fr); BARRIER(subnqn);
	return a;
}

static uint64_t decode_memdev_identify(const uint8_t *buf, size_t len)
{
	struct cxlmi_cmd_memdev_identify_rsp m;
	char fw[17];
	(void)len;
	memcpy(&m, buf, sizeof m);
	BARRIER(&m);
	uint64_t a = 0;
	size_t n = copy_nul(fw, m.fw_revision, sizeof m.fw_revision);
	a += str_sink(fw, n);
	a += le64toh(m.total_capacity) + le64toh(m.volatile_capacity) + le64toh(m.persistent_capacity) + le64toh(m.partition_align);
	a += le16toh(m.info_event_log_size) + le16toh(m.warning_event_log_size) + le16toh(m.failure_event_log_size) +
	     le16toh(m.fatal_event_log_size);
	a += le32toh(m.lsa_size);
	a += u24(m.poison_list_max_mer);
	a += le16toh(m.inject_poison_limit);
	a += (m.poison_caps & 1) + (m.poison_caps & 2);
	a += m.qos_telemetry_caps;
	a += le16toh(m.dc_event_log_size);
	BARRIER(fw);
	return a;
}

static _Alignas(16) uint8_t event_copy[32 + 0xffff * 128];

static uint64_t decode_event_records(const uint8_t *buf, size_t len)
{
	struct cxlmi_cmd_get_event_records_rsp *r = (void *)event_copy;
	uint16_t cnt;
	memcpy(&cnt, buf + 20, 2);
	cnt = le16toh(cnt);
	size_t size = 32 + (size_t)cnt * 128;
	if (size > len) return 0;
	memcpy(r, buf, size);
	BARRIER(r);
	uint64_t a = 0;
	a += (r->flags & 1) + (r->flags & 2);
	a += le16toh(r->overflow_err_count);
	a += le64toh(r->first_overflow_timestamp) + le64toh(r->last_overflow_timestamp);
	a += le16toh(r->record_count);
	for (unsigned i = 0; i < cnt; i++) {
		const struct cxlmi_event_record *e = &r->records[i];
		a += u128lo(e->uuid) + u128hi(e->uuid);
		a += e->length;
		uint32_t f = u24(e->flags);
		a += (f & 3) + (f & 4) + (f & 8) + (f & 16) + (f & 32) + (f & 64) + (f & 128) + (f & 256);
		a += le16toh(e->handle) + le16toh(e->related_handle);
		a += le64toh(e->timestamp);
		a += e->maint_op_class + e->maint_op_subclass;
		a += le16toh(e->ld_id);
		a += e->head_id;
		a += sizeof e->data + e->data[sizeof e->data - 1];
	}
	return a;
}

/* --- canonical digest (untimed): the same recipe as digest() in codec.bench.ts -------------------
 * sum mod 2^64 of: numbers; booleans 0/1; 64/128-bit values as low 64 + high 64 bits; strings
 * (trimmed text, enum names, UUIDs as 8-4-4-4-12 lower-case hex) as length + sum of char codes;
 * byte fields as the sum of their bytes; enum values without a name as numbers. */

static uint64_t dstr(const char *s, size_t n)
{
	uint64_t a = n;
	for (size_t i = 0; i < n; i++) a += (uint8_t)s[i];
	return a;
}

static uint64_t duuid(const uint8_t *u)
{
	char s[37];
	snprintf(s, sizeof s, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3],
		 u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	return dstr(s, 36);
}

static uint64_t dbytes(const uint8_t *b, size_t n)
{
	uint64_t a = 0;
	for (size_t i = 0; i < n; i++) a += b[i];
	return a;
}

static uint64_t denum(unsigned v, const char *const *names, unsigned count)
{
	if (v < count && names[v]) return dstr(names[v], strlen(names[v]));
	return v;
}

static const char *const cntrltype_names[] = { "reserved", "io", "discovery", "admin" };
static const char *const severity_names[] = { "informational", "warning", "failure", "fatal" };

/* Every scalar field of the struct is added through `decode_*`'s arithmetic except the ones whose
 * digest differs (strings, enums, uuids, bit words, byte fields, 128-bit values). */
static uint64_t digest_id_ctrl(const uint8_t *buf)
{
	struct nvme_id_ctrl c;
	char s[257];
	size_t n;
	memcpy(&c, buf, sizeof c);
	uint64_t a = 0;
	a += le16toh(c.vid) + le16toh(c.ssvid);
	n = copy_space(s, c.sn, sizeof c.sn); a += dstr(s, n);
	n = copy_space(s, c.mn, sizeof c.mn); a += dstr(s, n);
	n = copy_space(s, c.fr, sizeof c.fr); a += dstr(s, n);
	a += c.rab + u24(c.ieee) + c.cmic + c.mdts + le16toh(c.cntlid);
	a += (uint64_t)le32toh(c.ver) + le32toh(c.rtd3r) + le32toh(c.rtd3e) + le32toh(c.oaes) + le32toh(c.ctratt);
	a += le16toh(c.rrls) + c.bpcap + (uint64_t)le32toh(c.nssl) + c.plsi;
	a += denum(c.cntrltype, cntrltype_names, 4);
	a += duuid(c.fguid);
	a += le16toh(c.crdt1) + le16toh(c.crdt2) + le16toh(c.crdt3) + c.crcap + c.nvmsr + c.vwci + c.mec;
	a += le16toh(c.oacs) + c.acl + c.aerl + c.frmw + c.lpa + c.elpe + c.npss + c.avscc + c.apsta;
	a += le16toh(c.wctemp) + le16toh(c.cctemp) + le16toh(c.mtfa) + (uint64_t)le32toh(c.hmpre) + le32toh(c.hmmin);
	a += u128lo(c.tnvmcap) + u128hi(c.tnvmcap) + u128lo(c.unvmcap) + u128hi(c.unvmcap);
	a += (uint64_t)le32toh(c.rpmbs) + le16toh(c.edstt) + c.dsto + c.fwug;
	a += le16toh(c.kas) + le16toh(c.hctma) + le16toh(c.mntmt) + le16toh(c.mxtmt);
	a += (uint64_t)le32toh(c.sanicap) + le32toh(c.hmminds);
	a += le16toh(c.hmmaxd) + le16toh(c.nsetidmax) + le16toh(c.endgidmax) + c.anatt + c.anacap;
	a += (uint64_t)le32toh(c.anagrpmax) + le32toh(c.nanagrpid) + le32toh(c.pels);
	a += le16toh(c.domainid) + c.kpioc + le16toh(c.mptfawr);
	a += u128lo(c.megcap) + u128hi(c.megcap);
	a += c.tmpthha + le16toh(c.cqt) + c.sqes + c.cqes + le16toh(c.maxcmd) + (uint64_t)le32toh(c.nn);
	a += le16toh(c.oncs) + le16toh(c.fuses) + c.fna + c.vwc + le16toh(c.awun) + le16toh(c.awupf);
	a += c.icsvscc + c.nwpc + le16toh(c.acwu) + le16toh(c.ocfs) + (uint64_t)le32toh(c.sgls) + le32toh(c.mnan);
	a += u128lo(c.maxdna) + u128hi(c.maxdna);
	a += (uint64_t)le32toh(c.maxcna) + le32toh(c.oaqd) + c.rhiri + c.hirt + le16toh(c.cmmrtd) + le16toh(c.nmmrtd);
	a += c.minmrtg + c.maxmrtg + c.trattr;
	a += le16toh(c.mcudmq) + le16toh(c.mnsudmq) + le16toh(c.mcmr) + le16toh(c.nmcmr) + le16toh(c.mcdqpc);
	n = copy_nul(s, c.subnqn, sizeof c.subnqn); a += dstr(s, n);
	a += (uint64_t)le32toh(c.ioccsz) + le32toh(c.iorcsz) + le16toh(c.icdoff) + c.fcatt + c.msdbd + le16toh(c.ofcs) + c.dctype;
	for (int i = 0; i < 32; i++) {
		const struct nvme_id_psd *p = &c.psd[i];
		a += le16toh(p->mp) + (p->flags & 1) + ((p->flags >> 1) & 1);
		a += (uint64_t)le32toh(p->enlat) + le32toh(p->exlat);
		a += p->rrt + p->rrl + p->rwt + p->rwl + le16toh(p->idlp) + p->ips + le16toh(p->actp);
		a += p->apws + p->epfrt + p->fqvt + p->epfvt + p->epfr_fqv_ts + p->epfvts;
	}
	a += dbytes(c.vs, sizeof c.vs);
	return a;
}

static uint64_t digest_memdev_identify(const uint8_t *buf)
{
	struct cxlmi_cmd_memdev_identify_rsp m;
	char s[17];
	memcpy(&m, buf, sizeof m);
	size_t n = copy_nul(s, m.fw_revision, sizeof m.fw_revision);
	uint64_t a = dstr(s, n);
	a += le64toh(m.total_capacity) + le64toh(m.volatile_capacity) + le64toh(m.persistent_capacity) + le64toh(m.partition_align);
	a += le16toh(m.info_event_log_size) + le16toh(m.warning_event_log_size) + le16toh(m.failure_event_log_size) +
	     le16toh(m.fatal_event_log_size);
	a += le32toh(m.lsa_size) + u24(m.poison_list_max_mer) + le16toh(m.inject_poison_limit);
	a += (m.poison_caps & 1) + ((m.poison_caps >> 1) & 1);
	a += m.qos_telemetry_caps + le16toh(m.dc_event_log_size);
	return a;
}

static uint64_t digest_event_records(const uint8_t *buf, size_t len)
{
	const struct cxlmi_cmd_get_event_records_rsp *r = (const void *)buf;
	unsigned cnt = le16toh(r->record_count);
	if (32 + (size_t)cnt * 128 > len) return 0;
	uint64_t a = (r->flags & 1) + ((r->flags >> 1) & 1);
	a += le16toh(r->overflow_err_count) + le64toh(r->first_overflow_timestamp) + le64toh(r->last_overflow_timestamp);
	a += cnt;
	for (unsigned i = 0; i < cnt; i++) {
		const struct cxlmi_event_record *e = &r->records[i];
		uint32_t f = u24(e->flags);
		a += duuid(e->uuid) + e->length;
		a += denum(f & 3, severity_names, 4);
		for (int bit = 2; bit <= 8; bit++) a += (f >> bit) & 1;
		a += le16toh(e->handle) + le16toh(e->related_handle) + le64toh(e->timestamp);
		a += e->maint_op_class + e->maint_op_subclass + le16toh(e->ld_id) + e->head_id;
		a += dbytes(e->data, sizeof e->data);
	}
	return a;
}

/* --- harness -------------------------------------------------------------------------------- */

static volatile uint64_t sink;
static clockid_t clock_id = CLOCK_MONOTONIC;

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(clock_id, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef uint64_t (*decoder)(const uint8_t *, size_t);

static double run(decoder fn, const uint8_t *buf, size_t len, uint64_t iters)
{
	uint64_t a = 0;
	double t0 = now_ns();
	for (uint64_t i = 0; i < iters; i++) {
		BARRIER(buf); /* the payload may have changed: nothing can be hoisted out of the loop */
		a += fn(buf, len);
	}
	double t1 = now_ns();
	sink += a;
	return t1 - t0;
}

/* Warm up and grow the batch until one takes about round_ms; returns its size. */
static uint64_t calibrate(decoder fn, const uint8_t *buf, size_t len, double round_ms)
{
	uint64_t iters = 1;
	double t;
	while ((t = run(fn, buf, len, iters)) < round_ms * 1e6) {
		double grow = t > 0 ? round_ms * 1e6 / t * 1.1 : 10;
		iters = (uint64_t)(iters * (grow < 2 ? 2 : grow > 100 ? 100 : grow));
	}
	return iters;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) { perror(path); exit(2); }
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *b = malloc(n > 0 ? n : 1);
	if (fread(b, 1, n, f) != (size_t)n) { perror(path); exit(2); }
	fclose(f);
	*len = n;
	return b;
}

int main(int argc, char **argv)
{
	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: %s idctrl.bin memdev.bin events.bin round_ms [wall|cpu]\n", argv[0]);
		return 2;
	}
	if (argc == 6 && strcmp(argv[5], "cpu") == 0) clock_id = CLOCK_PROCESS_CPUTIME_ID;
	size_t lc, lm, le;
	uint8_t *c = slurp(argv[1], &lc), *m = slurp(argv[2], &lm), *e = slurp(argv[3], &le);
	double round_ms = atof(argv[4]);
	if (lc < 4096 || lm < 69 || le < 32) { fprintf(stderr, "short payload\n"); return 2; }
	printf("check idCtrl %llu\n", (unsigned long long)digest_id_ctrl(c));
	printf("check memdevIdentifyRsp %llu\n", (unsigned long long)digest_memdev_identify(m));
	printf("check getEventRecordsRsp %llu\n", (unsigned long long)digest_event_records(e, le));
	fflush(stdout);
	struct { const char *name; decoder fn; const uint8_t *buf; size_t len; uint64_t iters; } cases[] = {
		{ "idCtrl", decode_id_ctrl, c, lc, 0 },
		{ "memdevIdentifyRsp", decode_memdev_identify, m, lm, 0 },
		{ "getEventRecordsRsp", decode_event_records, e, le, 0 },
	};
	const size_t ncases = sizeof cases / sizeof cases[0];
	for (size_t i = 0; i < ncases; i++) cases[i].iters = calibrate(cases[i].fn, cases[i].buf, cases[i].len, round_ms);
	printf("ready\n");
	fflush(stdout);
	char line[128], name[64];
	while (fgets(line, sizeof line, stdin)) {
		size_t i = ncases;
		if (sscanf(line, "round %63s", name) == 1)
			for (i = 0; i < ncases && strcmp(cases[i].name, name) != 0; i++)
				;
		if (i == ncases) { fprintf(stderr, "bad request %s", line); return 2; }
		double ns = run(cases[i].fn, cases[i].buf, cases[i].len, cases[i].iters) / (double)cases[i].iters;
		printf("round %s %.3f %llu\n", name, ns, (unsigned long long)cases[i].iters);
		fflush(stdout);
	}
	return 0;
}
