/* The bulk number parser of conformance.areas.terminal.capture.numbers, compiled.

   parse_rows(text, n, width, out) reads the joined text of n JSON arrays (msgspec.Raw, each
   valid JSON) of width numbers each into out (a C-contiguous, writable buffer of n * width
   doubles), deciding exactly what numbers.number_rows_numpy decides, in one pass over the
   bytes instead of about forty NumPy passes:

   - None when the arrays are not all of that shape: a byte below a space, above "e" or a '"'
     (whitespace other than spaces, literals, strings, objects), not n * width ends ("," or
     "]"), a row not ended by its "]" or more "]" than rows, a row not starting with the only
     "[" it holds, an empty array;
   - each number of at most 8 bytes (spaces before it counted), ending in a digit and without
     an exponent, is m / 10**f: m its up to 8 digits (< 10**8) and f those after the point
     (< 8), both exact doubles, so the one division rounds correctly (Clinger's fast path),
     the very double NumPy's path and any correct parser give; "-0" is 0.0, as msgspec reads
     it into a float, "-0.0" is -0.0;
   - the other numbers are returned as a list of (index, start, end) for the caller to decode
     with msgspec, as NumPy's path does.

   No -ffast-math: the division must be IEEE's. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "little-endian only: elsewhere the build leaves this out and NumPy's path is used"
#endif

#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL
#define LOW7 0x7F7F7F7F7F7F7F7FULL

static const double POW10[8] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};

/* Byte-parallel ("SWAR") tests of the 8 bytes of a little-endian word: 0x80 in each byte
   that holds c (exactly, no false positives), that is below c (c <= 0x80), above c. */
static inline uint64_t equal(uint64_t w, unsigned char c) {
    uint64_t t = w ^ (ONES * c);
    return ~(((t & LOW7) + LOW7) | t | LOW7);
}

static inline uint64_t below(uint64_t w, unsigned c) {
    return ~(((w & LOW7) + ONES * (0x80 - c)) | w) & HIGH;
}

static inline uint64_t above(uint64_t w, unsigned c) {
    return (((w & LOW7) + ONES * (0x7F - c)) | w) & HIGH;
}

/* The 8 bytes of text ending before end; those before the text (end < 8) are 0. */
static inline uint64_t word_ending(const unsigned char *text, Py_ssize_t end) {
    uint64_t w = 0;
    if (end >= 8) {
        memcpy(&w, text + end - 8, 8);
    } else {
        memcpy((unsigned char *)&w + 8 - end, text, (size_t)end);
    }
    return w;
}

/* The number of length bytes (1 to 8: spaces, "-", digits, at most one ".") at the top of w. */
static inline double small_number(uint64_t w, Py_ssize_t length) {
    w &= ~0ULL << (8 * (8 - length));  /* the bytes before the number: 0 */
    uint64_t dot = equal(w, '.');
    int fraction = 0;
    if (dot) {  /* the point taken out: the bytes below it moved up by one */
        int bit = __builtin_ctzll(dot);  /* 8 * its byte + 7; never the top byte (valid JSON) */
        fraction = (63 - bit) >> 3;
        w = (w & (~0ULL << (bit + 1))) | ((w & ((1ULL << (bit - 7)) - 1)) << 8);
    }
    int negative = equal(w, '-') != 0;
    w &= ((w >> 4) & ONES) * 0x0F;  /* the digits' values (0x3X); "-", spaces, 0: 0 */
    w = (w * (10 * 256 + 1)) >> 8;  /* pairs of digits, then fours, then eights */
    w = ((w & 0x00FF00FF00FF00FFULL) * (100 * 65536 + 1)) >> 16;
    w = ((w & 0x0000FFFF0000FFFFULL) * (10000 * 4294967296ULL + 1)) >> 32;
    double value = (double)w / POW10[fraction];
    return negative && (dot || w != 0) ? -value : value;
}

/* Room after the last end for the positions a block writes whatever it holds. */
#define SLACK 32

#ifdef __SSE2__
#include <emmintrin.h>

static const unsigned char BITS8[256] = {
#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
    B6(0), B6(1), B6(1), B6(2)
};

/* One pass, 16 bytes at a time (SSE2, in every x86-64): the bytes allowed (none below a
   space, none above "e", no '"'), the "[" and "]" counted, the ends ("," or "]") listed: a
   block's first four positions are written whatever it holds, then counted. -1: a byte not
   allowed or more ends than numbers. */
static int scan(const unsigned char *u, Py_ssize_t len, Py_ssize_t total, Py_ssize_t *ends, Py_ssize_t *count,
                Py_ssize_t *opens, Py_ssize_t *closes) {
    const __m128i space = _mm_set1_epi8(' '), e = _mm_set1_epi8('e'), quote = _mm_set1_epi8('"'),
                  open = _mm_set1_epi8('['), close = _mm_set1_epi8(']'), comma = _mm_set1_epi8(',');
    __m128i bad = _mm_setzero_si128();
    Py_ssize_t found = 0, opened = 0, closed = 0;
    for (Py_ssize_t base = 0; base < len; base += 16) {
        __m128i v;
        if (base + 16 <= len) {
            v = _mm_loadu_si128((const __m128i *)(u + base));
        } else {
            unsigned char last[16];
            memset(last, ' ', 16);  /* the last bytes, padded with spaces (allowed, no end) */
            memcpy(last, u + base, (size_t)(len - base));
            v = _mm_loadu_si128((const __m128i *)last);
        }
        /* signed: bytes from 0x80 are below a space */
        bad = _mm_or_si128(bad, _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpgt_epi8(v, e)),
                                             _mm_cmpeq_epi8(v, quote)));
        unsigned opens16 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, open));
        unsigned closes16 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, close));
        unsigned mark = closes16 | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
        opened += BITS8[opens16 & 0xFF] + BITS8[opens16 >> 8];
        closed += BITS8[closes16 & 0xFF] + BITS8[closes16 >> 8];
        int marks = BITS8[mark & 0xFF] + BITS8[mark >> 8];
        Py_ssize_t *at = ends + found;
        for (int j = 0; j < 4; j++) {
            at[j] = base + __builtin_ctz(mark | 0x10000u);
            mark &= mark - 1;
        }
        for (int j = 4; j < marks; j++) {
            at[j] = base + __builtin_ctz(mark);
            mark &= mark - 1;
        }
        found += marks;
        if (found > total) {
            return -1;
        }
    }
    *count = found, *opens = opened, *closes = closed;
    return _mm_movemask_epi8(bad) ? -1 : 0;
}

