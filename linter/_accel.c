/* The data-only pass of linter/blockyaml.py (``_read_data``), compiled.

   It reads the same plain block YAML subset, line by line, and builds the same data. Each
   line is matched the way Python's regular-expression engine first tries ``blockyaml._ROW``
   (every repetition as long as it can be, every option taken when it can be); a line that
   path does not take whole makes the whole document "not read" (``None``), and the Python
   reader, then the other readers, take it. Typing of plain values, escapes and key checks
   that are not plain text are handed back to the Python functions of blockyaml, so that
   YAML 1.1 typing is written once. tests/test_accel.py holds the two readers together. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_DEPTH 24

/* Characters no token of the line reader takes (blockyaml._U). */
static inline int is_u(Py_UCS4 c) {
    if (c < 0x20) return c != 0x0a;  /* every C0 control but \n (tab and \r among them) */
    if (c < 0x7f) return 0;
    if (c <= 0x9f) return 1;         /* DEL, C1 controls and NEL */
    if (c < 0x2028) return 0;
    if (c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0xfffe || c == 0xffff) return 1;
    return c >= 0xd800 && c <= 0xdfff;
}

/* A character of a simple key after its first: not \s, not :#,[]{}"'&*!|>%@` and not _U. */
static inline int is_key_char(Py_UCS4 c) {
    if (c < 0x80) {
        switch (c) {
        case ':': case '#': case ',': case '[': case ']': case '{': case '}': case '"': case '\'':
        case '&': case '*': case '!': case '|': case '>': case '%': case '@': case '`': case ' ':
            return 0;
        }
        return c > 0x20 && c != 0x7f;
    }
    return !is_u(c) && !Py_UNICODE_ISSPACE(c);
}

static inline int is_key_start(Py_UCS4 c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/* The first character of a plain scalar: not \s, not #"'[]{}&*!|>%@`, and not _U. */
static inline int is_plain_start(Py_UCS4 c) {
    switch (c) {
    case '#': case '"': case '\'': case '[': case ']': case '{': case '}': case '&': case '*':
    case '!': case '|': case '>': case '%': case '@': case '`': case ',':
        return 0;
    }
    return !is_u(c) && !Py_UNICODE_ISSPACE(c);
}

/* A character inside a word of a plain scalar: not \n, not a space, not _U. */
static inline int is_plain_char(Py_UCS4 c) {
    return c != '\n' && c != ' ' && !is_u(c);
}

/* The first character of a word after spaces inside a plain scalar: not \s, #, or _U. */
static inline int is_plain_word_start(Py_UCS4 c) {
    return c != '#' && !is_u(c) && !Py_UNICODE_ISSPACE(c);
}

typedef struct {
    Py_ssize_t indent_end;              /* end of the indentation (its length from line start) */
    Py_ssize_t dash_start, dash_end;    /* -1 when absent */
    Py_ssize_t key_start, key_end;      /* -1 when absent */
    int kind;                           /* 0 none, 'd' double, 's' single, 'p' plain */
    Py_ssize_t val_start, val_end;      /* the value with its quotes */
    Py_ssize_t next;                    /* after the line's \n */
} Row;

/* Match one line starting at ``pos``. Returns 1 and fills ``row``, or 0 when the line is not
   taken (the document is then not read here). */
static int match_row(int kind, const void *data, Py_ssize_t len, Py_ssize_t pos, Row *row) {
#define CH(i) PyUnicode_READ(kind, data, (i))
    Py_ssize_t p = pos;
    while (p < len && CH(p) == ' ') p++;
    row->indent_end = p;
    row->dash_start = row->dash_end = -1;
    row->key_start = row->key_end = -1;
    row->kind = 0;
    row->val_start = row->val_end = -1;
    if (p < len && CH(p) == '-' && p + 1 < len && (CH(p + 1) == ' ' || CH(p + 1) == '\n')) {
        row->dash_start = p;
        p++;
        while (p < len && CH(p) == ' ') p++;
        row->dash_end = p;
    }
    /* a simple key: tried, and left out when it does not end in ':' then spaces or the line's end */
    if (p < len && is_key_start(CH(p))) {
        Py_ssize_t k = p + 1;
        while (k < len && is_key_char(CH(k))) k++;
        if (k < len && CH(k) == ':' && k + 1 < len && (CH(k + 1) == ' ' || CH(k + 1) == '\n')) {
            row->key_start = p;
            row->key_end = k;
            p = k + 1;
            while (p < len && CH(p) == ' ') p++;
        }
    }
    if (p < len) {
        Py_UCS4 c = CH(p);
        if (c == '"' || c == '\'') {  /* "double" (with backslash escapes) or 'single' ('' for ') */
            Py_ssize_t q = p + 1;
            for (;;) {
                if (q >= len) return 0;
                Py_UCS4 d = CH(q);
                if (d == '\n' || is_u(d)) return 0;
                if (d == c) {
                    if (c == '\'' && q + 1 < len && CH(q + 1) == '\'') { q += 2; continue; }
                    break;
                }
                if (c == '"' && d == '\\') {
                    if (q + 1 >= len) return 0;
                    Py_UCS4 e = CH(q + 1);
                    if (e == '\n' || is_u(e)) return 0;
                    q += 2;
                    continue;
                }
                q++;
            }
            row->kind = c == '"' ? 'd' : 's';
            row->val_start = p;
            row->val_end = q + 1;
            p = q + 1;
        } else if (is_plain_start(c)) {
            Py_ssize_t q = p + 1;
            while (q < len && is_plain_char(CH(q))) q++;
            for (;;) {  /* more words after spaces */
                Py_ssize_t s = q;
                while (s < len && CH(s) == ' ') s++;
                if (s == q || s >= len || !is_plain_word_start(CH(s))) break;
                q = s + 1;
                while (q < len && is_plain_char(CH(q))) q++;
            }
            row->kind = 'p';
            row->val_start = p;
            row->val_end = q;
            p = q;
        }
    }
    while (p < len && CH(p) == ' ') p++;
    if (p < len && CH(p) == '#' && (p == 0 || CH(p - 1) == ' ' || CH(p - 1) == '\n')) {
        p++;
        while (p < len && CH(p) != '\n') {
            if (is_u(CH(p))) return 0;
            p++;
        }
    }
    if (p >= len || CH(p) != '\n') return 0;
    row->next = p + 1;
    return 1;
#undef CH
}

typedef struct {
    Py_ssize_t indent;
    int is_map;
    PyObject *value;  /* a new reference */
} Frame;

typedef struct {
    PyObject *text_keys, *text_key, *mapping_plain, *item_plain, *unescape, *resolve, *value_of;
} Helpers;

static unsigned char LOOK_CLOSER[128];
static int look_closer_set = 0;

static int contains_colon_space(PyObject *s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        if (PyUnicode_READ(kind, data, i) == ':' && PyUnicode_READ(kind, data, i + 1) == ' ') return 1;
    }
    return 0;
}

