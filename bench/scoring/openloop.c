/*
 * openloop: a constant-rate (open-loop) HTTP/1.1 load generator for latency at a fixed rate.
 *
 * Each of C keep-alive connections sends one request every C/R seconds on its own fixed schedule
 * (the connections' schedules are staggered). Latency is measured from when a request was DUE,
 * not from when it could be sent: when the server falls behind, the wait for a free connection
 * counts, so a stall is not hidden by the generator slowing down (no coordinated omission; the
 * approach of wrk2, which Debian does not package). Timing uses a timerfd, so sends are not
 * rounded to epoll's millisecond timeouts. Single-threaded: a few microseconds of CPU per request.
 *
 *   build: cc -O2 -o openloop openloop.c
 *   usage: openloop -r RATE -c CONNECTIONS -d SECONDS -b BODY_FILE [-w WARMUP_SECONDS] http://HOST:PORT/PATH
 * Prints the achieved rate, responses by class, and latency percentiles in microseconds; exits 1
 * if any response was not 200, a connection failed, a response came that no request asked for,
 * or requests were still unanswered 10 s after the end. The generator's own delays (it shares the
 * machine) count as latency too, so the figures err on the slow side.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    int busy;           /* a request is out, its response not yet complete */
    uint64_t due;       /* when the next request (or the one out) was due, ns */
    uint64_t interval;  /* ns between this connection's requests */
    char in[65536];
    size_t have;
} conn_t;

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000ull + (uint64_t) t.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(2);
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

/* Length of a complete response at the start of buf (headers + Content-Length body), or 0. Sets *status. */
static size_t complete(const char *buf, size_t have, int *status) {
    const char *end = memmem(buf, have, "\r\n\r\n", 4);
    if (end == NULL) {
        return 0;
    }
    size_t head = (size_t) (end - buf) + 4;
    long length = -1;
    for (const char *p = buf; p < end; p++) {
        if ((p == buf || p[-1] == '\n') && strncasecmp(p, "content-length:", 15) == 0) {
            const char *v = p + 15;
            while (*v == ' ' || *v == '\t') v++;
            char *after;
            length = strtol(v, &after, 10);
            if (after == v || length < 0) {
                fprintf(stderr, "openloop: a response with a bad Content-Length\n");
                exit(2);
            }
        }
    }
    if (length < 0) {
        fprintf(stderr, "openloop: a response without Content-Length\n");
        exit(2);
    }
    if (have < head + (size_t) length) {
        return 0;
    }
    *status = atoi(buf + 9);
    return head + (size_t) length;
}

