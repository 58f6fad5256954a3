/*
 * cxl_nvme: the one native piece of cxl-nvme. A thin Node-API (C, node_api.h only) layer over the
 * Linux system calls the library needs and Node does not expose:
 *
 *   open(path, flags) -> fd                       close(fd)
 *   ioctlSync(fd, request, arg, patches?) -> ret  (ret >= 0; -1 throws with errno)
 *   ioctl(fd, request, arg, patches?, opts?) -> Promise<{ ret }>   (libuv thread pool, or a
 *       dedicated thread when opts.long is true so Format / Sanitize do not starve the pool)
 *   mctpSocket() -> fd                            mctpBind(fd, { net, eid?, type })
 *   mctpSendTo(fd, buf, { net, eid, type, tag, tagOwner, ifindex?, haddr? }) -> bytes
 *   mctpRecvFrom(fd, maxLen) -> null | { data, length, truncated, net, eid, type, tag, tagOwner, ... }
 *   mctpSetAddrExt(fd, on)                        watchReadable(fd, cb) -> { close() }
 *
 * `patches` is an array of { offset, buffer }: "write the address of buffer's bytes as a u64 at
 * `offset` of arg". That is how user pointers get into struct cxl_send_command (in.payload @24,
 * out.payload @40, include/uapi/linux/cxl_mem.h) and struct nvme_passthru_cmd{,64} (metadata @16,
 * addr @24, include/uapi/linux/nvme_ioctl.h). Every buffer named in an asynchronous call is held by
 * a napi_ref until the call completes, so the GC cannot free memory the kernel is writing to.
 * (V8 never moves ArrayBuffer backing stores; detaching one mid-call is the caller's bug.)
 *
 * Errors are JS Error objects with `code` (errno name: 'ENOENT', 'ENOTTY' ...), `errno` (positive
 * Linux errno), `syscall` and, for open, `path`.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <uv.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/* AF_MCTP ABI, include/uapi/linux/mctp.h and include/linux/socket.h. Declared here so the addon
 * builds against libc headers that predate MCTP (linux/mctp.h appeared in 5.15). */
#ifndef AF_MCTP
#define AF_MCTP 45
#endif
#ifndef SOL_MCTP
#define SOL_MCTP 285
#endif
#define CXN_MCTP_OPT_ADDR_EXT 1
#define CXN_MCTP_TAG_MASK 0x07
#define CXN_MCTP_TAG_OWNER 0x08
#define CXN_MCTP_TAG_PREALLOC 0x10
#define CXN_MCTP_ADDR_ANY 0xff
#define CXN_MAX_ADDR_LEN 32

struct cxn_sockaddr_mctp { /* 12 bytes */
  unsigned short smctp_family;
  uint16_t smctp_pad0;
  unsigned int smctp_network;
  uint8_t smctp_addr;
  uint8_t smctp_type;
  uint8_t smctp_tag;
  uint8_t smctp_pad1;
};
struct cxn_sockaddr_mctp_ext { /* 52 bytes */
  struct cxn_sockaddr_mctp smctp_base;
  int smctp_ifindex;
  uint8_t smctp_halen;
  uint8_t smctp_pad0[3];
  uint8_t smctp_haddr[CXN_MAX_ADDR_LEN];
};
_Static_assert(sizeof(struct cxn_sockaddr_mctp) == 12, "sockaddr_mctp is 12 bytes");
_Static_assert(sizeof(struct cxn_sockaddr_mctp_ext) == 52, "sockaddr_mctp_ext is 52 bytes");

/* ---------------------------------------------------------------- errors */

