/*
 * nfqdelay: a fixed one-way delay for the UXP benchmark harness (bench/run.sh).
 *
 * Binds NFQUEUE queue Q in the current network namespace and holds every packet queued there for
 * DELAY_MS milliseconds, then accepts it. The harness sends a namespace's incoming packets here with
 * `iptables -A INPUT -i <veth> -j NFQUEUE --queue-num Q`, i.e. the delay is applied at the receiving
 * end (held at the sender, TCP Small Queues would throttle TCP).
 *
 * A constant delay keeps packets in order, so held packets form a FIFO and one batch verdict
 * (nfq_set_verdict_batch: every packet id <= N) releases all that are due. Only metadata is copied to
 * user space (NFQNL_COPY_META). The queue holds at most MAXLEN packets; beyond that the kernel drops
 * them and counts them in /proc/net/netfilter/nfnetlink_queue (the harness reads that counter).
 *
 * Usage: nfqdelay -q QUEUE -d DELAY_MS [-m MAXLEN]; runs until SIGINT/SIGTERM, then prints a summary
 * on stderr; SIGUSR1 prints the counters since the previous SIGUSR1 (the harness does so per run) and
 * resets them. "released at most X ms late" is how far past its due time the latest packet was let go. Build: gcc -O2 -o nfqdelay nfqdelay.c -lnetfilter_queue -lnfnetlink
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef NETLINK_NO_ENOBUFS
#define NETLINK_NO_ENOBUFS 5
#endif
#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define RING (1u << 18)

struct held {
    uint32_t id;
    uint64_t due_ns;
};

static struct held ring[RING];
static uint32_t head, count;
static uint64_t delay_ns, total, overflow, max_held, enobufs, verdict_errors, max_late_ns, late_sum_ns, released;
static volatile sig_atomic_t stop, dump;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    (void)msg;
    (void)data;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (ph == NULL) {
        return 0;
    }
    uint32_t id = ntohl(ph->packet_id);
    total++;
    if (count == RING) { /* cannot happen with MAXLEN < RING; drop rather than reorder */
        overflow++;
        return nfq_set_verdict(qh, id, NF_DROP, 0, NULL);
    }
    ring[(head + count) % RING] = (struct held){id, now_ns() + delay_ns};
    count++;
    if (count > max_held) {
        max_held = count;
    }
    return 0;
}

static void on_signal(int sig) {
    if (sig == SIGUSR1) {
        dump = 1;
    } else {
        stop = 1;
    }
}

static void report(int queue, const char *what) {
    fprintf(stderr, "nfqdelay: queue %d %s: %llu packets, most held at once %llu, ring overflow %llu, ENOBUFS %llu, "
            "failed verdicts %llu, released at most %.2f ms late, %.3f ms late on average\n", queue, what, (unsigned long long)total,
            (unsigned long long)max_held, (unsigned long long)overflow, (unsigned long long)enobufs,
            (unsigned long long)verdict_errors, max_late_ns / 1e6, released ? late_sum_ns / 1e6 / released : 0.0);
}

int main(int argc, char **argv) {
    int queue = 0, opt;
    long delay_ms = 0, maxlen = 16384;
    while ((opt = getopt(argc, argv, "q:d:m:")) != -1) {
        switch (opt) {
        case 'q': queue = atoi(optarg); break;
        case 'd': delay_ms = atol(optarg); break;
        case 'm': maxlen = atol(optarg); break;
        default:
            fprintf(stderr, "usage: %s -q QUEUE -d DELAY_MS [-m MAXLEN]\n", argv[0]);
            return 2;
        }
    }
    if (delay_ms < 0 || maxlen <= 0 || maxlen >= (long)RING) {
        fprintf(stderr, "nfqdelay: bad delay or maxlen\n");
        return 2;
    }
    delay_ns = (uint64_t)delay_ms * 1000000ull;

    struct nfq_handle *h = nfq_open();
    if (h == NULL) {
        perror("nfq_open");
        return 1;
    }
    struct nfq_q_handle *qh = nfq_create_queue(h, (uint16_t)queue, on_packet, NULL);
    if (qh == NULL) {
        perror("nfq_create_queue");
        return 1;
    }
    if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0) {
        perror("nfq_set_mode");
        return 1;
    }
    if (nfq_set_queue_maxlen(qh, (uint32_t)maxlen) < 0) {
        perror("nfq_set_queue_maxlen");
    }
    /* hand GSO packets over whole instead of segmenting them first (harmless when GSO is off) */
    nfq_set_queue_flags(qh, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO);
    nfnl_rcvbufsiz(nfq_nfnlh(h), 16 * 1024 * 1024);
    int fd = nfq_fd(h);
    int one = 1;
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL); /* print the counters since the last SIGUSR1, then reset them */
    fprintf(stderr, "nfqdelay: queue %d, delay %ld ms, maxlen %ld\n", queue, delay_ms, maxlen);

    static char buf[1 << 16];
    while (!stop) {
        if (dump) {
            report(queue, "interval");
            total = max_held = overflow = enobufs = verdict_errors = max_late_ns = late_sum_ns = released = 0;
            dump = 0;
        }
        uint64_t now = now_ns();
        if (count > 0 && ring[head].due_ns <= now) {
            uint32_t n = 0;
            while (n < count && ring[(head + n) % RING].due_ns <= now) {
                late_sum_ns += now - ring[(head + n) % RING].due_ns;
                n++;
            }
            released += n;
            /* on failure (netlink send buffer full) keep them held and retry on the next turn */
            uint64_t late = now - ring[head].due_ns; /* the oldest released packet is the latest */
            if (late > max_late_ns) {
                max_late_ns = late;
            }
            if (nfq_set_verdict_batch(qh, ring[(head + n - 1) % RING].id, NF_ACCEPT) >= 0) {
                head = (head + n) % RING;
                count -= n;
            } else {
                verdict_errors++;
            }
        }
        struct timespec wait = {1, 0};
        if (count > 0 && verdict_errors > 0 && ring[head].due_ns <= now) {
            wait.tv_sec = 0;
            wait.tv_nsec = 100000; /* a verdict failed: retry soon */
        } else if (count > 0) {
            uint64_t due = ring[head].due_ns, left = due > now ? due - now : 0;
            wait.tv_sec = (time_t)(left / 1000000000ull);
            wait.tv_nsec = (long)(left % 1000000000ull);
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = ppoll(&pfd, 1, &wait, NULL);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("ppoll");
            break;
        }
        if (r == 0) {
            continue;
        }
        /* drain what is readable, bounded so due packets are not starved */
        for (int i = 0; i < 256; i++) {
            ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n < 0) {
                if (errno == ENOBUFS) {
                    enobufs++;
                    continue;
                }
                break;
            }
            nfq_handle_packet(h, buf, (int)n);
        }
    }
    /* release what is still held so nothing waits for a verdict that never comes */
    if (count > 0) {
        nfq_set_verdict_batch(qh, ring[(head + count - 1) % RING].id, NF_ACCEPT);
    }
    report(queue, "exit");
    nfq_destroy_queue(qh);
    nfq_close(h);
    return 0;
}