/* Whether a plain scalar needs the Python side: its first character may start a typed value
   (or '-', '?', ':'), or it holds ": ", or it ends with ':'. */
static int plain_needs_python(PyObject *plain) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(plain);
    Py_UCS4 first = PyUnicode_READ_CHAR(plain, 0);
    if (first < 128 && LOOK_CLOSER[first]) return 1;
    if (PyUnicode_READ_CHAR(plain, n - 1) == ':') return 1;
    return contains_colon_space(plain);
}

/* What blockyaml._mapping_plain settles without the resolver, for a plain scalar that
   plain_needs_python() holds back: 2 for a decimal int, 1 for text, 3 for text that starts
   with four digits and a '-' (a date, to YAML 1.1), 0 for "ask Python". */
static int mapping_plain_here(PyObject *plain) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(plain);
    if (PyUnicode_READ_CHAR(plain, n - 1) == ':' || contains_colon_space(plain)) return 0;
    Py_UCS4 first = PyUnicode_READ_CHAR(plain, 0);
    if (n < 19 && (first != '0' || n == 1)) {  /* as blockyaml.is_plain_decimal */
        Py_ssize_t i = 0;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ_CHAR(plain, i);
            if (c < '0' || c > '9') break;
            i++;
        }
        if (i == n) return 2;
    }
    if (n > 5) {  /* no YAML 1.1 boolean or null (blockyaml._KNOWN) is longer than five letters */
        if (Py_UNICODE_ISALPHA(first)) return 1;
        if (PyUnicode_READ_CHAR(plain, 4) == '-') {
            int digits = 1;
            for (Py_ssize_t i = 0; i < 4; i++) {
                if (!Py_UNICODE_ISDIGIT(PyUnicode_READ_CHAR(plain, i))) { digits = 0; break; }
            }
            if (digits) return 3;  /* text here, but YAML 1.1 may read it as a date: recorded */
        }
    }
    return 0;
}

/* The list that each plain mapping value of the form "dddd-..." is appended to (see
   record_dates), or NULL. */
static PyObject *DATES = NULL;

/* The value of a quoted or plain scalar, a new reference, or NULL with an exception set. */
static PyObject *scalar(PyObject *src, const Row *row, int in_list, Helpers *h) {
    if (row->kind == 'd') {
        PyObject *body = PyUnicode_Substring(src, row->val_start + 1, row->val_end - 1);
        if (body == NULL) return NULL;
        if (PyUnicode_FindChar(body, '\\', 0, PyUnicode_GET_LENGTH(body), 1) >= 0) {
            PyObject *out = PyObject_CallOneArg(h->unescape, body);
            Py_DECREF(body);
            return out;
        }
        return body;
    }
    if (row->kind == 's') {
        PyObject *body = PyUnicode_Substring(src, row->val_start + 1, row->val_end - 1);
        if (body == NULL) return NULL;
        if (PyUnicode_FindChar(body, '\'', 0, PyUnicode_GET_LENGTH(body), 1) >= 0) {
            PyObject *two = PyUnicode_FromString("''"), *one = PyUnicode_FromString("'");
            PyObject *out = (two && one) ? PyUnicode_Replace(body, two, one, -1) : NULL;
            Py_XDECREF(two);
            Py_XDECREF(one);
            Py_DECREF(body);
            return out;
        }
        return body;
    }
    PyObject *plain = PyUnicode_Substring(src, row->val_start, row->val_end);
    if (plain == NULL) return NULL;
    if (!plain_needs_python(plain)) return plain;
    if (!in_list) {
        int settled = mapping_plain_here(plain);
        if (settled == 1) return plain;
        if (settled == 3) {
            if (DATES != NULL && PyList_Append(DATES, plain) < 0) {
                Py_DECREF(plain);
                return NULL;
            }
            return plain;
        }
        if (settled == 2) {
            PyObject *number = PyLong_FromUnicodeObject(plain, 10);
            Py_DECREF(plain);
            return number;
        }
    }
    PyObject *out = PyObject_CallFunctionObjArgs(in_list ? h->item_plain : h->mapping_plain,
                                                 plain, h->resolve, h->value_of, NULL);
    Py_DECREF(plain);
    return out;
}