static const char *errno_name(int e) {
  switch (e) {
#define N(x) case x: return #x;
    N(EPERM) N(ENOENT) N(ESRCH) N(EINTR) N(EIO) N(ENXIO) N(E2BIG) N(ENOEXEC) N(EBADF) N(ECHILD)
    N(EAGAIN) N(ENOMEM) N(EACCES) N(EFAULT) N(ENOTBLK) N(EBUSY) N(EEXIST) N(EXDEV) N(ENODEV)
    N(ENOTDIR) N(EISDIR) N(EINVAL) N(ENFILE) N(EMFILE) N(ENOTTY) N(ETXTBSY) N(EFBIG) N(ENOSPC)
    N(ESPIPE) N(EROFS) N(EMLINK) N(EPIPE) N(EDOM) N(ERANGE) N(EDEADLK) N(ENAMETOOLONG) N(ENOLCK)
    N(ENOSYS) N(ENOTEMPTY) N(ELOOP) N(ENOMSG) N(EIDRM) N(ENODATA) N(ETIME) N(EPROTO) N(EBADMSG)
    N(EOVERFLOW) N(EILSEQ) N(ENOTSOCK) N(EDESTADDRREQ) N(EMSGSIZE) N(EPROTOTYPE) N(ENOPROTOOPT)
    N(EPROTONOSUPPORT) N(ESOCKTNOSUPPORT) N(EOPNOTSUPP) N(EPFNOSUPPORT) N(EAFNOSUPPORT)
    N(EADDRINUSE) N(EADDRNOTAVAIL) N(ENETDOWN) N(ENETUNREACH) N(ENETRESET) N(ECONNABORTED)
    N(ECONNRESET) N(ENOBUFS) N(EISCONN) N(ENOTCONN) N(ETIMEDOUT) N(ECONNREFUSED) N(EHOSTDOWN)
    N(EHOSTUNREACH) N(EALREADY) N(EINPROGRESS) N(ECANCELED) N(EREMOTEIO) N(ENOMEDIUM)
    N(EMEDIUMTYPE) N(ENOKEY) N(EKEYREJECTED) N(ENOTRECOVERABLE) N(ERFKILL) N(EHWPOISON)
#undef N
    default: return NULL;
  }
}

/* An Error like Node's own system errors: "ENOENT: No such file or directory, open '/x'". */
static napi_value errno_error(napi_env env, int err, const char *syscall, const char *path) {
  char name_buf[24];
  const char *name = errno_name(err);
  if (!name) {
    snprintf(name_buf, sizeof name_buf, "E%d", err);
    name = name_buf;
  }
  char desc[128];
  /* GNU strerror_r returns the string it chose (maybe static), not an int. */
  const char *text = strerror_r(err, desc, sizeof desc);
  char msg[512];
  if (path)
    snprintf(msg, sizeof msg, "%s: %s, %s '%s'", name, text, syscall, path);
  else
    snprintf(msg, sizeof msg, "%s: %s, %s", name, text, syscall);
  napi_value js_msg, js_code, error, v;
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &js_msg);
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &js_code);
  napi_create_error(env, js_code, js_msg, &error);
  napi_set_named_property(env, error, "code", js_code);
  napi_create_int32(env, err, &v);
  napi_set_named_property(env, error, "errno", v);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "syscall", v);
  if (path) {
    napi_create_string_utf8(env, path, NAPI_AUTO_LENGTH, &v);
    napi_set_named_property(env, error, "path", v);
  }
  return error;
}

static napi_value throw_errno(napi_env env, int err, const char *syscall, const char *path) {
  napi_throw(env, errno_error(env, err, syscall, path));
  return NULL;
}

/* If a napi call failed, make sure a JS exception is pending and bail out. */
#define CHECK(env, call)                                                   \
  do {                                                                     \
    if ((call) != napi_ok) {                                               \
      bool pending_ = false;                                               \
      napi_is_exception_pending((env), &pending_);                         \
      if (!pending_) napi_throw_error((env), "ERR_NAPI", #call " failed"); \
      return NULL;                                                         \
    }                                                                      \
  } while (0)

#define ARGS(n)                                                         \
  size_t argc = (n);                                                    \
  napi_value argv[(n) > 0 ? (n) : 1];                                   \
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL))

static bool is_nullish(napi_env env, napi_value v) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return true;
  return t == napi_undefined || t == napi_null;
}

static napi_value throw_type(napi_env env, const char *msg) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
  return NULL;
}

static napi_value throw_range(napi_env env, const char *msg) {
  napi_throw_range_error(env, "ERR_OUT_OF_RANGE", msg);
  return NULL;
}

