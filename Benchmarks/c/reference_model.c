/*
 * reference_model.c: a hand-written C implementation of the reference MKBA benefit model
 * (shared/reference/reference-model.md: 20 independent inputs, 8 benefit lines, 5 years,
 * 3 cost lines), for side-by-side speed comparisons with Rendement (Benchmarks/compare.sh).
 * C11, libc and libm only.
 *
 *   gcc -O3 -march=native -pthread -o reference_model reference_model.c -lm
 *
 *   reference_model N THREADS SEED [--pert exact|table] [--select-plain]   one JSON line
 *   reference_model --pert-table-report          accuracy of the PERT tables, then exit
 *
 * N may be written 1e6. The JSON line has n, threads, seed, pert, time_s (wall clock of
 * sampling + model + statistics), setup_s (not in time_s: ziggurat and PERT tables),
 * sample_s and stats_s (the two parts of time_s), samples_per_s = n / time_s, npv_mean,
 * npv_sd, npv_se, p_npv_pos, p_npv_pos_se, npv_p5/p50/p95, bcr_mean, bcr_sd, bcr_p5/p50/p95,
 * pv_b_mean, pv_c_mean, bcr_of_means.
 *
 * How:
 *   - random numbers: xoshiro256++ (Blackman & Vigna), seeded by splitmix64(SEED); the samples
 *     are cut into blocks of 2^16 and block b uses the base stream jumped b times (jump() =
 *     2^128 steps), so blocks never overlap. Threads take blocks from an atomic counter; every
 *     block writes its own slice of the output arrays and its own partial sums, which are merged
 *     in block order afterwards: the output is bit-identical for any thread count.
 *   - inside a block, 512 samples at a time are drawn column by column (one input at a time, in
 *     the specification's order), so every distribution runs in a tight loop and the transforms
 *     that do not touch the RNG run four at a time (AVX2: sqrt, exp); then the
 *     512 samples go through the model.
 *   - normals: 256-layer ziggurat (Marsaglia & Tsang 2000), 64-bit variant: the low 8 bits of
 *     one draw pick the layer, bit 8 the sign, the top 53 bits the position; the tail beyond
 *     R = 3.6541528853610088 exactly by Marsaglia's (1964) method, the wedges by rejection
 *     against exp(-x^2/2). Layer edges are computed at start-up from R (top layer closes to
 *     1e-13).
 *   - truncnormal0: N(m, s^2) conditioned on X > 0 by rejection (redraw while X <= 0);
 *     lognormal90: exp(mu + sigma Z) (AVX2 builds: glibc libmvec's 4-wide exp, within 3 ulp
 *     of the scalar exp, measured); triangular: inverse CDF; uniform: lo + (hi-lo) U with
 *     U = (53 random bits) * 2^-53.
 *   - PERT, --pert exact: lo + (hi-lo) Ga/(Ga+Gb), Marsaglia-Tsang (2000) gammas (shapes >= 1).
 *     --pert table (default): each PERT input's inverse CDF, tabulated at 16,384 equal steps of
 *     u (16,385 knots, solved at start-up by safeguarded Newton on the regularised incomplete
 *     beta; |I(q_j) - u_j| <= 1.5e-15, checked against scipy.special.betainc) and interpolated
 *     linearly; the top 14 bits of U choose the interval, the next 39 the position in it.
 *     ERROR BOUND of the table, measured by --pert-table-report for the five PERT inputs
 *     (alpha, beta between 2.6 and 3.4): Kolmogorov distance to the exact Beta <= 2.6e-5 (all
 *     of it in the first and last intervals, where Q(u) ~ u^(1/alpha) has no bounded second
 *     derivative; <= 3.1e-8 for 0.01 <= u <= 0.99); relative bias of the mean <= 9.6e-7 (0 for
 *     the symmetric p4), of the sd <= 1.1e-5; resulting bias of E[NPV] +2.31 EUR (0.00025% of
 *     915,120; the MC standard error is ~1,450 EUR at N = 1e6 and ~145 at N = 1e8).
 *   - statistics over all N samples: NPV and BCR are stored per sample as doubles; mean and sd
 *     (ddof 1) from per-chunk two-pass sums merged in block order (Chan, Golub & LeVeque);
 *     P(NPV > 0) strictly; p5/p50/p95 exactly as numpy.percentile's default ("linear",
 *     Hyndman-Fan 7, including numpy's lerp), by selection, never a full sort. For N >= 2^19
 *     a Floyd-Rivest-style step first brackets each target rank between two pivots taken from a
 *     systematic sample of 2^16 values, one pass counts the values below each bracket and copies
 *     those inside it (~4.5% of N), and quickselect finishes on the copies; otherwise, or if a
 *     bracket misses (~1e-9), in-place quickselect (median of three, Hoare partition): the
 *     median on the whole array, p5 and p95 in the parts it leaves (--select-plain forces this
 *     path; the two give identical results). NPV and BCR are selected concurrently when
 *     THREADS >= 2. Checked bit for bit against numpy.percentile.
 *   - the output arrays are allocated in transparent huge pages where Linux allows it (about
 *     10% faster at N = 1e7: fewer page faults); -DNO_HUGEPAGES turns that off, -DNO_SIMD the
 *     AVX2 loops.
 */
#define _GNU_SOURCE /* madvise, MADV_HUGEPAGE */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define BLOCK_LOG2 16
#define BLOCK ((uint64_t)1 << BLOCK_LOG2) /* samples per RNG stream */
#define CHUNK 512                         /* samples drawn column-wise at a time */
#define TABLE_LOG2 14
#define TABLE_N (1 << TABLE_LOG2) /* PERT inverse-CDF intervals */
#define MAX_THREADS 256

/* ------------------------------------------------------------------ model constants */
static const double DISCOUNT = 0.0225;
static const double DROP_OFF = 0.20;
static const int YEARS = 5;
static const double Z95 = 1.6448536269514722;
static const double PI_ = 3.14159265358979323846;
static double H_BEN; /* sum_t (1-d)^(t-1) / (1+r)^t = 3.176722101603222 */
static double A_ANN; /* sum_t 1 / (1+r)^t          = 4.679452529122826 */

