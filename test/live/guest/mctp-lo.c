/*
 * mctp-lo: bring `lo` up and give it MCTP endpoint ids, so AF_MCTP sockets in the guest can reach each other
 * (local delivery). Debian ships no `mctp` tool and busybox's `ip` knows nothing of AF_MCTP, so this speaks
 * rtnetlink directly. Built with `cc -static` by the harness and placed in the initramfs.
 *
 *   usage: mctp-lo EID [EID...]     exit 0 when lo is up and every EID is assigned (EEXIST counts as assigned)
 */
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#ifndef AF_MCTP
#define AF_MCTP 45
#endif

struct req {
  struct nlmsghdr n;
  union {
    struct ifinfomsg ifi;
    struct ifaddrmsg ifa;
  } u;
  char attrs[64];
};

/* Sends one request and returns the kernel's ack: 0 or -errno. */
static int nl_talk(struct req *r) {
  int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (s < 0) return -errno;
  struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
  if (sendto(s, r, r->n.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof sa) < 0) {
    int e = -errno;
    close(s);
    return e;
  }
  char buf[4096];
  ssize_t len = recv(s, buf, sizeof buf, 0);
  int e = len < 0 ? -errno : -EPROTO;
  close(s);
  struct nlmsghdr *h = (struct nlmsghdr *)buf;
  if (len >= (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) && h->nlmsg_type == NLMSG_ERROR)
    e = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
  return e;
}

static int link_up(int ifindex) {
  struct req r;
  memset(&r, 0, sizeof r);
  r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
  r.n.nlmsg_type = RTM_NEWLINK;
  r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
  r.u.ifi.ifi_family = AF_UNSPEC;
  r.u.ifi.ifi_index = ifindex;
  r.u.ifi.ifi_flags = IFF_UP;
  r.u.ifi.ifi_change = IFF_UP;
  return nl_talk(&r);
}

/* RTM_NEWADDR with family AF_MCTP and IFA_LOCAL = the one-byte EID (what `mctp addr add` sends). */
static int addr_add(int ifindex, uint8_t eid) {
  struct req r;
  memset(&r, 0, sizeof r);
  r.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
  r.n.nlmsg_type = RTM_NEWADDR;
  r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  r.u.ifa.ifa_family = AF_MCTP;
  r.u.ifa.ifa_index = ifindex;
  struct rtattr *a = (struct rtattr *)((char *)&r + NLMSG_ALIGN(r.n.nlmsg_len));
  a->rta_type = IFA_LOCAL;
  a->rta_len = RTA_LENGTH(1);
  memcpy(RTA_DATA(a), &eid, 1);
  r.n.nlmsg_len = NLMSG_ALIGN(r.n.nlmsg_len) + RTA_ALIGN(a->rta_len);
  return nl_talk(&r);
}

int main(int argc, char **argv) {
  int lo = (int)if_nametoindex("lo");
  if (lo == 0) {
    perror("mctp-lo: if_nametoindex(lo)");
    return 1;
  }
  int e = link_up(lo);
  printf("mctp-lo: lo (ifindex %d) up: %s\n", lo, e ? strerror(-e) : "ok");
  int rc = e ? 1 : 0;
  for (int i = 1; i < argc; i++) {
    char *end;
    long eid = strtol(argv[i], &end, 0);
    if (*end || eid < 8 || eid > 254) {
      /* 0-7 are reserved by DSP0236 and 255 is broadcast; the kernel would refuse them anyway. */
      fprintf(stderr, "mctp-lo: bad EID '%s'\n", argv[i]);
      rc = 1;
      continue;
    }
    e = addr_add(lo, (uint8_t)eid);
    printf("mctp-lo: lo eid %ld: %s\n", eid, e == 0 ? "ok" : e == -EEXIST ? "already set" : strerror(-e));
    if (e && e != -EEXIST) rc = 1;
  }
  return rc;
}