/* Bytes of a Uint8Array / Buffer (any TypedArray or DataView is accepted as raw bytes). */
static bool bytes_of(napi_env env, napi_value v, void **data, size_t *len) {
  if (napi_get_buffer_info(env, v, data, len) == napi_ok) return true;
  bool is = false;
  napi_is_typedarray(env, v, &is);
  if (is) {
    napi_typedarray_type type;
    size_t count, offset;
    napi_value ab;
    if (napi_get_typedarray_info(env, v, &type, &count, data, &ab, &offset) != napi_ok) return false;
    size_t elem = 1;
    switch (type) {
      case napi_int16_array: case napi_uint16_array: elem = 2; break;
      case napi_int32_array: case napi_uint32_array: case napi_float32_array: elem = 4; break;
      case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: elem = 8; break;
      default: elem = 1;
    }
    *len = count * elem;
    return true;
  }
  napi_is_dataview(env, v, &is);
  if (is) {
    napi_value ab;
    size_t offset;
    return napi_get_dataview_info(env, v, len, data, &ab, &offset) == napi_ok;
  }
  return false;
}

static bool get_int(napi_env env, napi_value obj, const char *key, int64_t *out, bool required) {
  bool has = false;
  napi_has_named_property(env, obj, key, &has);
  if (!has) return !required;
  napi_value v;
  napi_get_named_property(env, obj, key, &v);
  if (is_nullish(env, v)) return !required;
  return napi_get_value_int64(env, v, out) == napi_ok;
}

static bool get_bool(napi_env env, napi_value obj, const char *key) {
  bool has = false, b = false;
  napi_has_named_property(env, obj, key, &has);
  if (!has) return false;
  napi_value v;
  napi_get_named_property(env, obj, key, &v);
  napi_coerce_to_bool(env, v, &v);
  napi_get_value_bool(env, v, &b);
  return b;
}

/* ---------------------------------------------------------------- open / close */

static napi_value js_open(napi_env env, napi_callback_info info) {
  ARGS(2);
  char path[4096];
  size_t plen;
  if (napi_get_value_string_utf8(env, argv[0], path, sizeof path, &plen) != napi_ok)
    return throw_type(env, "open: path must be a string");
  if (plen >= sizeof path - 1) return throw_range(env, "open: path too long");
  int32_t flags = 0;
  if (argc > 1 && !is_nullish(env, argv[1])) CHECK(env, napi_get_value_int32(env, argv[1], &flags));
  /* O_CLOEXEC always: a child process must not inherit a device handle. */
  int fd = open(path, flags | O_CLOEXEC);
  if (fd < 0) return throw_errno(env, errno, "open", path);
  napi_value r;
  CHECK(env, napi_create_int32(env, fd, &r));
  return r;
}

static napi_value js_close(napi_env env, napi_callback_info info) {
  ARGS(1);
  int32_t fd;
  CHECK(env, napi_get_value_int32(env, argv[0], &fd));
  /* Linux releases the descriptor even when close reports EINTR: never retry. */
  if (close(fd) < 0 && errno != EINTR) return throw_errno(env, errno, "close", NULL);
  return NULL;
}

/* ---------------------------------------------------------------- ioctl */

struct patch {
  size_t offset;
  uint64_t addr;
};

/* Everything one ioctl needs, parsed from JS on the main thread. */
struct ioctl_call {
  int fd;
  unsigned long request;
  void *arg;          /* NULL or the arg buffer */
  size_t arg_len;
  unsigned long arg_value; /* when arg is a plain integer */
  bool arg_is_value;
  size_t n_patches;
  struct patch *patches;
  napi_value *keep;   /* values to pin (arg + patch buffers), main-thread only */
  size_t n_keep;
};

static void free_call(struct ioctl_call *c) {
  free(c->patches);
  free(c->keep);
}