/* read_data(src, text_keys, text_key, mapping_plain, item_plain, unescape, resolve, value_of)
   -> the root mapping, or None when the document is not read here. ``src`` ends with \n. */
static PyObject *read_data(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 8 || !PyUnicode_Check(args[0]) || !PyAnySet_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "read_data(src, text_keys, text_key, mapping_plain, item_plain, unescape, resolve, value_of)");
        return NULL;
    }
    if (!look_closer_set) {
        PyErr_SetString(PyExc_RuntimeError, "configure() first");
        return NULL;
    }
    PyObject *src = args[0];
    Helpers h = {args[1], args[2], args[3], args[4], args[5], args[6], args[7]};
    int kind = PyUnicode_KIND(src);
    const void *data = PyUnicode_DATA(src);
    Py_ssize_t len = PyUnicode_GET_LENGTH(src);
    if (len == 0 || PyUnicode_READ(kind, data, len - 1) != '\n') Py_RETURN_NONE;

    Frame stack[MAX_DEPTH + 1];
    int depth = 0;
    PyObject *root = NULL;
    int have_top = 0;
    PyObject *pending_map = NULL, *pending_key = NULL;  /* a "key:" whose value is on the next lines */
    PyObject *result = NULL;
    int gave_up = 0;
    Row row;
    Py_ssize_t pos = 0;

#define GIVE_UP do { gave_up = 1; goto done; } while (0)
#define FAIL do { goto done; } while (0)
    while (pos < len) {
        if (!match_row(kind, data, len, pos, &row)) GIVE_UP;
        Py_ssize_t line_start = pos;
        pos = row.next;
        int dash = row.dash_start >= 0, has_key = row.key_start >= 0;
        if (!has_key && !dash) {
            if (row.kind) GIVE_UP;  /* a scalar alone on its line */
            continue;
        }
        Py_ssize_t indent = row.indent_end - line_start;
        Frame *top = have_top ? &stack[depth - 1] : NULL;
        if (top == NULL || indent != top->indent || (!dash) != top->is_map || pending_map != NULL) {
            /* close what this line ends */
            while (depth > 0) {
                Frame *t = &stack[depth - 1];
                if (t->indent > indent || (t->indent == indent && !t->is_map && !dash && depth > 1
                                           && stack[depth - 2].indent == indent)) {
                    Py_DECREF(t->value);
                    depth--;
                    continue;
                }
                break;
            }
            if (pending_map != NULL) {
                /* the pending key's mapping must still be on top */
                if (depth == 0 || stack[depth - 1].value != pending_map || depth >= MAX_DEPTH) GIVE_UP;
                Py_ssize_t parent_indent = stack[depth - 1].indent;
                int ok = dash ? indent >= parent_indent : (has_key && indent > parent_indent);
                if (!ok) GIVE_UP;
                PyObject *value = dash ? PyList_New(0) : PyDict_New();
                if (value == NULL) FAIL;
                if (PyDict_SetItem(pending_map, pending_key, value) < 0) { Py_DECREF(value); FAIL; }
                stack[depth].indent = indent;
                stack[depth].is_map = !dash;
                stack[depth].value = value;
                depth++;
                Py_CLEAR(pending_map);
                Py_CLEAR(pending_key);
            } else if (depth == 0) {
                if (indent != 0 || dash || root != NULL) GIVE_UP;
                PyObject *value = PyDict_New();
                if (value == NULL) FAIL;
                stack[0].indent = 0;
                stack[0].is_map = 1;
                stack[0].value = value;
                depth = 1;
            }
            top = &stack[depth - 1];
            if (top->indent != indent || top->is_map != !dash) GIVE_UP;
            have_top = 1;
            if (root == NULL) {
                root = stack[0].value;
                Py_INCREF(root);
            }
        }
        if (dash) {
            if (!has_key) {
                if (!row.kind) GIVE_UP;  /* "-" alone: an empty item, or one on the next lines */
                PyObject *value = scalar(src, &row, 1, &h);
                if (value == NULL) FAIL;
                int r = PyList_Append(top->value, value);
                Py_DECREF(value);
                if (r < 0) FAIL;
                continue;
            }
            if (depth >= MAX_DEPTH) GIVE_UP;
            PyObject *value = PyDict_New();
            if (value == NULL) FAIL;
            if (PyList_Append(top->value, value) < 0) { Py_DECREF(value); FAIL; }
            stack[depth].indent = indent + (row.dash_end - row.dash_start);
            stack[depth].is_map = 1;
            stack[depth].value = value;
            depth++;
            top = &stack[depth - 1];
        }
        PyObject *mapping = top->value;
        PyObject *key = PyUnicode_Substring(src, row.key_start, row.key_end);
        if (key == NULL) FAIL;
        int has = PyDict_Contains(mapping, key);
        if (has != 0) { Py_DECREF(key); if (has < 0) FAIL; GIVE_UP; }  /* a duplicate key */
        has = PySet_Contains(h.text_keys, key);
        if (has < 0) { Py_DECREF(key); FAIL; }
        if (!has) {
            PyObject *r = PyObject_CallFunctionObjArgs(h.text_key, key, h.resolve, NULL);
            if (r == NULL) { Py_DECREF(key); FAIL; }
            Py_DECREF(r);
        }
        if (row.kind) {
            PyObject *value = scalar(src, &row, 0, &h);
            if (value == NULL) { Py_DECREF(key); FAIL; }
            int r = PyDict_SetItem(mapping, key, value);
            Py_DECREF(value);
            Py_DECREF(key);
            if (r < 0) FAIL;
        } else {
            if (PyDict_SetItem(mapping, key, Py_None) < 0) { Py_DECREF(key); FAIL; }
            pending_map = mapping;
            Py_INCREF(pending_map);
            pending_key = key;  /* owns the reference */
        }
    }
    if (pending_map != NULL || root == NULL) GIVE_UP;
    result = root;
    root = NULL;