/* ------------------------------------------------------------------ xoshiro256++ */
typedef struct {
    uint64_t s[4];
} rng_t;

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t rng_next(rng_t *r) {
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[0] + s[3], 23) + s[0];
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Equivalent to 2^128 calls of rng_next (Blackman & Vigna's reference jump()). */
static void rng_jump(rng_t *r) {
    static const uint64_t JUMP[] = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL, 0xa9582618e03fc9aaULL,
                                    0x39abdc4529b1661cULL};
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 64; b++) {
            if (JUMP[i] & ((uint64_t)1 << b)) {
                s0 ^= r->s[0];
                s1 ^= r->s[1];
                s2 ^= r->s[2];
                s3 ^= r->s[3];
            }
            rng_next(r);
        }
    r->s[0] = s0;
    r->s[1] = s1;
    r->s[2] = s2;
    r->s[3] = s3;
}

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* U in [0, 1), 53 random bits. */
static inline double u01(rng_t *r) { return (double)(int64_t)(rng_next(r) >> 11) * 0x1.0p-53; }
/* U in (0, 1], for logarithms. */
static inline double u01_open(rng_t *r) { return (double)(int64_t)((rng_next(r) >> 11) + 1) * 0x1.0p-53; }

/* ------------------------------------------------------------------ ziggurat normals */
/* 256 layers of equal area V under f(x) = exp(-x^2/2), x >= 0. Layer 0 is the base strip
 * [0, R] x [0, f(R)] plus the tail beyond R, with virtual width X[0] = V / f(R); layer i >= 1
 * is [0, X[i]] x [f(X[i]), f(X[i+1])], X[1] = R, X[i+1] = f^-1(f(X[i]) + V / X[i]), X[256] = 0. */
static const double ZIG_R = 3.6541528853610088;
static double zig_v;
static double zig_x[257], zig_f[257], zig_w[256];
static uint64_t zig_k[256]; /* accept at once when the 53-bit position u < zig_k[i] (x < X[i+1]) */

static double zig_setup(void) {
    zig_v = ZIG_R * exp(-0.5 * ZIG_R * ZIG_R) + sqrt(PI_ / 2) * erfc(ZIG_R / sqrt(2.0));
    zig_x[0] = zig_v / exp(-0.5 * ZIG_R * ZIG_R);
    zig_x[1] = ZIG_R;
    for (int i = 1; i < 255; i++) zig_x[i + 1] = sqrt(-2 * log(zig_v / zig_x[i] + exp(-0.5 * zig_x[i] * zig_x[i])));
    zig_x[256] = 0;
    for (int i = 0; i <= 256; i++) zig_f[i] = exp(-0.5 * zig_x[i] * zig_x[i]);
    for (int i = 0; i < 256; i++) {
        zig_k[i] = (uint64_t)(zig_x[i + 1] / zig_x[i] * 0x1.0p53);
        zig_w[i] = zig_x[i] * 0x1.0p-53;
    }
    /* how well the 256 layers close at the top: area of the top layer / V - 1 (-1.4e-13) */
    return zig_x[255] * (1 - zig_f[255]) / zig_v - 1;
}

static double normal_slow(rng_t *r, unsigned i, double x, uint64_t sign);

static inline double std_normal(rng_t *r) {
    const uint64_t b = rng_next(r);
    const unsigned i = (unsigned)(b & 0xff);
    const uint64_t u = b >> 11;
    const uint64_t sign = (b & 0x100) << 55;
    const double x = (double)(int64_t)u * zig_w[i];
    if (__builtin_expect(u < zig_k[i], 1)) {
        uint64_t bits;
        memcpy(&bits, &x, 8);
        bits ^= sign;
        double y;
        memcpy(&y, &bits, 8);
        return y;
    }
    /* a copy for the out-of-line slow path, so that the caller's state can stay in registers */
    rng_t tmp = *r;
    const double y = normal_slow(&tmp, i, x, sign);
    *r = tmp;
    return y;
}

static double normal_slow(rng_t *r, unsigned i, double x, uint64_t sign) {
    for (;;) {
        if (i == 0) { /* the tail beyond R, exactly */
            double t, y;
            do {
                t = -log(u01_open(r)) / ZIG_R;
                y = -log(u01_open(r));
            } while (y + y < t * t);
            x = ZIG_R + t;
        } else if (zig_f[i] + u01(r) * (zig_f[i + 1] - zig_f[i]) >= exp(-0.5 * x * x)) {
            x = -1; /* rejected in the wedge */
        }
        if (x >= 0) return sign ? -x : x;
        const uint64_t b = rng_next(r); /* start again */
        i = (unsigned)(b & 0xff);
        const uint64_t u = b >> 11;
        sign = (b & 0x100) << 55;
        x = (double)(int64_t)u * zig_w[i];
        if (u < zig_k[i]) return sign ? -x : x;
    }
}

/* ------------------------------------------------------------------ gamma, beta, PERT */
/* Marsaglia & Tsang (2000) for shape a >= 1: d = a - 1/3, c = 1/sqrt(9d). */
static inline double gamma_mt(rng_t *r, double d, double c) {
    for (;;) {
        double z, v;
        do {
            z = std_normal(r);
            v = 1 + c * z;
        } while (v <= 0);
        v = v * v * v;
        const double u = u01(r);
        const double z2 = z * z;
        if (u < 1 - 0.0331 * z2 * z2) return d * v;
        if (log(u) < 0.5 * z2 + d * (1 - v + log(v))) return d * v;
    }
}

/* Continued fraction of the regularised incomplete beta (Lentz; Numerical Recipes, betacf). */
static double betacf(double a, double b, double x) {
    const double FPMIN = 1e-300;
    const double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < FPMIN) d = FPMIN;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; m++) {
        const int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (fabs(d) < FPMIN) d = FPMIN;
        c = 1 + aa / c;
        if (fabs(c) < FPMIN) c = FPMIN;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (fabs(d) < FPMIN) d = FPMIN;
        c = 1 + aa / c;
        if (fabs(c) < FPMIN) c = FPMIN;
        d = 1 / d;
        const double del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-16) break;
    }
    return h;
}

/* I_x(a, b); lbeta = ln B(a, b). */
static double incbeta(double x, double a, double b, double lbeta) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const double front = exp(a * log(x) + b * log1p(-x) - lbeta);
    if (x < (a + 1) / (a + b + 2)) return front * betacf(a, b, x) / a;
    return 1 - front * betacf(b, a, 1 - x) / b;
}

static double beta_pdf(double x, double a, double b, double lbeta) {
    if (x <= 0 || x >= 1) return 0;
    return exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lbeta);
}

/* Inverse of I_x(a, b) = u in [lo, hi], by Newton's method kept inside a shrinking bracket.
 * A Newton step of size d from x leaves an error of about |f'/(2f)| d^2 (under 200 d^2 for the
 * shapes here), so a step below 1e-9 is taken as final without another evaluation. */