/* Parse (fd, request, arg, patches). Returns false with a JS exception pending on bad input. */
static bool parse_ioctl(napi_env env, size_t argc, napi_value *argv, struct ioctl_call *c, bool pin) {
  memset(c, 0, sizeof *c);
  int32_t fd;
  if (argc < 2 || napi_get_value_int32(env, argv[0], &fd) != napi_ok) {
    throw_type(env, "ioctl: fd must be a number");
    return false;
  }
  int64_t req;
  if (napi_get_value_int64(env, argv[1], &req) != napi_ok || req < 0 || req > 0xffffffffLL) {
    throw_type(env, "ioctl: request must be a 32-bit unsigned number");
    return false;
  }
  c->fd = fd;
  c->request = (unsigned long)req;
  /* Only asynchronous calls pin their buffers; the synchronous path stays allocation-free. */
  if (pin) c->keep = calloc(1 + (argc > 3 ? 64 : 0), sizeof(napi_value));
  /* Fast path first: a Buffer / Uint8Array argument costs one napi call (napi_get_buffer_info
   * accepts any ArrayBufferView in Node 20+), which keeps ioctlSync close to a C ioctl. */
  if (argc > 2 && napi_get_buffer_info(env, argv[2], &c->arg, &c->arg_len) == napi_ok) {
    if (c->keep) c->keep[c->n_keep++] = argv[2];
  } else if (argc > 2 && !is_nullish(env, argv[2])) {
    napi_valuetype t;
    napi_typeof(env, argv[2], &t);
    if (t == napi_number) {
      int64_t v;
      napi_get_value_int64(env, argv[2], &v);
      c->arg_value = (unsigned long)v;
      c->arg_is_value = true;
    } else if (bytes_of(env, argv[2], &c->arg, &c->arg_len)) {
      if (c->keep) c->keep[c->n_keep++] = argv[2];
    } else {
      throw_type(env, "ioctl: arg must be a Uint8Array, a number or null");
      free_call(c);
      return false;
    }
  }
  if (argc > 3 && !is_nullish(env, argv[3])) {
    bool is_array = false;
    napi_is_array(env, argv[3], &is_array);
    if (!is_array) {
      throw_type(env, "ioctl: patches must be an array of { offset, buffer }");
      free_call(c);
      return false;
    }
    uint32_t n;
    napi_get_array_length(env, argv[3], &n);
    if (n > 64) {
      throw_range(env, "ioctl: at most 64 pointer patches");
      free_call(c);
      return false;
    }
    if (n > 0 && c->arg == NULL) {
      throw_type(env, "ioctl: pointer patches need an arg buffer");
      free_call(c);
      return false;
    }
    c->patches = n ? calloc(n, sizeof(struct patch)) : NULL;
    for (uint32_t i = 0; i < n; i++) {
      napi_value p, buf;
      napi_get_element(env, argv[3], i, &p);
      int64_t off;
      if (!get_int(env, p, "offset", &off, true)) {
        throw_type(env, "ioctl: patch.offset must be a number");
        free_call(c);
        return false;
      }
      if (off < 0 || (uint64_t)off + 8 > c->arg_len) {
        throw_range(env, "ioctl: patch.offset + 8 exceeds the arg buffer");
        free_call(c);
        return false;
      }
      napi_get_named_property(env, p, "buffer", &buf);
      void *data = NULL;
      size_t len = 0;
      if (!bytes_of(env, buf, &data, &len)) {
        throw_type(env, "ioctl: patch.buffer must be a Uint8Array");
        free_call(c);
        return false;
      }
      /* A zero-length view may report a NULL data pointer: pass 0, which is what C callers do. */
      c->patches[i].offset = (size_t)off;
      c->patches[i].addr = (uint64_t)(uintptr_t)(len ? data : NULL);
      if (c->keep) c->keep[c->n_keep++] = buf;
    }
    c->n_patches = n;
  }
  /* Write the pointers now, on the main thread: the arg buffer then holds exactly the struct the
   * kernel reads, and JS can inspect it afterwards. */
  for (size_t i = 0; i < c->n_patches; i++)
    memcpy((uint8_t *)c->arg + c->patches[i].offset, &c->patches[i].addr, 8);
  return true;
}

static int do_ioctl(const struct ioctl_call *c, int *err) {
  /* No EINTR retry: the NVMe driver reports a cancelled or timed-out command as EINTR, and
   * retrying would resubmit it. */
  int ret = ioctl(c->fd, c->request, c->arg_is_value ? (void *)c->arg_value : c->arg);
  *err = ret == -1 ? errno : 0;
  return ret;
}

static napi_value js_ioctl_sync(napi_env env, napi_callback_info info) {
  ARGS(4);
  struct ioctl_call c;
  if (!parse_ioctl(env, argc, argv, &c, false)) return NULL;
  int err;
  int ret = do_ioctl(&c, &err);
  free_call(&c);
  if (ret == -1) return throw_errno(env, err, "ioctl", NULL);
  napi_value r;
  CHECK(env, napi_create_int32(env, ret, &r));
  return r;
}