done:
    while (depth > 0) {
        depth--;
        Py_DECREF(stack[depth].value);
    }
    Py_XDECREF(root);
    Py_XDECREF(pending_map);
    Py_XDECREF(pending_key);
    if (gave_up) Py_RETURN_NONE;
    return result;  /* NULL with an exception from a helper, or the data */
#undef GIVE_UP
#undef FAIL
}

/* configure(look_closer): the first characters of plain scalars that the Python side types. */
static PyObject *configure(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "configure(str)");
        return NULL;
    }
    unsigned char table[128] = {0};
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(arg, i);
        if (c >= 128) {
            PyErr_SetString(PyExc_ValueError, "only ASCII first characters are supported");
            return NULL;
        }
        table[c] = 1;
    }
    memcpy(LOOK_CLOSER, table, sizeof table);
    look_closer_set = 1;
    Py_RETURN_NONE;
}

/* record_dates(list): where the reader appends each plain mapping value that starts with four
   digits and a '-', as blockyaml._mapping_plain does (the date checks of the schema rules). */
static PyObject *record_dates(PyObject *self, PyObject *arg) {
    if (!PyList_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "record_dates(list)");
        return NULL;
    }
    Py_INCREF(arg);
    Py_XSETREF(DATES, arg);
    Py_RETURN_NONE;
}


/* --- scans for the encoding checks ---------------------------------------------------------
   A character set is a bitmap of the Basic Multilingual Plane (8,192 bytes, bit ``c`` for
   character ``c``); characters above it are never members. Each scan turns the sets it is
   given into a table of one byte per character, once (the callers pass the same sets each
   time), so that a character that cannot start anything costs one load and one test. */

static int bitmap_arg(PyObject *obj, Py_buffer *view) {
    if (PyObject_GetBuffer(obj, view, PyBUF_SIMPLE) < 0) return 0;
    if (view->len != 8192) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "a character set is a bitmap of 8192 bytes");
        return 0;
    }
    return 1;
}

static inline int member(const unsigned char *bits, Py_UCS4 c) {
    return c < 0x10000 && (bits[c >> 3] >> (c & 7)) & 1;
}

/* A table of one byte per BMP character, built from up to two sets (``bit`` for each), kept
   while the callers pass the very same set objects. */
typedef struct {
    PyObject *sets[2];  /* strong references to the set objects the table was built from */
    unsigned char table[0x10000];
} CharTable;

static int char_table(CharTable *t, PyObject *a, unsigned char abit, PyObject *b, unsigned char bbit) {
    if (t->sets[0] == a && t->sets[1] == b) return 1;
    Py_buffer va, vb;
    if (!bitmap_arg(a, &va)) return 0;
    if (b != NULL && !bitmap_arg(b, &vb)) { PyBuffer_Release(&va); return 0; }
    for (Py_ssize_t c = 0; c < 0x10000; c++) {
        unsigned char k = 0;
        if (member(va.buf, (Py_UCS4)c)) k |= abit;
        if (b != NULL && member(vb.buf, (Py_UCS4)c)) k |= bbit;
        t->table[c] = k;
    }
    PyBuffer_Release(&va);
    if (b != NULL) PyBuffer_Release(&vb);
    Py_INCREF(a);
    Py_XINCREF(b);
    Py_XSETREF(t->sets[0], a);
    Py_XSETREF(t->sets[1], b);
    return 1;
}

/* The class of character ``c`` in ``table`` (0 above the BMP). */
#define CLASS(table, c) ((c) < 0x10000 ? (table)[(c)] : 0)

/* The scans share a few tables, one for each pair of sets given last (the first set as bit 1,
   the second as bit 2): the callers alternate between a few sets, and rebuilding a table costs
   as much as scanning 64 KiB. */
#define TABLES 16
static CharTable tables[TABLES];
static int next_table;

/* The table built from these very sets, or a new one in place of the oldest; NULL with an
   exception when a set is not a bitmap. */
static CharTable *cached_table(PyObject *a, PyObject *b) {
    for (int k = 0; k < TABLES; k++)
        if (tables[k].sets[0] == a && tables[k].sets[1] == b) return &tables[k];
    CharTable *t = &tables[next_table];
    if (!char_table(t, a, 1, b, 2)) return NULL;
    next_table = (next_table + 1) % TABLES;
    return t;
}

/* What a scan works on: the characters of its text from ``start``, and the table of its sets. */
typedef struct {
    const unsigned char *table;
    const void *data;
    int kind;
    Py_ssize_t start, n;
} Scan;

/* The arguments (text, start, set[, set]) of a scan, ``expected`` of them: 1, or 0 with an
   exception (TypeError with ``usage``, or a set that is not a bitmap). */
static int begin_scan(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t expected, const char *usage, Scan *s) {
    if (nargs != expected || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, usage);
        return 0;
    }
    s->start = PyLong_AsSsize_t(args[1]);
    if (s->start == -1 && PyErr_Occurred()) return 0;
    if (s->start < 0) s->start = 0;
    CharTable *t = cached_table(args[2], expected > 3 ? args[3] : NULL);
    if (t == NULL) return 0;
    s->table = t->table;
    s->data = PyUnicode_DATA(args[0]);
    s->kind = PyUnicode_KIND(args[0]);
    s->n = PyUnicode_GET_LENGTH(args[0]);
    return 1;
}