int main(int argc, char **argv) {
    double rate = 0, seconds = 10, warmup = 1;
    int connections = 16;
    const char *body_file = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "r:c:d:b:w:")) != -1) {
        switch (opt) {
            case 'r': rate = atof(optarg); break;
            case 'c': connections = atoi(optarg); break;
            case 'd': seconds = atof(optarg); break;
            case 'b': body_file = optarg; break;
            case 'w': warmup = atof(optarg); break;
            default: goto usage;
        }
    }
    if (optind != argc - 1 || rate <= 0 || connections < 1 || seconds <= 0 || warmup < 0 || body_file == NULL) {
usage:
        fprintf(stderr, "usage: openloop -r RATE -c CONNECTIONS -d SECONDS -b BODY_FILE [-w WARMUP_SECONDS]"
                        " http://HOST:PORT/PATH\n");
        return 2;
    }
    char host[256];
    int port;
    char path[1024];
    if (sscanf(argv[optind], "http://%255[^:/]:%d%1023s", host, &port, path) != 3) {
        fprintf(stderr, "openloop: the URL must be http://HOST:PORT/PATH with a numeric IPv4 HOST\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a write to a connection the server reset is an error to report, not a silent death */
    FILE *f = fopen(body_file, "rb");
    if (f == NULL) die(body_file);
    struct stat st;
    if (fstat(fileno(f), &st) != 0) die(body_file);
    char *body = malloc((size_t) st.st_size);
    if (fread(body, 1, (size_t) st.st_size, f) != (size_t) st.st_size) die(body_file);
    fclose(f);
    char *request = malloc((size_t) st.st_size + 2048);
    int head = snprintf(request, 2048, "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                        "Content-Length: %lld\r\n\r\n", path, host, port, (long long) st.st_size);
    memcpy(request + head, body, (size_t) st.st_size);
    size_t request_length = (size_t) head + (size_t) st.st_size;

    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "openloop: %s is not a numeric IPv4 address\n", host);
        return 2;
    }
    int ep = epoll_create1(0);
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    if (ep < 0 || timer < 0) die("epoll/timerfd");
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(ep, EPOLL_CTL_ADD, timer, &tev);

    conn_t *conns = calloc((size_t) connections, sizeof(conn_t));
    uint64_t interval = (uint64_t) (1e9 * connections / rate);
    uint64_t start = now_ns() + 100000000ull;  /* connect first, then start on the schedule */
    for (int i = 0; i < connections; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) die("connect");
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, O_NONBLOCK);
        conns[i].fd = fd;
        conns[i].interval = interval;
        conns[i].due = start + interval * (uint64_t) i / (uint64_t) connections;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t) i};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    uint64_t measure_from = start + (uint64_t) (warmup * 1e9);
    uint64_t stop = measure_from + (uint64_t) (seconds * 1e9);
    size_t capacity = (size_t) (rate * seconds * 1.1) + 1024, count = 0;
    uint64_t *latencies = malloc(capacity * sizeof(uint64_t));
    long ok = 0, not_ok = 0;
    uint64_t last_arrival = measure_from;
    struct epoll_event events[256];

    for (;;) {
        uint64_t t = now_ns();
        /* send every request that is due on an idle connection; find the next due time */
        uint64_t next = UINT64_MAX;
        int open = 0;
        for (int i = 0; i < connections; i++) {
            conn_t *c = &conns[i];
            if (c->due >= stop) {
                if (c->busy) open++;
                continue;
            }
            open++;
            if (c->busy) continue;
            if (c->due <= t) {
                ssize_t n = write(c->fd, request, request_length);
                if (n != (ssize_t) request_length) {
                    fprintf(stderr, "openloop: a request could not be written in one go (%zd bytes): %s\n", n,
                            n < 0 ? strerror(errno) : "short write");
                    return 1;
                }
                c->busy = 1;
            } else if (c->due < next) {
                next = c->due;
            }
        }
        if (open == 0) break;
        if (t > stop + 10000000000ull) {
            fprintf(stderr, "openloop: %d requests still unanswered 10 s after the end; the server stopped answering\n",
                    open);
            return 1;
        }
        if (next != UINT64_MAX) {
            struct itimerspec its = {.it_value = {.tv_sec = (time_t) (next / 1000000000ull),
                                                  .tv_nsec = (long) (next % 1000000000ull)}};
            timerfd_settime(timer, TFD_TIMER_ABSTIME, &its, NULL);
        }
        int n = epoll_wait(ep, events, 256, 1000);
        if (n < 0 && errno != EINTR) die("epoll_wait");
        uint64_t arrived = now_ns();
        for (int e = 0; e < n; e++) {
            if (events[e].data.u32 == UINT32_MAX) {
                uint64_t expirations;
                while (read(timer, &expirations, sizeof expirations) > 0) {}
                continue;
            }
            conn_t *c = &conns[events[e].data.u32];
            if (c->have == sizeof c->in) {
                fprintf(stderr, "openloop: a response larger than %zu bytes; this generator is for small answers\n",
                        sizeof c->in);
                return 2;
            }
            ssize_t r = read(c->fd, c->in + c->have, sizeof c->in - c->have);
            if (r == 0 || (r < 0 && errno != EAGAIN)) {
                fprintf(stderr, "openloop: the server closed a connection\n");
                return 1;
            }
            if (r < 0) continue;
            c->have += (size_t) r;
            if (!c->busy) {
                fprintf(stderr, "openloop: a response arrived on a connection with no request out\n");
                return 1;
            }
            int status = 0;
            size_t used = complete(c->in, c->have, &status);
            if (used == 0) continue;
            if (c->due >= measure_from && c->due < stop) {
                if (status == 200) ok++; else not_ok++;
                if (count == capacity) {
                    capacity *= 2;
                    latencies = realloc(latencies, capacity * sizeof(uint64_t));
                    if (latencies == NULL) die("realloc");
                }
                latencies[count++] = arrived - c->due;
                last_arrival = arrived;
            }
            memmove(c->in, c->in + used, c->have - used);
            c->have -= used;
            if (c->have > 0) {
                fprintf(stderr, "openloop: more than one response to one request\n");
                return 1;
            }
            c->busy = 0;
            c->due += c->interval;
        }
    }
    qsort(latencies, count, sizeof(uint64_t), cmp_u64);
    /* over the wall-clock time the measured requests took: a server that falls behind finishes late */
    double elapsed = (double) (last_arrival - measure_from) / 1e9;
    double achieved = (double) (ok + not_ok) / (elapsed > seconds ? elapsed : seconds);
    printf("target %.0f req/s over %d connections for %.1f s: achieved %.0f req/s (%.2f of the target)\n",
           rate, connections, seconds, achieved, achieved / rate);
    printf("responses: %ld 200, %ld other\n", ok, not_ok);
    if (count > 0) {
        double q[] = {0.5, 0.9, 0.99, 0.999};
        printf("latency us:");
        for (int k = 0; k < 4; k++) {
            printf(" p%g %.0f", q[k] * 100, latencies[(size_t) (q[k] * (double) (count - 1))] / 1e3);
        }
        printf(" max %.0f\n", latencies[count - 1] / 1e3);
    }
    return not_ok > 0 ? 1 : 0;
}