/* An asynchronous ioctl in flight. */
struct async_ioctl {
  struct ioctl_call call;
  napi_deferred deferred;
  napi_async_work work;          /* thread-pool path */
  napi_threadsafe_function tsfn; /* dedicated-thread path */
  napi_ref *refs;
  size_t n_refs;
  int ret;
  int err;
};

static void async_settle(napi_env env, struct async_ioctl *a) {
  napi_handle_scope scope;
  napi_open_handle_scope(env, &scope);
  if (a->ret == -1) {
    napi_reject_deferred(env, a->deferred, errno_error(env, a->err, "ioctl", NULL));
  } else {
    napi_value obj, v;
    napi_create_object(env, &obj);
    napi_create_int32(env, a->ret, &v);
    napi_set_named_property(env, obj, "ret", v);
    napi_resolve_deferred(env, a->deferred, obj);
  }
  for (size_t i = 0; i < a->n_refs; i++) napi_delete_reference(env, a->refs[i]);
  free(a->refs);
  free_call(&a->call);
  napi_close_handle_scope(env, scope);
  free(a);
}

static void pool_execute(napi_env env, void *data) {
  (void)env;
  struct async_ioctl *a = data;
  a->ret = do_ioctl(&a->call, &a->err);
}

static void pool_complete(napi_env env, napi_status status, void *data) {
  struct async_ioctl *a = data;
  napi_delete_async_work(env, a->work);
  if (status == napi_cancelled) {
    a->ret = -1;
    a->err = ECANCELED;
  }
  async_settle(env, a);
}

static void *long_thread(void *data) {
  struct async_ioctl *a = data;
  a->ret = do_ioctl(&a->call, &a->err);
  napi_threadsafe_function tsfn = a->tsfn;
  napi_call_threadsafe_function(tsfn, a, napi_tsfn_blocking);
  napi_release_threadsafe_function(tsfn, napi_tsfn_release);
  return NULL;
}

static void long_call_js(napi_env env, napi_value js_cb, void *context, void *data) {
  (void)js_cb;
  (void)context;
  if (env == NULL) return; /* environment torn down: nothing to settle */
  async_settle(env, data);
}

static napi_value js_ioctl(napi_env env, napi_callback_info info) {
  ARGS(5);
  struct async_ioctl *a = calloc(1, sizeof *a);
  if (!a) return throw_errno(env, ENOMEM, "ioctl", NULL);
  if (!parse_ioctl(env, argc, argv, &a->call, true)) {
    free(a);
    return NULL;
  }
  bool is_long = argc > 4 && !is_nullish(env, argv[4]) && get_bool(env, argv[4], "long");
  a->refs = calloc(a->call.n_keep ? a->call.n_keep : 1, sizeof(napi_ref));
  for (size_t i = 0; i < a->call.n_keep; i++) napi_create_reference(env, a->call.keep[i], 1, &a->refs[i]);
  a->n_refs = a->call.n_keep;
  napi_value promise, name;
  napi_create_promise(env, &a->deferred, &promise);
  napi_create_string_utf8(env, is_long ? "cxl_nvme.ioctl.long" : "cxl_nvme.ioctl", NAPI_AUTO_LENGTH, &name);
  if (!is_long) {
    napi_create_async_work(env, NULL, name, pool_execute, pool_complete, a, &a->work);
    napi_queue_async_work(env, a->work);
    return promise;
  }
  /* A long command (Format NVM, Sanitize, firmware commit) may hold its thread for minutes: give it
   * its own detached thread so the 4-thread libuv pool stays free for fs and other ioctls. */
  napi_create_threadsafe_function(env, NULL, NULL, name, 0, 1, NULL, NULL, NULL, long_call_js, &a->tsfn);
  pthread_t th;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  int rc = pthread_create(&th, &attr, long_thread, a);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    napi_release_threadsafe_function(a->tsfn, napi_tsfn_abort);
    a->ret = -1;
    a->err = rc;
    async_settle(env, a);
  }
  return promise;
}

/* ---------------------------------------------------------------- AF_MCTP */

static napi_value js_mctp_socket(napi_env env, napi_callback_info info) {
  (void)info;
  /* Non-blocking: receive is driven by a uv_poll readiness watcher, never a blocking recv. */
  int fd = socket(AF_MCTP, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, errno, "socket", NULL);
  napi_value r;
  CHECK(env, napi_create_int32(env, fd, &r));
  return r;
}

