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

   parse_records(raws, pieces, kinds, floats, ints) reads records of one fixed JSON layout (a
   hand frame's 26 joints, a pose): each raw (msgspec.Raw, valid JSON) must be exactly
   pieces[0] number pieces[1] number ... pieces[-1], the literal pieces being the layout's
   keys and punctuation in the order the frame structs name them; slot k's number goes to
   floats ("f") or ints ("u") per kinds[k]. Returns False as soon as one raw is otherwise
   (another key order, whitespace, another type, a number out of range, a negative or
   fractional integer): the caller then decodes the frames into structs, which judge them.
   A float is read as msgspec reads it into a float: an integer token is converted exactly
   (-0 is 0.0), up to 15 significant digits and 22 after the point by Clinger's fast path, up
   to 19 by an exact 128-bit division (wide_quotient), the rest (exponents, more digits) by
   Python's correctly rounded PyOS_string_to_double; an integer ("u") is at most 18 digits.

   No -ffast-math: the division must be IEEE's. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
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

/* What each byte of a JSON number token is (0: none): a digit, "-", ".", an exponent's "e",
   "E" or "+". Filled when the module is loaded. */
enum { DIGIT = 1, MINUS = 2, POINT = 4, EXPONENT = 8 };
static unsigned char NUMBER_BYTE[256];

static const double POW10_22[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;

static int bit_length(u128 x) {
    uint64_t high = (uint64_t)(x >> 64);
    return high ? 128 - __builtin_clzll(high) : x ? 64 - __builtin_clzll((uint64_t)x) : 0;
}

/* m / 10**fraction correctly rounded (to nearest, ties to even), for 0 < m < 2**64 and
   fraction <= 22: with s chosen so that q = floor(m * 2**s / 10**fraction) has 53 bits, both
   m * 2**s and 10**fraction (shifted left instead when s < 0) are exact 128-bit integers
   below 2**127, and the remainder decides the last bit; q * 2**-s is then exact (the result
   is at least 1e-22, a normal double). Where the compiler has no 128-bit integers: 0, and
   the caller takes Python's parser. */
static int wide_quotient(uint64_t m, int fraction, double *value) {
    u128 divisor = 1;
    for (int k = 0; k < fraction; k++) {
        divisor *= 10;
    }
    int s = 53 - bit_length(m) + bit_length(divisor);  /* the quotient in [2**52, 2**54) */
    for (int attempt = 0; attempt < 2; attempt++, s--) {
        u128 n = s >= 0 ? (u128)m << s : (u128)m, d = s >= 0 ? divisor : divisor << -s;
        u128 q = n / d, r = n - q * d;
        if (q >> 53) {
            continue;  /* 54 bits: one shift fewer */
        }
        if (2 * r > d || (2 * r == d && (q & 1))) {
            q++;  /* 2**53 at most: still exact */
        }
        *value = ldexp((double)(uint64_t)q, -s);
        return 1;
    }
    return 0;
}
#else
static int wide_quotient(uint64_t m, int fraction, double *value) {
    (void)m, (void)fraction, (void)value;
    return 0;
}
#endif

/* The double of the JSON number token u[start:end] (seen: its bytes' NUMBER_BYTE, or-ed), as
   msgspec reads it into a float; 0 if it is out of the double range (msgspec refuses it). */
static int token_double(const unsigned char *u, Py_ssize_t start, Py_ssize_t end, unsigned seen, double *value) {
    int negative = u[start] == '-', dotted = (seen & POINT) != 0;
    Py_ssize_t body = end - start - negative;  /* the bytes after the sign */
    if (!(seen & EXPONENT)) {
        double v;
        if (body <= 8) {
            v = small_number(word_ending(u, end), body);
        } else {
            int significant = 0, fraction = 0;  /* digits from the first that is not 0; after the point */
            uint64_t m = 0;
            for (Py_ssize_t k = end - body; k < end && significant <= 19; k++) {
                if (u[k] == '.') {
                    fraction = (int)(end - k - 1);
                } else {
                    /* counted from the first digit that is not 0 (not by m != 0: a 20th digit
                       can wrap m to 0, as 36893488147419103232 = 2**65 does) */
                    significant += significant > 0 || u[k] != '0';
                    m = m * 10 + (uint64_t)(u[k] - '0');
                }
            }
            if (significant > 19 || fraction > 22) {
                goto general;
            }
            if (!dotted || m == 0) {
                v = (double)m;  /* an integer is converted as msgspec converts it: correctly rounded */
            } else if (significant <= 15) {
                v = (double)m / POW10_22[fraction];  /* m < 10**15 < 2**53: exact, as is 10**fraction */
            } else if (!wide_quotient(m, fraction, &v)) {
                goto general;
            }
        }
        *value = negative && (dotted || v != 0.0) ? -v : v;  /* the integer -0 is 0.0 */
        return 1;
    }
general:;
    char buffer[64];
    Py_ssize_t length = end - start;
    if (length >= (Py_ssize_t)sizeof buffer) {
        return 0;
    }
    memcpy(buffer, u + start, (size_t)length);
    buffer[length] = 0;
    double v = PyOS_string_to_double(buffer, NULL, NULL);
    if (v == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    if (!dotted && !(seen & EXPONENT) && v == 0.0) {
        v = 0.0;  /* the integer -0 */
    }
    *value = v;
    return v - v == 0.0;  /* finite: not beyond the double range */
}

/* A literal piece of a layout: its bytes, and its first 8 (fewer: 0-padded) as a word and mask. */
typedef struct {
    const char *bytes;
    Py_ssize_t size;
    uint64_t head, mask;
} Piece;

static inline int piece_at(const Piece *piece, const unsigned char *u, Py_ssize_t at, Py_ssize_t len) {
    if (len - at < piece->size) {
        return 0;
    }
    if (len - at >= 8) {  /* one word compared in place of a call for the short pieces */
        uint64_t w;
        memcpy(&w, u + at, 8);
        if ((w & piece->mask) != piece->head) {
            return 0;
        }
        return piece->size <= 8 || memcmp(u + at + 8, piece->bytes + 8, (size_t)(piece->size - 8)) == 0;
    }
    return memcmp(u + at, piece->bytes, (size_t)piece->size) == 0;
}

/* 1 when every raw is the layout, its numbers written out; 0 when one is not; -1 on an error. */
static int records(PyObject *raws, const Piece *pieces, const char *kinds, Py_ssize_t slots, double *floats,
                   int64_t *ints) {
    Py_ssize_t n = PyList_GET_SIZE(raws);
    for (Py_ssize_t r = 0; r < n; r++) {
        Py_buffer raw;
        if (PyObject_GetBuffer(PyList_GET_ITEM(raws, r), &raw, PyBUF_SIMPLE) < 0) {
            return -1;
        }
        const unsigned char *u = (const unsigned char *)raw.buf;
        Py_ssize_t len = raw.len, at = 0;
        int ok = 1;
        for (Py_ssize_t k = 0; ok; k++) {
            if (!piece_at(&pieces[k], u, at, len)) {
                ok = 0;
                break;
            }
            at += pieces[k].size;
            if (k == slots) {
                ok = at == len;
                break;
            }
            Py_ssize_t start = at;
            unsigned seen = 0, c;
            while (at < len && (c = NUMBER_BYTE[u[at]]) != 0) {
                seen |= c;
                at++;
            }
            if (at == start) {
                ok = 0;  /* not a number: a string, a literal, an array, an object, a space */
            } else if (kinds[k] == 'f') {
                ok = token_double(u, start, at, seen, floats++);
            } else {  /* only digits (not negative, no point, no exponent), at most 18 */
                ok = seen == DIGIT && at - start <= 18;
                int64_t v = 0;
                for (Py_ssize_t j = start; ok && j < at; j++) {
                    v = v * 10 + (u[j] - '0');
                }
                *ints++ = v;
            }
        }
        PyBuffer_Release(&raw);
        if (!ok) {
            return 0;
        }
    }
    return 1;
}

static PyObject *parse_records(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *raws, *pieces;
    const char *kinds;
    Py_ssize_t slots;
    Py_buffer floats, ints;
    if (!PyArg_ParseTuple(args, "O!O!y#w*w*", &PyList_Type, &raws, &PyTuple_Type, &pieces, &kinds, &slots, &floats,
                          &ints)) {
        return NULL;
    }
    PyObject *result = NULL;
    Py_ssize_t n = PyList_GET_SIZE(raws), n_floats = 0;
    for (Py_ssize_t k = 0; k < slots; k++) {
        n_floats += kinds[k] == 'f';
    }
    int fits = PyTuple_GET_SIZE(pieces) == slots + 1 && floats.len == n * n_floats * (Py_ssize_t)sizeof(double)
               && ints.len == n * (slots - n_floats) * (Py_ssize_t)sizeof(int64_t);
    for (Py_ssize_t k = 0; fits && k <= slots; k++) {
        fits = PyBytes_Check(PyTuple_GET_ITEM(pieces, k)) && (k == slots || kinds[k] == 'f' || kinds[k] == 'u');
    }
    if (!fits) {
        PyErr_SetString(PyExc_ValueError, "parse_records: pieces, kinds and the outputs do not fit together");
    } else {
        Piece *layout = PyMem_Calloc((size_t)slots + 1, sizeof(Piece));
        if (layout == NULL) {
            PyErr_NoMemory();
        } else {
            for (Py_ssize_t k = 0; k <= slots; k++) {
                Piece *piece = &layout[k];
                piece->bytes = PyBytes_AS_STRING(PyTuple_GET_ITEM(pieces, k));
                piece->size = PyBytes_GET_SIZE(PyTuple_GET_ITEM(pieces, k));
                Py_ssize_t head = piece->size < 8 ? piece->size : 8;
                memcpy(&piece->head, piece->bytes, (size_t)head);
                piece->mask = head == 8 ? ~0ULL : (1ULL << (8 * head)) - 1;
            }
            int done = records(raws, layout, kinds, slots, (double *)floats.buf, (int64_t *)ints.buf);
            result = done < 0 ? NULL : PyBool_FromLong(done);
            PyMem_Free(layout);
        }
    }
    PyBuffer_Release(&floats);
    PyBuffer_Release(&ints);
    return result;
}

static PyMethodDef methods[] = {
    {"parse_rows", parse_rows, METH_VARARGS,
     "parse_rows(text, n, width, out) -> None or [(index, start, end), ...] of the numbers left to msgspec"},
    {"parse_records", parse_records, METH_VARARGS,
     "parse_records(raws, pieces, kinds, floats, ints) -> whether every raw is the layout (numbers written out)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_conformance_numbers", NULL, -1, methods};

PyMODINIT_FUNC PyInit__conformance_numbers(void) {
    for (int c = '0'; c <= '9'; c++) {
        NUMBER_BYTE[c] = DIGIT;
    }
    NUMBER_BYTE['-'] = MINUS, NUMBER_BYTE['.'] = POINT;
    NUMBER_BYTE['e'] = NUMBER_BYTE['E'] = NUMBER_BYTE['+'] = EXPONENT;
    return PyModule_Create(&module);
}