static double incbeta_inv(double u, double a, double b, double lbeta, double guess, double lo, double hi) {
    double x = (guess > lo && guess < hi) ? guess : 0.5 * (lo + hi);
    for (int it = 0; it < 200; it++) {
        const double f = incbeta(x, a, b, lbeta) - u;
        if (f == 0) return x;
        if (f < 0)
            lo = x;
        else
            hi = x;
        const double p = beta_pdf(x, a, b, lbeta);
        double xn = p > 0 ? x - f / p : 0.5 * (lo + hi);
        const int newton = xn > lo && xn < hi;
        if (!newton) xn = 0.5 * (lo + hi);
        if ((newton && fabs(xn - x) < 1e-9) || hi - lo <= 4e-16 * hi) return xn;
        x = xn;
    }
    return x;
}

/* The inverse CDF of Beta(a, b) at u = j / TABLE_N, j = 0..TABLE_N, on [0, 1]; each knot starts
 * from the cubic extrapolation of the previous ones (one incomplete-beta evaluation per knot,
 * mostly). */
static void beta_inverse_table(double a, double b, double *q) {
    const double lbeta = lgamma(a) + lgamma(b) - lgamma(a + b);
    q[0] = 0;
    q[TABLE_N] = 1;
    for (int j = 1; j < TABLE_N; j++) {
        const double u = (double)j / TABLE_N;
        double guess;
        if (j == 1)
            guess = pow(u * a * exp(lbeta), 1 / a); /* I_x ~ x^a / (a B) near 0 */
        else if (j < 4)
            guess = 2 * q[j - 1] - q[j - 2];
        else
            guess = 3 * q[j - 1] - 3 * q[j - 2] + q[j - 3];
        q[j] = incbeta_inv(u, a, b, lbeta, guess, q[j - 1], 1);
    }
}

/* ------------------------------------------------------------------ the 20 inputs */
enum kind { PERT, TRI, UNIF, LOGN, TRUNCN };

typedef struct {
    const char *name;
    enum kind kind;
    double p1, p2, p3; /* as written in the specification */
    /* derived at setup */
    double lo, width;          /* uniform, PERT */
    double hi, fc, k1, k2;     /* triangular: F(mode), (hi-lo)(mode-lo), (hi-lo)(hi-mode) */
    double mu, sigma;          /* lognormal90: log-scale; truncnormal0: m, s */
    double alpha, beta;        /* PERT shapes */
    double gd_a, gc_a, gd_b, gc_b; /* Marsaglia-Tsang constants of the two gammas */
    double *table;             /* PERT: lo + (hi-lo) Q(j / TABLE_N), j = 0..TABLE_N */
} input_t;

#define N_INPUTS 20
/* pert: (lo, mode, hi); tri: (lo, mode, hi); uniform: (lo, hi); lognormal90: (p5, p95);
 * truncnormal0: (m, s). Sampling order = the specification's. */
static input_t IN[N_INPUTS] = {
    {.name = "V", .kind = PERT, .p1 = 800, .p2 = 1000, .p3 = 1300}, /* participants */
    {.name = "p1", .kind = PERT, .p1 = 0.03, .p2 = 0.08, .p3 = 0.15}, /* effect probabilities, lines 1..8 */
    {.name = "p2", .kind = TRI, .p1 = 0.05, .p2 = 0.15, .p3 = 0.30},
    {.name = "p3", .kind = UNIF, .p1 = 0.02, .p2 = 0.10},
    {.name = "p4", .kind = PERT, .p1 = 0.10, .p2 = 0.25, .p3 = 0.40},
    {.name = "p5", .kind = TRI, .p1 = 0.02, .p2 = 0.05, .p3 = 0.12},
    {.name = "p6", .kind = UNIF, .p1 = 0.05, .p2 = 0.20},
    {.name = "p7", .kind = PERT, .p1 = 0.05, .p2 = 0.15, .p3 = 0.30},
    {.name = "p8", .kind = TRI, .p1 = 0.02, .p2 = 0.06, .p3 = 0.10},
    {.name = "u1", .kind = LOGN, .p1 = 8000, .p2 = 20000}, /* unit values (EUR per effect-year), lines 1..6 */
    {.name = "u2", .kind = TRUNCN, .p1 = 2500, .p2 = 800},
    {.name = "u3", .kind = LOGN, .p1 = 5000, .p2 = 40000},
    {.name = "u4", .kind = TRUNCN, .p1 = 1200, .p2 = 500},
    {.name = "u5", .kind = LOGN, .p1 = 10000, .p2 = 30000},
    {.name = "u6", .kind = TRUNCN, .p1 = 3000, .p2 = 1500},
    {.name = "att", .kind = PERT, .p1 = 0.40, .p2 = 0.60, .p3 = 0.85}, /* attribution, all lines */
    {.name = "dw", .kind = UNIF, .p1 = 0.10, .p2 = 0.35}, /* deadweight, all lines */
    {.name = "c1", .kind = TRUNCN, .p1 = 3000, .p2 = 600}, /* delivery cost per participant, t = 0 */
    {.name = "c2", .kind = TRI, .p1 = 250000, .p2 = 400000, .p3 = 700000}, /* one-off set-up cost, t = 0 */
    {.name = "c3", .kind = LOGN, .p1 = 60000, .p2 = 150000}, /* overhead per year, t = 1..5 */
};
enum { iV, ip1, ip2, ip3, ip4, ip5, ip6, ip7, ip8, iu1, iu2, iu3, iu4, iu5, iu6, iatt, idw, ic1, ic2, ic3 };

static double setup_inputs(void) {
    H_BEN = 0;
    A_ANN = 0;
    for (int t = 1; t <= YEARS; t++) {
        H_BEN += pow(1 - DROP_OFF, t - 1) / pow(1 + DISCOUNT, t);
        A_ANN += 1 / pow(1 + DISCOUNT, t);
    }
    double zig_closure = zig_setup();
    for (int k = 0; k < N_INPUTS; k++) {
        input_t *p = &IN[k];
        switch (p->kind) {
        case PERT:
            p->lo = p->p1;
            p->hi = p->p3;
            p->width = p->p3 - p->p1;
            p->alpha = 1 + 4 * (p->p2 - p->p1) / p->width;
            p->beta = 1 + 4 * (p->p3 - p->p2) / p->width;
            p->gd_a = p->alpha - 1.0 / 3;
            p->gc_a = 1 / sqrt(9 * p->gd_a);
            p->gd_b = p->beta - 1.0 / 3;
            p->gc_b = 1 / sqrt(9 * p->gd_b);
            break;
        case TRI:
            p->lo = p->p1;
            p->hi = p->p3;
            p->width = p->p3 - p->p1;
            p->fc = (p->p2 - p->p1) / p->width;
            p->k1 = p->width * (p->p2 - p->p1);
            p->k2 = p->width * (p->p3 - p->p2);
            break;
        case UNIF:
            p->lo = p->p1;
            p->width = p->p2 - p->p1;
            break;
        case LOGN:
            p->mu = (log(p->p1) + log(p->p2)) / 2;
            p->sigma = (log(p->p2) - log(p->p1)) / (2 * Z95);
            break;
        case TRUNCN:
            p->mu = p->p1;
            p->sigma = p->p2;
            break;
        }
    }
    return zig_closure;
}