/* The loop SCAN(TYPE) of the Scan ``s`` once for each kind of string, so that the read of
   each character is a plain load. */
#define EACH_KIND(SCAN) \
    if (s.kind == PyUnicode_1BYTE_KIND) SCAN(Py_UCS1) \
    else if (s.kind == PyUnicode_2BYTE_KIND) SCAN(Py_UCS2) \
    else SCAN(Py_UCS4)

/* find_in(text, start, bitmap) -> the index of the first member of the set at or after
   ``start``, or -1: ``re.compile("[...]").search(text, start)`` for a character class. */
static PyObject *find_in(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Scan s;
    if (!begin_scan(args, nargs, 3, "find_in(text, start, bitmap)", &s)) return NULL;
    Py_ssize_t found = -1;
#define SCAN(TYPE) { const TYPE *chars = s.data; \
        for (Py_ssize_t i = s.start; i < s.n; i++) { if (CLASS(s.table, chars[i])) { found = i; break; } } }
    EACH_KIND(SCAN)
#undef SCAN
    return PyLong_FromSsize_t(found);
}

enum { FIRST = 1, BOUNDARY = 2 };  /* the bits of cached_table */

/* find_run(text, start, firsts, boundaries) -> the index of the first character at or after
   ``start`` that is in ``firsts`` and starts the text or follows a character in
   ``boundaries``, or -1: where a run of characters that may be a misreading can begin. */
static PyObject *find_run(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Scan s;
    if (!begin_scan(args, nargs, 4, "find_run(text, start, firsts, boundaries)", &s)) return NULL;
    Py_ssize_t found = -1;
#define SCAN(TYPE) { const TYPE *chars = s.data; \
        for (Py_ssize_t i = s.start; i < s.n; i++) { \
            if ((CLASS(s.table, chars[i]) & FIRST) && (i == 0 || (CLASS(s.table, chars[i - 1]) & BOUNDARY))) { found = i; break; } \
        } }
    EACH_KIND(SCAN)
#undef SCAN
    return PyLong_FromSsize_t(found);
}

enum { LEAD = 1, CONT = 2 };  /* the bits of cached_table */

/* find_pair(text, start, leads, continuations) -> (start, end) of the first match at or after
   ``start`` of the pattern ``[leads](?:(?<=\ufffd)|[continuations]|(?<=[\u00c2\u00c3]) )``
   (U+FFFD is one of the leads), or None.

   A match is U+FFFD alone, or a lead and then a continuation or a space. The scan looks at
   the second character of each pair: continuations, spaces and U+FFFD are rare beside the
   leads, which are most letters of some scripts (Cyrillic, Greek). No continuation is U+FFFD
   or a space, so at each place at most one kind of match can end, and the first found is
   the one that starts first. */
static PyObject *find_pair(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Scan s;
    if (!begin_scan(args, nargs, 4, "find_pair(text, start, leads, continuations)", &s)) return NULL;
    const unsigned char *table = s.table;
    if ((table[0xfffd] & CONT) || (table[' '] & CONT) || !(table[0xfffd] & LEAD)) {
        PyErr_SetString(PyExc_ValueError, "find_pair: U+FFFD must be a lead, and neither it nor a space a continuation");
        return NULL;
    }
    Py_ssize_t start = s.start, n = s.n, at = -1;
#define SCAN(TYPE) { const TYPE *chars = s.data; \
        for (Py_ssize_t j = start; j < n; j++) { \
            Py_UCS4 c = chars[j]; \
            if (c == ' ') { \
                if (j > start && (chars[j - 1] == 0xc2 || chars[j - 1] == 0xc3) && (CLASS(table, chars[j - 1]) & LEAD)) { at = j - 1; break; } \
                continue; \
            } \
            if (c == 0xfffd) { at = j; break; } \
            if ((CLASS(table, c) & CONT) && j > start && (CLASS(table, chars[j - 1]) & LEAD)) { at = j - 1; break; } \
        } }
    EACH_KIND(SCAN)
#undef SCAN
    if (at < 0) Py_RETURN_NONE;
    Py_ssize_t end = PyUnicode_READ(s.kind, s.data, at) == 0xfffd ? at + 1 : at + 2;
    return Py_BuildValue("(nn)", at, end);
}

/* --- URLs ------------------------------------------------------------------------------
   Two patterns of linter/formats.py and linter/rules/url.py, matched in one pass. Both are
   deterministic: a host is the longest run of host characters (what may follow a host, ':',
   '/', '?', '#' or the end, is never one), and every later part is a run of its characters. */

static inline int is_alnum_ascii(Py_UCS4 c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static inline int is_host_char(Py_UCS4 c) { return is_alnum_ascii(c) || c == '.' || c == '-'; }
static inline int is_hex(Py_UCS4 c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
/* [A-Za-z0-9\-._~!$&'()*+,;=:@/] and, for queries and fragments, '?' as well */
static inline int is_url_char(Py_UCS4 c, int query) {
    if (is_alnum_ascii(c)) return 1;
    switch (c) {
    case '-': case '.': case '_': case '~': case '!': case '$': case '&': case '\'': case '(': case ')':
    case '*': case '+': case ',': case ';': case '=': case ':': case '@': case '/':
        return 1;
    case '?':
        return query;
    }
    return 0;
}

/* A URL being matched: its characters, and where its scheme and host end. */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n, scheme, host_end;
} Url;

/* A str that starts "http://" or "https://": 1, with ``url`` filled in (the host is the
   longest run of host characters after "//"); else 0, or -1 with TypeError when ``value`` is
   not a str. */
static int web_host(PyObject *value, const char *name, Url *url) {
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "%s(str)", name);
        return -1;
    }
    int kind = url->kind = PyUnicode_KIND(value);
    const void *data = url->data = PyUnicode_DATA(value);
    Py_ssize_t n = url->n = PyUnicode_GET_LENGTH(value);