static bool parse_mctp_addr(napi_env env, napi_value obj, struct cxn_sockaddr_mctp_ext *sa, socklen_t *len,
                            bool for_bind) {
  memset(sa, 0, sizeof *sa);
  int64_t net = 0, eid = CXN_MCTP_ADDR_ANY, type = 0, tag = 0, ifindex = -1;
  if (!get_int(env, obj, "net", &net, false) || !get_int(env, obj, "eid", &eid, !for_bind) ||
      !get_int(env, obj, "type", &type, true) || !get_int(env, obj, "tag", &tag, false) ||
      !get_int(env, obj, "ifindex", &ifindex, false)) {
    throw_type(env, "mctp address needs numeric net, eid and type");
    return false;
  }
  if (eid < 0 || eid > 255 || type < 0 || type > 255 || tag < 0 || tag > 255 || net < 0 || net > 0xffffffffLL) {
    throw_range(env, "mctp address field out of range");
    return false;
  }
  sa->smctp_base.smctp_family = AF_MCTP;
  sa->smctp_base.smctp_network = (unsigned int)net;
  sa->smctp_base.smctp_addr = (uint8_t)eid;
  sa->smctp_base.smctp_type = (uint8_t)type;
  sa->smctp_base.smctp_tag = (uint8_t)tag | (get_bool(env, obj, "tagOwner") ? CXN_MCTP_TAG_OWNER : 0);
  *len = sizeof(struct cxn_sockaddr_mctp);
  if (ifindex >= 0) {
    /* Extended addressing (MCTP_OPT_ADDR_EXT): route by interface + physical address. */
    napi_value haddr;
    bool has = false;
    napi_has_named_property(env, obj, "haddr", &has);
    void *hd = NULL;
    size_t hl = 0;
    if (has) {
      napi_get_named_property(env, obj, "haddr", &haddr);
      if (!is_nullish(env, haddr) && !bytes_of(env, haddr, &hd, &hl)) {
        throw_type(env, "mctp haddr must be a Uint8Array");
        return false;
      }
    }
    if (hl > CXN_MAX_ADDR_LEN) {
      throw_range(env, "mctp haddr longer than 32 bytes");
      return false;
    }
    sa->smctp_ifindex = (int)ifindex;
    sa->smctp_halen = (uint8_t)hl;
    if (hl) memcpy(sa->smctp_haddr, hd, hl);
    *len = sizeof(struct cxn_sockaddr_mctp_ext);
  }
  return true;
}

static napi_value js_mctp_bind(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t fd;
  CHECK(env, napi_get_value_int32(env, argv[0], &fd));
  struct cxn_sockaddr_mctp_ext sa;
  socklen_t len;
  if (!parse_mctp_addr(env, argv[1], &sa, &len, true)) return NULL;
  if (bind(fd, (struct sockaddr *)&sa, sizeof(struct cxn_sockaddr_mctp)) < 0)
    return throw_errno(env, errno, "bind", NULL);
  return NULL;
}

static napi_value js_mctp_set_addr_ext(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t fd;
  CHECK(env, napi_get_value_int32(env, argv[0], &fd));
  bool on = true;
  if (argc > 1) napi_get_value_bool(env, argv[1], &on);
  int v = on ? 1 : 0;
  if (setsockopt(fd, SOL_MCTP, CXN_MCTP_OPT_ADDR_EXT, &v, sizeof v) < 0)
    return throw_errno(env, errno, "setsockopt", NULL);
  return NULL;
}