#else

/* How many bytes of a mask of equal() hold 0x80 (one multiplication: no popcount instruction). */
static inline int marked(uint64_t mask) {
    return (int)(((mask >> 7) * ONES) >> 56);
}

/* scan() as above, 8 bytes at a time in a 64-bit word ("SWAR"), where SSE2 is not there. */
static int scan(const unsigned char *u, Py_ssize_t len, Py_ssize_t total, Py_ssize_t *ends, Py_ssize_t *count,
                Py_ssize_t *opens, Py_ssize_t *closes) {
    uint64_t bad = 0;
    Py_ssize_t found = 0, opened = 0, closed = 0;
    for (Py_ssize_t base = 0; base < len; base += 8) {
        uint64_t w;
        if (base + 8 <= len) {
            memcpy(&w, u + base, 8);
        } else {
            w = ONES * ' ';
            memcpy(&w, u + base, (size_t)(len - base));
        }
        bad |= below(w, ' ') | above(w, 'e') | equal(w, '"');
        uint64_t close = equal(w, ']'), mark = close | equal(w, ',');
        opened += marked(equal(w, '['));
        closed += marked(close);
        int marks = marked(mark);
        Py_ssize_t *at = ends + found;
        for (int j = 0; j < 4; j++) {
            at[j] = base + (__builtin_ctzll(mark | (1ULL << 63)) >> 3);
            mark &= mark - 1;
        }
        for (int j = 4; j < marks; j++) {
            at[j] = base + (__builtin_ctzll(mark) >> 3);
            mark &= mark - 1;
        }
        found += marks;
        if (found > total) {
            return -1;
        }
    }
    *count = found, *opens = opened, *closes = closed;
    return bad ? -1 : 0;
}
#endif

static PyObject *parse_rows(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer text, out;
    Py_ssize_t n, width;
    if (!PyArg_ParseTuple(args, "y*nnw*", &text, &n, &width, &out)) {
        return NULL;
    }
    PyObject *result = NULL, *slow = NULL;
    Py_ssize_t *ends = NULL;
    const unsigned char *u = (const unsigned char *)text.buf;
    Py_ssize_t len = text.len, total, count = 0, opens = 0, closes = 0;
    if (n < 1 || width < 1 || n > PY_SSIZE_T_MAX / width / (Py_ssize_t)sizeof(double)
        || out.len != n * width * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "parse_rows: out must hold n * width doubles");
        goto done;
    }
    total = n * width;
    if (len < 2 * n) {
        goto none;
    }
    ends = PyMem_Malloc((size_t)(total + SLACK) * sizeof(Py_ssize_t));
    if (ends == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (scan(u, len, total, ends, &count, &opens, &closes) < 0) {
        goto none;
    }
    if (count != total || closes != n || opens != n || u[0] != '[') {
        goto none;
    }
    for (Py_ssize_t r = width - 1; r < total; r += width) {
        if (u[ends[r]] != ']' || (r + 1 < total && u[ends[r] + 1] != '[')) {
            goto none;  /* each row ends at its "]" and the next starts with its "[" */
        }
    }
    double *values = (double *)out.buf;
    Py_ssize_t i = 0, last = 0;  /* the byte before a number: the first row's "[" */
    for (Py_ssize_t r = 0; r < n; r++, last++) {  /* a row's first number: after "][" */
        for (Py_ssize_t c = 0; c < width; c++, i++) {
            Py_ssize_t start = last + 1, end = ends[i], length = end - start;
            last = end;
            if (length < 1) {
                goto none;  /* an empty array */
            }
            uint64_t w = word_ending(u, end);
            /* more than 8 bytes, an exponent, a space after the number: msgspec's */
            if (length <= 8 && !(equal(w | ONES * 0x20, 'e') & (~0ULL << (8 * (8 - length))))
                && (w >> 56) != ' ') {
                values[i] = small_number(w, length);
                continue;
            }
            values[i] = 0.0;
            if (slow == NULL && (slow = PyList_New(0)) == NULL) {
                goto done;
            }
            PyObject *item = Py_BuildValue("(nnn)", i, start, end);
            if (item == NULL || PyList_Append(slow, item) < 0) {
                Py_XDECREF(item);
                goto done;
            }
            Py_DECREF(item);
        }
    }
    result = slow != NULL ? Py_NewRef(slow) : PyList_New(0);
    goto done;
none:
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(slow);
    PyMem_Free(ends);
    PyBuffer_Release(&text);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"parse_rows", parse_rows, METH_VARARGS,
     "parse_rows(text, n, width, out) -> None or [(index, start, end), ...] of the numbers left to msgspec"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_conformance_numbers", NULL, -1, methods};

PyMODINIT_FUNC PyInit__conformance_numbers(void) {
    return PyModule_Create(&module);
}