#define CH(i) PyUnicode_READ(kind, data, (i))
    if (n < 7 || CH(0) != 'h' || CH(1) != 't' || CH(2) != 't' || CH(3) != 'p') return 0;
    Py_ssize_t s = CH(4) == 's' ? 5 : 4;
    if (s + 3 > n || CH(s) != ':' || CH(s + 1) != '/' || CH(s + 2) != '/') return 0;
    Py_ssize_t p = s + 3;
    while (p < n && is_host_char(CH(p))) p++;
    url->scheme = s;
    url->host_end = p;
    return 1;
#undef CH
}

/* simple_url_host(value) -> the host group of rules.url._SIMPLE_URL.match(value), or None. */
static PyObject *simple_url_host(PyObject *self, PyObject *value) {
    Url url;
    int found = web_host(value, "simple_url_host", &url);
    if (found <= 0) return found < 0 ? NULL : Py_NewRef(Py_None);
    Py_ssize_t n = url.n, s = url.scheme, host = s + 3, p = url.host_end;
#define CH(i) PyUnicode_READ(url.kind, url.data, (i))
    /* LABEL(\.LABEL)+, LABEL = [A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])? */
    Py_ssize_t labels = 0, start = host;
    for (Py_ssize_t i = host; i <= p; i++) {
        if (i == p || CH(i) == '.') {
            Py_ssize_t len = i - start;
            if (len < 1 || len > 63 || !is_alnum_ascii(CH(start)) || !is_alnum_ascii(CH(i - 1))) Py_RETURN_NONE;
            labels++;
            start = i + 1;
        }
    }
    if (labels < 2) Py_RETURN_NONE;
    Py_ssize_t host_end = p;
    if (p < n && CH(p) == ':') {  /* (?::[0-9]{1,5})? */
        Py_ssize_t d = p + 1;
        while (d < n && d - p <= 5 && CH(d) >= '0' && CH(d) <= '9') d++;
        if (d == p + 1) Py_RETURN_NONE;
        p = d;
    }
    for (int part = 0; part < 3; part++) {  /* path, query, fragment: each optional, in order */
        Py_UCS4 lead = part == 0 ? '/' : part == 1 ? '?' : '#';
        if (p >= n || CH(p) != lead) continue;
        p++;
        for (;;) {
            if (p < n && is_url_char(CH(p), part > 0)) { p++; continue; }
            if (p + 2 < n && CH(p) == '%' && is_hex(CH(p + 1)) && is_hex(CH(p + 2))) { p += 3; continue; }
            break;
        }
    }
    if (p != n) Py_RETURN_NONE;
    return PyUnicode_Substring(value, host, host_end);
#undef CH
}

/* plain_http(value) -> the groups of formats._PLAIN_HTTP.match(value) (scheme, host, port,
   path, query, fragment; None for a group that did not take part), or None. */
static PyObject *plain_http(PyObject *self, PyObject *value) {
    Url url;
    int found = web_host(value, "plain_http", &url);
    if (found <= 0) return found < 0 ? NULL : Py_NewRef(Py_None);
    Py_ssize_t n = url.n, s = url.scheme, host = s + 3, p = url.host_end;
#define CH(i) PyUnicode_READ(url.kind, url.data, (i))
#define STOP(c) ((c) == '\t' || (c) == '\r' || (c) == '\n')
    if (p == host) Py_RETURN_NONE;
    Py_ssize_t host_end = p, span[4][2] = {{-1, -1}, {-1, -1}, {-1, -1}, {-1, -1}};
    if (p < n && CH(p) == ':') {
        Py_ssize_t d = ++p;
        while (p < n && CH(p) >= '0' && CH(p) <= '9') p++;
        span[0][0] = d; span[0][1] = p;
    }
    if (p < n && CH(p) == '/') {
        span[1][0] = p;
        while (p < n && CH(p) != '?' && CH(p) != '#' && !STOP(CH(p))) p++;
        span[1][1] = p;
    }
    if (p < n && CH(p) == '?') {
        span[2][0] = ++p;
        while (p < n && CH(p) != '#' && !STOP(CH(p))) p++;
        span[2][1] = p;
    }
    if (p < n && CH(p) == '#') {
        span[3][0] = ++p;
        while (p < n && !STOP(CH(p))) p++;
        span[3][1] = p;
    }
    if (p != n) Py_RETURN_NONE;
    PyObject *out = PyTuple_New(6);
    if (out == NULL) return NULL;
    PyObject *item = PyUnicode_Substring(value, 0, s);
    if (item == NULL) { Py_DECREF(out); return NULL; }
    PyTuple_SET_ITEM(out, 0, item);
    item = PyUnicode_Substring(value, host, host_end);
    if (item == NULL) { Py_DECREF(out); return NULL; }
    PyTuple_SET_ITEM(out, 1, item);
    for (int i = 0; i < 4; i++) {
        if (span[i][0] < 0) {
            Py_INCREF(Py_None);
            PyTuple_SET_ITEM(out, 2 + i, Py_None);
            continue;
        }
        item = PyUnicode_Substring(value, span[i][0], span[i][1]);
        if (item == NULL) { Py_DECREF(out); return NULL; }
        PyTuple_SET_ITEM(out, 2 + i, item);
    }
    return out;
#undef STOP
#undef CH
}