static napi_value js_mctp_sendto(napi_env env, napi_callback_info info) {
  ARGS(3);
  int32_t fd;
  CHECK(env, napi_get_value_int32(env, argv[0], &fd));
  void *data = NULL;
  size_t len = 0;
  if (!bytes_of(env, argv[1], &data, &len)) return throw_type(env, "mctpSendTo: data must be a Uint8Array");
  struct cxn_sockaddr_mctp_ext sa;
  socklen_t salen;
  if (!parse_mctp_addr(env, argv[2], &sa, &salen, false)) return NULL;
  ssize_t n;
  do {
    n = sendto(fd, data, len, 0, (struct sockaddr *)&sa, salen);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return throw_errno(env, errno, "sendto", NULL);
  napi_value r;
  CHECK(env, napi_create_int64(env, (int64_t)n, &r));
  return r;
}

static void set_u32(napi_env env, napi_value obj, const char *key, uint32_t v) {
  napi_value x;
  napi_create_uint32(env, v, &x);
  napi_set_named_property(env, obj, key, x);
}

static void set_bool(napi_env env, napi_value obj, const char *key, bool v) {
  napi_value x;
  napi_get_boolean(env, v, &x);
  napi_set_named_property(env, obj, key, x);
}

/* Non-blocking receive of one datagram. null when nothing is queued (EAGAIN). MSG_TRUNC makes the
 * kernel report the datagram's real length, so a reply larger than maxLen is detected, not
 * silently cut (mctp_recvmsg, net/mctp/af_mctp.c). */
static napi_value js_mctp_recvfrom(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t fd;
  CHECK(env, napi_get_value_int32(env, argv[0], &fd));
  int64_t max_len = 0;
  CHECK(env, napi_get_value_int64(env, argv[1], &max_len));
  if (max_len < 0 || max_len > (1 << 24)) return throw_range(env, "mctpRecvFrom: maxLen out of range");
  uint8_t *buf = malloc(max_len ? (size_t)max_len : 1);
  if (!buf) return throw_errno(env, ENOMEM, "recvmsg", NULL);
  struct cxn_sockaddr_mctp_ext sa;
  memset(&sa, 0, sizeof sa);
  struct iovec iov = {.iov_base = buf, .iov_len = (size_t)max_len};
  struct msghdr msg = {.msg_name = &sa, .msg_namelen = sizeof sa, .msg_iov = &iov, .msg_iovlen = 1};
  ssize_t n;
  do {
    n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_TRUNC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    int e = errno;
    free(buf);
    if (e == EAGAIN || e == EWOULDBLOCK) {
      napi_value nul;
      napi_get_null(env, &nul);
      return nul;
    }
    return throw_errno(env, e, "recvmsg", NULL);
  }
  size_t got = (size_t)n < (size_t)max_len ? (size_t)n : (size_t)max_len;
  napi_value obj, data;
  void *copy;
  napi_status st = napi_create_buffer_copy(env, got, buf, &copy, &data);
  free(buf);
  CHECK(env, st);
  CHECK(env, napi_create_object(env, &obj));
  napi_set_named_property(env, obj, "data", data);
  set_u32(env, obj, "length", (uint32_t)n);
  set_bool(env, obj, "truncated", (msg.msg_flags & MSG_TRUNC) != 0 || (size_t)n > (size_t)max_len);
  set_u32(env, obj, "net", sa.smctp_base.smctp_network);
  set_u32(env, obj, "eid", sa.smctp_base.smctp_addr);
  set_u32(env, obj, "type", sa.smctp_base.smctp_type);
  set_u32(env, obj, "tag", sa.smctp_base.smctp_tag & CXN_MCTP_TAG_MASK);
  set_bool(env, obj, "tagOwner", (sa.smctp_base.smctp_tag & CXN_MCTP_TAG_OWNER) != 0);
  if (msg.msg_namelen >= sizeof(struct cxn_sockaddr_mctp_ext)) {
    set_u32(env, obj, "ifindex", (uint32_t)sa.smctp_ifindex);
    size_t hl = sa.smctp_halen < CXN_MAX_ADDR_LEN ? sa.smctp_halen : CXN_MAX_ADDR_LEN;
    napi_value haddr;
    void *hcopy;
    napi_create_buffer_copy(env, hl, sa.smctp_haddr, &hcopy, &haddr);
    napi_set_named_property(env, obj, "haddr", haddr);
  }
  return obj;
}

/* ---------------------------------------------------------------- readiness watcher */

struct watcher {
  uv_poll_t poll;
  napi_env env;
  napi_ref callback;
  napi_ref self; /* strong while active, so the handle object cannot be collected mid-watch */
  napi_async_context async_ctx;
  bool closing;
  bool uv_closed;
  bool js_gone;
};

static void watcher_maybe_free(struct watcher *w) {
  if (w->uv_closed && w->js_gone) free(w);
}

static void watcher_on_close(uv_handle_t *h) {
  struct watcher *w = h->data;
  w->uv_closed = true;
  watcher_maybe_free(w);
}

static void watcher_stop(napi_env env, struct watcher *w) {
  if (w->closing) return;
  w->closing = true;
  uv_poll_stop(&w->poll);
  uv_close((uv_handle_t *)&w->poll, watcher_on_close);
  napi_delete_reference(env, w->callback);
  napi_async_destroy(env, w->async_ctx);
  napi_delete_reference(env, w->self);
}

static void watcher_on_event(uv_poll_t *h, int status, int events) {
  (void)events;
  struct watcher *w = h->data;
  if (w->closing) return;
  napi_env env = w->env;
  napi_handle_scope scope;
  napi_open_handle_scope(env, &scope);
  napi_value cb, recv, arg, result;
  napi_get_reference_value(env, w->callback, &cb);
  napi_get_reference_value(env, w->self, &recv);
  if (status < 0)
    arg = errno_error(env, -status, "poll", NULL); /* libuv reports -errno on Unix */
  else
    napi_get_null(env, &arg);
  /* make_callback runs the microtask queue afterwards, so promises settled here resolve now. */
  napi_status st = napi_make_callback(env, w->async_ctx, recv, cb, 1, &arg, &result);
  if (st == napi_pending_exception) {
    napi_value exc;
    napi_get_and_clear_last_exception(env, &exc);
    napi_fatal_exception(env, exc);
  }
  napi_close_handle_scope(env, scope);
}

static void watcher_finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  struct watcher *w = data;
  if (!w->closing) watcher_stop(env, w);
  w->js_gone = true;
  watcher_maybe_free(w);
}