/* Builds the PERT inverse-CDF tables, scaled to each input's [lo, hi]. */
static void setup_tables(void) {
    double *unit = malloc(sizeof(double) * (TABLE_N + 1));
    for (int k = 0; k < N_INPUTS; k++) {
        input_t *p = &IN[k];
        if (p->kind != PERT) continue;
        beta_inverse_table(p->alpha, p->beta, unit);
        p->table = aligned_alloc(64, sizeof(double) * (TABLE_N + 8));
        for (int j = 0; j <= TABLE_N; j++) p->table[j] = p->lo + p->width * unit[j];
        p->table[TABLE_N] = p->hi;
    }
    free(unit);
}

/* ------------------------------------------------------------------ sampling one chunk */
static inline void fill_u01(rng_t *r, double *restrict x, int m) {
    for (int j = 0; j < m; j++) x[j] = u01(r);
}

static inline void fill_normal(rng_t *r, double *restrict x, int m) {
    for (int j = 0; j < m; j++) x[j] = std_normal(r);
}

/* x[j] = exp(mu + s x[j]) and lo + sqrt(...) / hi - sqrt(...): with AVX2 four at a time, by hand
 * (gcc does not vectorise sqrt and exp loops without -fno-math-errno); exp from glibc's libmvec
 * (_ZGVdN4v_exp, linked through libm's linker script; within 3 ulp of the scalar exp, measured).
 * -DNO_SIMD for the plain scalar loops. */
#if defined(__AVX2__) && defined(__FMA__) && !defined(NO_SIMD)
#define USE_AVX2 1
#include <immintrin.h>
#if defined(__GLIBC__) && defined(__x86_64__)
__m256d _ZGVdN4v_exp(__m256d);
#define EXP4(v) _ZGVdN4v_exp(v)
#endif
#endif

static void lognormal_tf(double *restrict x, int m, double mu, double s) {
    int j = 0;
#ifdef EXP4
    const __m256d vmu = _mm256_set1_pd(mu), vs = _mm256_set1_pd(s);
    for (; j + 4 <= m; j += 4) _mm256_storeu_pd(x + j, EXP4(_mm256_fmadd_pd(vs, _mm256_loadu_pd(x + j), vmu)));
#endif
    for (; j < m; j++) x[j] = exp(mu + s * x[j]);
}

static void triangular_tf(double *restrict x, int m, double lo, double hi, double fc, double k1, double k2) {
    int j = 0;
#ifdef USE_AVX2
    const __m256d vfc = _mm256_set1_pd(fc), vk1 = _mm256_set1_pd(k1), vk2 = _mm256_set1_pd(k2),
                  vlo = _mm256_set1_pd(lo), vhi = _mm256_set1_pd(hi), one = _mm256_set1_pd(1);
    for (; j + 4 <= m; j += 4) {
        const __m256d u = _mm256_loadu_pd(x + j);
        const __m256d left = _mm256_cmp_pd(u, vfc, _CMP_LT_OQ);
        const __m256d arg = _mm256_blendv_pd(_mm256_mul_pd(_mm256_sub_pd(one, u), vk2), _mm256_mul_pd(u, vk1), left);
        const __m256d r = _mm256_sqrt_pd(arg);
        _mm256_storeu_pd(x + j, _mm256_blendv_pd(_mm256_sub_pd(vhi, r), _mm256_add_pd(vlo, r), left));
    }
#endif
    for (; j < m; j++) {
        const double u = x[j];
        x[j] = u < fc ? lo + sqrt(u * k1) : hi - sqrt((1 - u) * k2);
    }
}

/* bits: 53 random bits each; the top 14 choose the interval, the other 39 the position in it.
 * (An AVX2 version with gathers measured slower than this scalar loop.) */
static void table_tf(double *restrict x, const uint64_t *restrict bits, int m, const double *restrict t) {
    int j = 0;
    for (; j < m; j++) {
        const int64_t i = (int64_t)(bits[j] >> 39);
        const double f = (double)(int64_t)(bits[j] & ((UINT64_C(1) << 39) - 1)) * 0x1.0p-39;
        const double a = t[i], b = t[i + 1];
        x[j] = a + f * (b - a);
    }
}

static void draw_column(rng_t *rp, const input_t *p, double *restrict x, int m, int pert_exact) {
    rng_t st = *rp, *r = &st; /* a local copy the compiler can keep in registers */
    switch (p->kind) {
    case UNIF: {
        const double lo = p->lo, w = p->width;
        fill_u01(r, x, m);
        for (int j = 0; j < m; j++) x[j] = lo + w * x[j];
        break;
    }
    case TRI:
        fill_u01(r, x, m);
        triangular_tf(x, m, p->lo, p->hi, p->fc, p->k1, p->k2);
        break;
    case LOGN:
        fill_normal(r, x, m);
        lognormal_tf(x, m, p->mu, p->sigma);
        break;
    case TRUNCN: {
        const double mu = p->mu, s = p->sigma;
        fill_normal(r, x, m);
        for (int j = 0; j < m; j++) x[j] = mu + s * x[j];
        for (int j = 0; j < m; j++) /* rejection: conditioned on X > 0 */
            while (__builtin_expect(x[j] <= 0, 0)) x[j] = mu + s * std_normal(r);
        break;
    }
    case PERT:
        if (pert_exact) {
            const double lo = p->lo, w = p->width;
            const double da = p->gd_a, ca = p->gc_a, db = p->gd_b, cb = p->gc_b;
            for (int j = 0; j < m; j++) {
                const double ga = gamma_mt(r, da, ca), gb = gamma_mt(r, db, cb);
                x[j] = lo + w * (ga / (ga + gb));
            }
        } else {
            uint64_t bits[CHUNK];
            for (int j = 0; j < m; j++) bits[j] = rng_next(r) >> 11;
            table_tf(x, bits, m, p->table);
        }
        break;
    }
    *rp = st;
}

/* Partial statistics of a run of samples (merged by Chan, Golub & LeVeque's formula). */
typedef struct {
    double n;
    double npv_mean, npv_m2, bcr_mean, bcr_m2;
    double pvb_sum, pvc_sum;
    uint64_t npos;
} part_t;