/* --- the schema walk ---------------------------------------------------------------------
   schema.CompiledSchema.annotate's loop over a document, step for step (the same stack
   discipline, so the same order of mappings and fields). Places (schema._Place) are read
   through their attributes; a place not yet known is asked of ``at(place, key)``. */

static PyObject *S_image, *S_children, *S_format, *S_schemas, *S_by_position;

static int truthy_attr(PyObject *obj, PyObject *name) {
    PyObject *v = PyObject_GetAttr(obj, name);
    if (v == NULL) return -1;
    int r = PyObject_IsTrue(v);
    Py_DECREF(v);
    return r;
}

/* children.get(key) or at(place, key): a new reference */
static PyObject *child_place(PyObject *children, PyObject *at, PyObject *place, PyObject *key) {
    PyObject *found = PyDict_GetItemWithError(children, key);
    if (found != NULL) {
        Py_INCREF(found);
        return found;
    }
    if (PyErr_Occurred()) return NULL;
    return PyObject_CallFunctionObjArgs(at, place, key, NULL);
}

static PyObject *extend_path(PyObject *path, PyObject *key) {
    Py_ssize_t n = PyTuple_GET_SIZE(path);
    PyObject *out = PyTuple_New(n + 1);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *part = PyTuple_GET_ITEM(path, i);
        Py_INCREF(part);
        PyTuple_SET_ITEM(out, i, part);
    }
    Py_INCREF(key);
    PyTuple_SET_ITEM(out, n, key);
    return out;
}

/* push (path + (key,), value, place) on the stack; place may be NULL for None */
static int push(PyObject *stack, PyObject *path, PyObject *key, PyObject *value, PyObject *place) {
    PyObject *child = extend_path(path, key);
    if (child == NULL) return -1;
    PyObject *entry = PyTuple_Pack(3, child, value, place ? place : Py_None);
    Py_DECREF(child);
    if (entry == NULL) return -1;
    int r = PyList_Append(stack, entry);
    Py_DECREF(entry);
    return r;
}

/* a field with a format: out[path + (key,)] = fmt; fields.append((path + (key,), fmt, value)) */
static int add_field(PyObject *out, PyObject *fields, PyObject *path, PyObject *key, PyObject *fmt, PyObject *value) {
    PyObject *child = extend_path(path, key);
    if (child == NULL) return -1;
    int r = PyDict_SetItem(out, child, fmt);
    if (r == 0) {
        PyObject *entry = PyTuple_Pack(3, child, fmt, value);
        r = entry ? PyList_Append(fields, entry) : -1;
        Py_XDECREF(entry);
    }
    Py_DECREF(child);
    return r;
}

static inline int is_container(PyObject *v) { return PyDict_CheckExact(v) || PyList_CheckExact(v); }

/* the place to push for a container under ``inner``: inner if it has schemas, else None */
static PyObject *place_if_schemas(PyObject *inner) {
    if (inner == NULL || inner == Py_None) return NULL;
    int has = truthy_attr(inner, S_schemas);
    if (has < 0) return (PyObject *)-1;
    return has ? inner : NULL;
}

/* annotate_walk(data, root_place, at, any_position, out, images, mappings, fields): fills the
   four containers as CompiledSchema.annotate does; root_place may be None. */