static napi_value js_watcher_close(napi_env env, napi_callback_info info) {
  napi_value self;
  CHECK(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  struct watcher *w;
  CHECK(env, napi_unwrap(env, self, (void **)&w));
  watcher_stop(env, w);
  return NULL;
}

/* watchReadable(fd, cb): call cb(null) on the event loop each time fd becomes readable (level
 * triggered: read until EAGAIN), cb(err) on a poll error. Returns { close() }. */
static napi_value js_watch_readable(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t fd;
  CHECK(env, napi_get_value_int32(env, argv[0], &fd));
  napi_valuetype t;
  napi_typeof(env, argv[1], &t);
  if (t != napi_function) return throw_type(env, "watchReadable: callback must be a function");
  uv_loop_t *loop;
  CHECK(env, napi_get_uv_event_loop(env, &loop));
  struct watcher *w = calloc(1, sizeof *w);
  if (!w) return throw_errno(env, ENOMEM, "poll", NULL);
  int rc = uv_poll_init(loop, &w->poll, fd);
  if (rc < 0) {
    free(w);
    return throw_errno(env, -rc, "poll", NULL);
  }
  w->poll.data = w;
  w->env = env;
  napi_value obj, close_fn, name;
  napi_create_object(env, &obj);
  napi_create_function(env, "close", NAPI_AUTO_LENGTH, js_watcher_close, NULL, &close_fn);
  napi_set_named_property(env, obj, "close", close_fn);
  napi_create_string_utf8(env, "cxl_nvme.watchReadable", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, obj, name, &w->async_ctx);
  napi_create_reference(env, argv[1], 1, &w->callback);
  napi_create_reference(env, obj, 1, &w->self);
  napi_wrap(env, obj, w, watcher_finalize, NULL, NULL);
  rc = uv_poll_start(&w->poll, UV_READABLE, watcher_on_event);
  if (rc < 0) {
    watcher_stop(env, w);
    return throw_errno(env, -rc, "poll", NULL);
  }
  return obj;
}

/* ---------------------------------------------------------------- module */

static napi_value init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"open", NULL, js_open, NULL, NULL, NULL, napi_enumerable, NULL},
      {"close", NULL, js_close, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ioctlSync", NULL, js_ioctl_sync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ioctl", NULL, js_ioctl, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mctpSocket", NULL, js_mctp_socket, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mctpBind", NULL, js_mctp_bind, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mctpSetAddrExt", NULL, js_mctp_set_addr_ext, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mctpSendTo", NULL, js_mctp_sendto, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mctpRecvFrom", NULL, js_mctp_recvfrom, NULL, NULL, NULL, napi_enumerable, NULL},
      {"watchReadable", NULL, js_watch_readable, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  napi_value v;
  napi_create_uint32(env, 1, &v);
  napi_set_named_property(env, exports, "abiVersion", v);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