static inline void merge(part_t *acc, const part_t *b) {
    if (b->n == 0) return;
    if (acc->n == 0) {
        *acc = *b;
        return;
    }
    const double n = acc->n + b->n;
    const double d1 = b->npv_mean - acc->npv_mean, d2 = b->bcr_mean - acc->bcr_mean;
    const double f = acc->n * b->n / n;
    acc->npv_mean += d1 * (b->n / n);
    acc->npv_m2 += b->npv_m2 + d1 * d1 * f;
    acc->bcr_mean += d2 * (b->n / n);
    acc->bcr_m2 += b->bcr_m2 + d2 * d2 * f;
    acc->pvb_sum += b->pvb_sum;
    acc->pvc_sum += b->pvc_sum;
    acc->npos += b->npos;
    acc->n = n;
}

/* Samples m <= CHUNK draws into npv/bcr and returns their partial statistics. */
static void sample_chunk(rng_t *r, int m, int pert_exact, double col[N_INPUTS][CHUNK], double *restrict npv,
                         double *restrict bcr, part_t *out) {
    for (int k = 0; k < N_INPUTS; k++) draw_column(r, &IN[k], col[k], m, pert_exact);

    const double *restrict V = col[iV], *restrict P1 = col[ip1], *restrict P2 = col[ip2], *restrict P3 = col[ip3],
                           *restrict P4 = col[ip4], *restrict P5 = col[ip5], *restrict P6 = col[ip6],
                           *restrict P7 = col[ip7], *restrict P8 = col[ip8], *restrict U1 = col[iu1],
                           *restrict U2 = col[iu2], *restrict U3 = col[iu3], *restrict U4 = col[iu4],
                           *restrict U5 = col[iu5], *restrict U6 = col[iu6], *restrict ATT = col[iatt],
                           *restrict DW = col[idw], *restrict C1 = col[ic1], *restrict C2 = col[ic2],
                           *restrict C3 = col[ic3];
    const double H = H_BEN, A = A_ANN;
    double sb = 0, sc = 0, s_npv = 0, s_bcr = 0;
    for (int j = 0; j < m; j++) {
        /* sum_k reach_k p_k u_k: EUR per participant in year 1, before attribution and deadweight */
        const double gross = 1.00 * P1[j] * U1[j] + 1.00 * P2[j] * U2[j] + 0.30 * P3[j] * U3[j] +
                             0.60 * P4[j] * U4[j] + 0.40 * P5[j] * U5[j] + 1.00 * P6[j] * U6[j] +
                             0.15 * P7[j] * 12000.0 + 0.30 * P8[j] * 3500.0;
        const double pv_b = H * V[j] * ATT[j] * (1 - DW[j]) * gross;
        const double pv_c = V[j] * C1[j] + C2[j] + A * C3[j];
        npv[j] = pv_b - pv_c;
        bcr[j] = pv_b / pv_c;
        sb += pv_b;
        sc += pv_c;
        s_npv += npv[j];
        s_bcr += bcr[j];
    }
    /* two-pass within the chunk (in L1): sums of squared deviations from the chunk means */
    const double mn = s_npv / m, mb = s_bcr / m;
    double m2n = 0, m2b = 0;
    uint64_t pos = 0;
    for (int j = 0; j < m; j++) {
        const double dn = npv[j] - mn, db = bcr[j] - mb;
        m2n += dn * dn;
        m2b += db * db;
        pos += npv[j] > 0;
    }
    *out = (part_t){m, mn, m2n, mb, m2b, sb, sc, pos};
}

/* ------------------------------------------------------------------ threads */
typedef struct {
    uint64_t n, nblocks;
    int pert_exact;
    const rng_t *streams; /* one per block */
    part_t *parts;        /* one per block */
    double *npv, *bcr;
    atomic_uint_fast64_t next_block;
} job_t;

static void *worker(void *arg) {
    job_t *job = arg;
    static _Thread_local double col[N_INPUTS][CHUNK] __attribute__((aligned(64)));
    for (;;) {
        const uint64_t b = atomic_fetch_add_explicit(&job->next_block, 1, memory_order_relaxed);
        if (b >= job->nblocks) break;
        rng_t r = job->streams[b];
        const uint64_t start = b * BLOCK, end = start + BLOCK < job->n ? start + BLOCK : job->n;
        part_t acc = {0};
        for (uint64_t i = start; i < end; i += CHUNK) {
            const int m = (int)(end - i < CHUNK ? end - i : CHUNK);
            part_t c;
            sample_chunk(&r, m, job->pert_exact, col, job->npv + i, job->bcr + i, &c);
            merge(&acc, &c);
        }
        job->parts[b] = acc;
    }
    return NULL;
}

/* ------------------------------------------------------------------ selection, percentiles */
/* Rearranges a[l..ir] (inclusive) so that a[k] is the value a full sort would put there, with
 * nothing larger before it and nothing smaller after it (Numerical Recipes' select: median of
 * three, Hoare partition). */
static void select_kth(double *a, size_t l, size_t ir, size_t k) {
#define SWAP(x, y)          \
    do {                    \
        const double t_ = (x); \
        (x) = (y);          \
        (y) = t_;           \
    } while (0)
    for (;;) {
        if (ir <= l + 1) {
            if (ir == l + 1 && a[ir] < a[l]) SWAP(a[l], a[ir]);
            return;
        }
        const size_t mid = l + ((ir - l) >> 1);
        SWAP(a[mid], a[l + 1]);
        if (a[l] > a[ir]) SWAP(a[l], a[ir]);
        if (a[l + 1] > a[ir]) SWAP(a[l + 1], a[ir]);
        if (a[l] > a[l + 1]) SWAP(a[l], a[l + 1]);
        size_t i = l + 1, j = ir;
        const double pivot = a[l + 1];
        for (;;) {
            do i++;
            while (a[i] < pivot);
            do j--;
            while (a[j] > pivot);
            if (j < i) break;
            SWAP(a[i], a[j]);
        }
        a[l + 1] = a[j];
        a[j] = pivot;
        if (j >= k) ir = j - 1;
        if (j <= k) l = j + 1;
    }
#undef SWAP
}

static double min_of(const double *a, size_t lo, size_t hi) { /* [lo, hi), hi > lo */
    double m = a[lo];
    for (size_t i = lo + 1; i < hi; i++) m = a[i] < m ? a[i] : m;
    return m;
}