static PyObject *annotate_walk(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 8 || !PyDict_Check(args[4]) || !PyList_Check(args[5]) || !PyList_Check(args[6]) || !PyList_Check(args[7])) {
        PyErr_SetString(PyExc_TypeError, "annotate_walk(data, root_place, at, any_position, out, images, mappings, fields)");
        return NULL;
    }
    PyObject *at = args[2], *any_position = args[3], *out = args[4], *images = args[5], *mappings = args[6], *fields = args[7];
    PyObject *stack = PyList_New(0);
    if (stack == NULL) return NULL;
    PyObject *root = PyTuple_New(0);
    PyObject *first = root ? PyTuple_Pack(3, root, args[0], args[1]) : NULL;
    Py_XDECREF(root);
    if (first == NULL || PyList_Append(stack, first) < 0) { Py_XDECREF(first); Py_DECREF(stack); return NULL; }
    Py_DECREF(first);
    int ok = 1;
    while (ok && PyList_GET_SIZE(stack) > 0) {
        Py_ssize_t top = PyList_GET_SIZE(stack) - 1;
        PyObject *entry = PyList_GET_ITEM(stack, top);
        Py_INCREF(entry);
        if (PyList_SetSlice(stack, top, top + 1, NULL) < 0) { Py_DECREF(entry); ok = 0; break; }
        PyObject *path = PyTuple_GET_ITEM(entry, 0), *value = PyTuple_GET_ITEM(entry, 1), *place = PyTuple_GET_ITEM(entry, 2);
        if (place == Py_None) place = NULL;
        if (PyDict_CheckExact(value)) {
            PyObject *pair = PyTuple_Pack(2, path, value);
            if (pair == NULL || PyList_Append(mappings, pair) < 0) { Py_XDECREF(pair); ok = 0; goto next; }
            Py_DECREF(pair);
            Py_ssize_t pos = 0;
            PyObject *k, *v;
            if (place == NULL) {
                while (PyDict_Next(value, &pos, &k, &v)) {
                    if (is_container(v) && push(stack, path, k, v, NULL) < 0) { ok = 0; goto next; }
                }
                goto next;
            }
            int image = truthy_attr(place, S_image);
            if (image < 0) { ok = 0; goto next; }
            if (image && PyList_Append(images, path) < 0) { ok = 0; goto next; }
            PyObject *children = PyObject_GetAttr(place, S_children);
            if (children == NULL) { ok = 0; goto next; }
            if (!PyDict_Check(children)) { Py_DECREF(children); PyErr_SetString(PyExc_TypeError, "children"); ok = 0; goto next; }
            while (ok && PyDict_Next(value, &pos, &k, &v)) {
                if (PyUnicode_CheckExact(v)) {
                    if (!PyUnicode_CheckExact(k)) continue;
                    PyObject *child = child_place(children, at, place, k);
                    PyObject *fmt = child ? PyObject_GetAttr(child, S_format) : NULL;
                    Py_XDECREF(child);
                    if (fmt == NULL) { ok = 0; break; }
                    int has = PyObject_IsTrue(fmt);
                    if (has < 0 || (has && add_field(out, fields, path, k, fmt, v) < 0)) ok = 0;
                    Py_DECREF(fmt);
                } else if (is_container(v)) {
                    PyObject *inner = NULL;
                    if (PyUnicode_CheckExact(k)) {
                        inner = child_place(children, at, place, k);
                        if (inner == NULL) { ok = 0; break; }
                    }
                    PyObject *next_place = place_if_schemas(inner);
                    if (next_place == (PyObject *)-1 || push(stack, path, k, v, next_place) < 0) ok = 0;
                    Py_XDECREF(inner);
                }
            }
            Py_DECREF(children);
        } else if (PyList_CheckExact(value)) {
            Py_ssize_t n = PyList_GET_SIZE(value);
            if (place == NULL) {
                for (Py_ssize_t i = 0; ok && i < n; i++) {
                    PyObject *v = PyList_GET_ITEM(value, i);
                    if (!is_container(v)) continue;
                    PyObject *index = PyLong_FromSsize_t(i);
                    if (index == NULL || push(stack, path, index, v, NULL) < 0) ok = 0;
                    Py_XDECREF(index);
                }
                goto next;
            }
            PyObject *same = NULL;
            int by_position = truthy_attr(place, S_by_position);
            if (by_position < 0) { ok = 0; goto next; }
            if (!by_position) {
                PyObject *children = PyObject_GetAttr(place, S_children);
                if (children == NULL) { ok = 0; goto next; }
                PyObject *zero = PyLong_FromLong(0);
                PyObject *found = zero ? PyDict_GetItemWithError(children, any_position) : NULL;
                if (found != NULL) { same = found; Py_INCREF(same); }
                else if (zero != NULL && !PyErr_Occurred()) same = PyObject_CallFunctionObjArgs(at, place, zero, NULL);
                Py_XDECREF(zero);
                Py_DECREF(children);
                if (same == NULL) { ok = 0; goto next; }
            }
            for (Py_ssize_t i = 0; ok && i < PyList_GET_SIZE(value); i++) {
                PyObject *v = PyList_GET_ITEM(value, i);
                int is_str = PyUnicode_CheckExact(v);
                if (!is_str && !is_container(v)) continue;
                Py_INCREF(v);
                PyObject *index = PyLong_FromSsize_t(i);
                PyObject *inner = NULL;
                if (index == NULL) ok = 0;
                else if (same != NULL) { inner = same; Py_INCREF(inner); }
                else if ((inner = PyObject_CallFunctionObjArgs(at, place, index, NULL)) == NULL) ok = 0;
                if (ok && is_str) {
                    PyObject *fmt = PyObject_GetAttr(inner, S_format);
                    int has = fmt ? PyObject_IsTrue(fmt) : -1;
                    if (has < 0 || (has && add_field(out, fields, path, index, fmt, v) < 0)) ok = 0;
                    Py_XDECREF(fmt);
                } else if (ok) {
                    PyObject *next_place = place_if_schemas(inner);
                    if (next_place == (PyObject *)-1 || push(stack, path, index, v, next_place) < 0) ok = 0;
                }
                Py_XDECREF(inner);
                Py_XDECREF(index);
                Py_DECREF(v);
            }
            Py_XDECREF(same);
        }
    next:
        Py_DECREF(entry);
    }
    Py_DECREF(stack);
    if (!ok) return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"read_data", (PyCFunction)(void (*)(void))read_data, METH_FASTCALL, "The data-only line reader of blockyaml."},
    {"configure", configure, METH_O, "Set the first characters the Python side types."},
    {"record_dates", record_dates, METH_O, "Set the list the reader appends plain date-like values to."},
    {"find_in", (PyCFunction)(void (*)(void))find_in, METH_FASTCALL, "The first character of a set."},
    {"find_run", (PyCFunction)(void (*)(void))find_run, METH_FASTCALL, "The first character of a set after one of another."},
    {"simple_url_host", simple_url_host, METH_O, "The host of a plain web URL, or None."},
    {"plain_http", plain_http, METH_O, "The parts of a plain http(s) URL, or None."},
    {"annotate_walk", (PyCFunction)(void (*)(void))annotate_walk, METH_FASTCALL, "The schema walk of annotate()."},
    {"find_pair", (PyCFunction)(void (*)(void))find_pair, METH_FASTCALL, "The next mojibake pair."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_lint_news_accel", NULL, -1, methods};

PyMODINIT_FUNC PyInit__lint_news_accel(void) {
    S_image = PyUnicode_InternFromString("image");
    S_children = PyUnicode_InternFromString("children");
    S_format = PyUnicode_InternFromString("format");
    S_schemas = PyUnicode_InternFromString("schemas");
    S_by_position = PyUnicode_InternFromString("by_position");
    if (!S_image || !S_children || !S_format || !S_schemas || !S_by_position) return NULL;
    return PyModule_Create(&module);
}