/* numpy's _lerp: a + (b - a) t, computed from b's side when t >= 0.5 */
static double lerp(double a, double b, double t) {
    const double d = b - a;
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

typedef struct {
    double *a;
    size_t n;
    int plain; /* 1: quickselect on the whole array only (no sampled brackets) */
    double p[3]; /* 5th, 50th, 95th */
} pct_job_t;

/* Order statistics k and k + 1 (0-based; k + 1 clipped to n - 1) of a[0..n), by in-place
 * quickselect: the median on the whole array first, p5 and p95 in the parts it leaves. */
static void order_stats_inplace(double *a, size_t n, const size_t k[3], double lo[3], double hi[3]) {
    select_kth(a, 0, n - 1, k[1]);
    if (k[0] < k[1]) select_kth(a, 0, k[1] - 1, k[0]);
    if (k[2] > k[1]) select_kth(a, k[1] + 1, n - 1, k[2]);
    /* the next larger order statistic is the smallest value after position k, and it lies in
     * the stretch the partitions above leave for it (inclusive upper end) */
    size_t last[3];
    last[1] = k[2] > k[1] ? k[2] : n - 1;
    last[0] = k[0] < k[1] ? k[1] : last[1];
    last[2] = n - 1;
    for (int i = 0; i < 3; i++) {
        lo[i] = a[k[i]];
        hi[i] = k[i] + 1 < n ? min_of(a, k[i] + 1, last[i] + 1) : lo[i];
    }
}

/* The same by sampled brackets (the idea of Floyd & Rivest's SELECT): a systematic sample of
 * 2^16 values gives, for each target rank, two pivots that bracket it with a margin of 6
 * binomial standard deviations; one pass over the array counts the values below each bracket
 * and copies the ~1-2.5% inside it; quickselect then works on the copies only. Leaves `a`
 * untouched. Returns 0 if a bracket missed its rank (probability ~1e-9), and the caller falls
 * back to order_stats_inplace; the result is the same either way. */
#define SAMPLE_LOG2 16
static int order_stats_sampled(const double *a, size_t n, const size_t k[3], double lo[3], double hi[3]) {
    const size_t S = (size_t)1 << SAMPLE_LOG2, stride = n / S;
    if (stride < 8) return 0;
    double *s = malloc(sizeof(double) * S);
    if (!s) return 0;
    for (size_t i = 0; i < S; i++) s[i] = a[i * stride + stride / 2];
    /* sample ranks of the bracket ends, increasing; any overlap: give up */
    long r[6];
    for (int i = 0; i < 3; i++) {
        const double p = (double)k[i] / (double)(n - 1), c = p * (double)(S - 1);
        const double d = 6 * sqrt((double)S * p * (1 - p)) + 8;
        r[2 * i] = (long)floor(c - d);
        r[2 * i + 1] = (long)ceil(c + d) + 1;
    }
    for (int i = 1; i < 6; i++)
        if (r[i] <= r[i - 1]) {
            free(s);
            return 0;
        }
    double piv[6];
    size_t from = 0;
    for (int i = 0; i < 6; i++) {
        if (r[i] < 0) {
            piv[i] = -INFINITY;
        } else if (r[i] >= (long)S) {
            piv[i] = INFINITY;
        } else {
            select_kth(s, from, S - 1, (size_t)r[i]);
            piv[i] = s[r[i]];
            from = (size_t)r[i] + 1;
        }
    }
    free(s);
    const double L0 = piv[0], H0 = piv[1], L1 = piv[2], H1 = piv[3], L2 = piv[4], H2 = piv[5];
    size_t cap[3], cnt[3] = {0, 0, 0}, below[3] = {0, 0, 0};
    double *band[3];
    for (int i = 0; i < 3; i++) {
        const double frac = (double)(r[2 * i + 1] - r[2 * i] + 1) / (double)S;
        cap[i] = (size_t)(2 * frac * (double)n) + 4096;
        band[i] = malloc(sizeof(double) * cap[i]);
    }
    int ok = band[0] && band[1] && band[2];
    if (ok) {
        size_t b0 = 0, b1 = 0, b2 = 0, i = 0;
#define BAND_ONE(x)                                                                                             \
    do {                                                                                                        \
        const unsigned in_ = (unsigned)(((x) >= L0) & ((x) <= H0)) | (unsigned)(((x) >= L1) & ((x) <= H1)) << 1 | \
                             (unsigned)(((x) >= L2) & ((x) <= H2)) << 2;                                        \
        if (__builtin_expect(in_ != 0, 0)) {                                                                    \
            const int j_ = __builtin_ctz(in_);                                                                  \
            if (cnt[j_] < cap[j_])                                                                              \
                band[j_][cnt[j_]++] = (x);                                                                      \
            else                                                                                                \
                ok = 0;                                                                                         \
        }                                                                                                       \
    } while (0)
#ifdef USE_AVX2
        {
            const __m256d l0 = _mm256_set1_pd(L0), h0 = _mm256_set1_pd(H0), l1 = _mm256_set1_pd(L1),
                          h1 = _mm256_set1_pd(H1), l2 = _mm256_set1_pd(L2), h2 = _mm256_set1_pd(H2);
            __m256i c0 = _mm256_setzero_si256(), c1 = c0, c2 = c0;
            for (; i + 4 <= n; i += 4) {
                const __m256d x = _mm256_loadu_pd(a + i);
                const __m256d lt0 = _mm256_cmp_pd(x, l0, _CMP_LT_OQ), lt1 = _mm256_cmp_pd(x, l1, _CMP_LT_OQ),
                              lt2 = _mm256_cmp_pd(x, l2, _CMP_LT_OQ);
                c0 = _mm256_sub_epi64(c0, _mm256_castpd_si256(lt0)); /* a true lane is -1 */
                c1 = _mm256_sub_epi64(c1, _mm256_castpd_si256(lt1));
                c2 = _mm256_sub_epi64(c2, _mm256_castpd_si256(lt2));
                const __m256d in = _mm256_or_pd(
                    _mm256_or_pd(_mm256_andnot_pd(lt0, _mm256_cmp_pd(x, h0, _CMP_LE_OQ)),
                                 _mm256_andnot_pd(lt1, _mm256_cmp_pd(x, h1, _CMP_LE_OQ))),
                    _mm256_andnot_pd(lt2, _mm256_cmp_pd(x, h2, _CMP_LE_OQ)));
                if (__builtin_expect(_mm256_movemask_pd(in) != 0, 0))
                    for (int l = 0; l < 4; l++) BAND_ONE(a[i + l]);
            }
            uint64_t t[4];
            _mm256_storeu_si256((__m256i *)t, c0);
            b0 = t[0] + t[1] + t[2] + t[3];
            _mm256_storeu_si256((__m256i *)t, c1);
            b1 = t[0] + t[1] + t[2] + t[3];
            _mm256_storeu_si256((__m256i *)t, c2);
            b2 = t[0] + t[1] + t[2] + t[3];
        }
#endif
        for (; i < n; i++) {
            const double x = a[i];
            b0 += x < L0;
            b1 += x < L1;
            b2 += x < L2;
            BAND_ONE(x);
        }
#undef BAND_ONE
        below[0] = b0;
        below[1] = b1;
        below[2] = b2;
    }
    for (int i = 0; ok && i < 3; i++) {
        /* sorted positions below[i] .. below[i] + cnt[i] - 1 are in band i */
        const size_t want_hi = k[i] + 1 < n ? k[i] + 1 : k[i];
        if (cnt[i] == 0 || below[i] > k[i] || want_hi >= below[i] + cnt[i]) {
            ok = 0;
            break;
        }
        const size_t loc = k[i] - below[i];
        select_kth(band[i], 0, cnt[i] - 1, loc);
        lo[i] = band[i][loc];
        hi[i] = k[i] + 1 < n ? min_of(band[i], loc + 1, cnt[i]) : lo[i];
    }
    for (int i = 0; i < 3; i++) free(band[i]);
    return ok;
}

/* numpy.percentile(a, [5, 50, 95]) (method "linear"), by selection; may reorder a. */
static void *percentiles(void *arg) {
    pct_job_t *job = arg;
    const size_t n = job->n;
    const double q[3] = {5, 50, 95};
    size_t k[3];
    double g[3], lo[3], hi[3];
    for (int i = 0; i < 3; i++) {
        const double v = (q[i] / 100) * (double)(n - 1); /* numpy: virtual index */
        const double f = floor(v);
        k[i] = (size_t)f;
        g[i] = v - f;
    }
    if (job->plain || !order_stats_sampled(job->a, n, k, lo, hi)) order_stats_inplace(job->a, n, k, lo, hi);
    for (int i = 0; i < 3; i++) job->p[i] = lerp(lo[i], hi[i], g[i]);
    return NULL;
}

/* ------------------------------------------------------------------ PERT table report */
static int table_report(void) {
    setup_inputs();
    setup_tables();
    printf("PERT inverse-CDF table, %d intervals, linear interpolation (errors relative to the exact Beta)\n", TABLE_N);
    printf("%-4s %7s %7s %12s %12s %12s %12s %12s\n", "inp", "alpha", "beta", "KS all", "KS 1%-99%", "rel.bias mean",
           "rel.bias sd", "max |dQ|/w");
    double mean_tab[N_INPUTS];
    for (int k = 0; k < N_INPUTS; k++) {
        const input_t *p = &IN[k];
        if (p->kind != PERT) continue;
        const double a = p->alpha, b = p->beta, lb = lgamma(a) + lgamma(b) - lgamma(a + b);
        const double h = 1.0 / TABLE_N;
        double s1 = 0, s2 = 0, ks = 0, ks_inner = 0, dq = 0;
        for (int j = 0; j < TABLE_N; j++) {
            const double x0 = (p->table[j] - p->lo) / p->width, x1 = (p->table[j + 1] - p->lo) / p->width;
            s1 += h * (x0 + x1) / 2;
            s2 += h * (x0 * x0 + x0 * x1 + x1 * x1) / 3;
            for (int t = 1; t < 8; t++) { /* CDF of the interpolated variable vs. the exact CDF */
                const double f = t / 8.0, u = (j + f) * h, x = x0 + f * (x1 - x0);
                const double e = fabs(incbeta(x, a, b, lb) - u);
                ks = fmax(ks, e);
                if (u >= 0.01 && u <= 0.99) ks_inner = fmax(ks_inner, e);
                if (t == 4) dq = fmax(dq, fabs(x - incbeta_inv(u, a, b, lb, x, x0, x1)));
            }
        }
        const double m = a / (a + b), sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
        const double sd_tab = sqrt(s2 - s1 * s1);
        mean_tab[k] = p->lo + p->width * s1;
        printf("%-4s %7.4f %7.4f %12.3e %12.3e %12.3e %12.3e %12.3e\n", p->name, a, b, ks, ks_inner, s1 / m - 1,
               sd_tab / sd - 1, dq);
    }
    /* E[NPV] with the exact means and with the tables' means (the model is multilinear) */
    double e[N_INPUTS], et[N_INPUTS];
    for (int k = 0; k < N_INPUTS; k++) {
        const input_t *p = &IN[k];
        switch (p->kind) {
        case PERT: e[k] = (p->p1 + 4 * p->p2 + p->p3) / 6; break;
        case TRI: e[k] = (p->p1 + p->p2 + p->p3) / 3; break;
        case UNIF: e[k] = (p->p1 + p->p2) / 2; break;
        case LOGN: e[k] = exp(p->mu + p->sigma * p->sigma / 2); break;
        case TRUNCN: {
            const double al = -p->mu / p->sigma;
            e[k] = p->mu + p->sigma * exp(-al * al / 2) / sqrt(2 * PI_) / (0.5 * erfc(al / sqrt(2.0)));
            break;
        }
        }
        et[k] = p->kind == PERT ? mean_tab[k] : e[k];
    }
    double npv[2];
    for (int v = 0; v < 2; v++) {
        const double *x = v ? et : e;
        const double gross = x[ip1] * x[iu1] + x[ip2] * x[iu2] + 0.3 * x[ip3] * x[iu3] + 0.6 * x[ip4] * x[iu4] +
                             0.4 * x[ip5] * x[iu5] + x[ip6] * x[iu6] + 0.15 * x[ip7] * 12000 + 0.3 * x[ip8] * 3500;
        npv[v] = H_BEN * x[iV] * x[iatt] * (1 - x[idw]) * gross - (x[iV] * x[ic1] + x[ic2] + A_ANN * x[ic3]);
    }
    printf("E[NPV] exact %.4f EUR, with the tables %.4f EUR, bias %.4f EUR\n", npv[0], npv[1], npv[1] - npv[0]);
    printf("KS all: max over all intervals of |F(Qtab(u)) - u| (7 points per interval); KS 1%%-99%%: the same for\n"
           "0.01 <= u <= 0.99; max |dQ|/w: largest quantile error at interval midpoints, over (hi - lo).\n");
    return 0;
}

/* ------------------------------------------------------------------ main */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* n doubles; on Linux in transparent huge pages where the kernel allows it (THP "madvise" mode):
 * about 10% faster at N = 1e7 from fewer page faults. -DNO_HUGEPAGES for plain malloc. */
static double *alloc_samples(uint64_t n) {
#if defined(MADV_HUGEPAGE) && !defined(NO_HUGEPAGES)
    const size_t huge = (size_t)1 << 21, bytes = (sizeof(double) * n + huge - 1) & ~(huge - 1);
    double *p = aligned_alloc(huge, bytes);
    if (p) madvise(p, bytes, MADV_HUGEPAGE); /* advice only; failure is harmless */
    return p;
#else
    return malloc(sizeof(double) * n);
#endif
}

static void usage(void) {
    fprintf(stderr, "usage: reference_model N THREADS SEED [--pert exact|table] [--select-plain]\n"
                    "       reference_model --pert-table-report\n");
    exit(64);
}

static void json_num(const char *key, double v, int last) {
    if (isfinite(v))
        printf("\"%s\": %.17g%s", key, v, last ? "" : ", ");
    else
        printf("\"%s\": null%s", key, last ? "" : ", ");
}

int main(int argc, char **argv) {
    const char *pos[3];
    int npos = 0, pert_exact = 0, select_plain = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--pert-table-report") == 0) return table_report();
        if (strcmp(argv[i], "--select-plain") == 0) {
            select_plain = 1;
        } else if (strncmp(argv[i], "--pert", 6) == 0) {
            const char *v = argv[i][6] == '=' ? argv[i] + 7 : (argv[i][6] == 0 && i + 1 < argc ? argv[++i] : NULL);
            if (!v) usage();
            if (strcmp(v, "exact") == 0)
                pert_exact = 1;
            else if (strcmp(v, "table") == 0)
                pert_exact = 0;
            else
                usage();
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            usage();
        } else if (npos < 3) {
            pos[npos++] = argv[i];
        } else {
            usage();
        }
    }
    if (npos != 3) usage();
    char *end;
    errno = 0;
    const double nd = strtod(pos[0], &end); /* accepts 1e6 */
    if (*end || errno || !(nd >= 2) || nd > 9.0e15 || nd != floor(nd)) {
        fprintf(stderr, "N must be an integer >= 2\n");
        return 64;
    }
    const uint64_t n = (uint64_t)nd;
    const long threads = strtol(pos[1], &end, 10);
    if (*end || threads < 1 || threads > MAX_THREADS) {
        fprintf(stderr, "THREADS must be 1..%d\n", MAX_THREADS);
        return 64;
    }
    const unsigned long long seed = strtoull(pos[2], &end, 10);
    if (*end || pos[2][0] == '-') {
        fprintf(stderr, "SEED must be a non-negative integer\n");
        return 64;
    }

    /* one-off setup, not timed: constants, ziggurat table, PERT tables */
    const double t_setup = now();
    setup_inputs();
    if (!pert_exact) setup_tables();
    const double setup_s = now() - t_setup;

    /* timed: streams, sampling, model, statistics */
    const double t0 = now();
    const uint64_t nblocks = (n + BLOCK - 1) / BLOCK;
    rng_t *streams = malloc(sizeof(rng_t) * nblocks);
    part_t *parts = malloc(sizeof(part_t) * nblocks);
    double *npv = alloc_samples(n), *bcr = alloc_samples(n);
    if (!streams || !parts || !npv || !bcr) {
        fprintf(stderr, "out of memory (N = %llu needs %.1f GiB)\n", (unsigned long long)n, 16.0 * n / (1 << 30));
        return 1;
    }
    uint64_t sm = seed;
    rng_t base;
    for (int i = 0; i < 4; i++) base.s[i] = splitmix64(&sm);
    for (uint64_t b = 0; b < nblocks; b++) {
        streams[b] = base;
        rng_jump(&base);
    }
    job_t job = {.n = n, .nblocks = nblocks, .pert_exact = pert_exact, .streams = streams, .parts = parts,
                 .npv = npv, .bcr = bcr};
    atomic_init(&job.next_block, 0);
    const long nthreads = (uint64_t)threads < nblocks ? threads : (long)nblocks;
    pthread_t tid[MAX_THREADS];
    for (long t = 1; t < nthreads; t++)
        if (pthread_create(&tid[t], NULL, worker, &job)) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    worker(&job);
    for (long t = 1; t < nthreads; t++) pthread_join(tid[t], NULL);

    part_t tot = {0};
    for (uint64_t b = 0; b < nblocks; b++) merge(&tot, &parts[b]); /* block order: thread-count independent */

    const double t1 = now();
    pct_job_t pn = {npv, n, select_plain, {0}}, pb = {bcr, n, select_plain, {0}};
    if (threads >= 2) {
        pthread_t t;
        if (pthread_create(&t, NULL, percentiles, &pb)) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
        percentiles(&pn);
        pthread_join(t, NULL);
    } else {
        percentiles(&pn);
        percentiles(&pb);
    }
    const double time_s = now() - t0;

    const double dn = (double)n;
    const double npv_sd = sqrt(tot.npv_m2 / (dn - 1)), bcr_sd = sqrt(tot.bcr_m2 / (dn - 1));
    const double p_pos = (double)tot.npos / dn;
    printf("{\"program\": \"reference_model.c\", \"n\": %llu, \"threads\": %ld, \"seed\": %llu, \"pert\": \"%s\", ",
           (unsigned long long)n, threads, seed, pert_exact ? "exact" : "table");
    json_num("time_s", time_s, 0);
    json_num("setup_s", setup_s, 0);
    json_num("sample_s", t1 - t0, 0);
    json_num("stats_s", time_s - (t1 - t0), 0);
    json_num("samples_per_s", dn / time_s, 0);
    json_num("npv_mean", tot.npv_mean, 0);
    json_num("npv_sd", npv_sd, 0);
    json_num("npv_se", npv_sd / sqrt(dn), 0);
    json_num("p_npv_pos", p_pos, 0);
    json_num("p_npv_pos_se", sqrt(p_pos * (1 - p_pos) / dn), 0);
    json_num("npv_p5", pn.p[0], 0);
    json_num("npv_p50", pn.p[1], 0);
    json_num("npv_p95", pn.p[2], 0);
    json_num("bcr_mean", tot.bcr_mean, 0);
    json_num("bcr_sd", bcr_sd, 0);
    json_num("bcr_p5", pb.p[0], 0);
    json_num("bcr_p50", pb.p[1], 0);
    json_num("bcr_p95", pb.p[2], 0);
    json_num("pv_b_mean", tot.pvb_sum / dn, 0);
    json_num("pv_c_mean", tot.pvc_sum / dn, 0);
    json_num("bcr_of_means", tot.pvb_sum / tot.pvc_sum, 1);
    printf("}\n");
    free(streams);
    free(parts);
    free(npv);
    free(bcr);
    return 0;
}
