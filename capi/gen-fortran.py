#!/usr/bin/env python3
"""Generates capi/include/pseudospin.f90, the Fortran 2008 module of the C ABI, from the
cbindgen header capi/include/pseudospin.h (itself generated from capi/src), in the manner
of FFTW's fftw3.f03: every #define PS_* becomes an integer(c_int) parameter, every struct
with fields a bind(C) derived type, every function a bind(C, name='...') interface
(opaque handles are type(c_ptr); a `void` function a subroutine), and every function
returning a C string (`const char *`) also gets a Fortran function of the same name
returning `character(len=:), allocatable` (its raw interface is then named `<name>_c`).
A struct field that is a C string (`const char *`) is a type(c_ptr) component, read as
a Fortran string by the function `<struct>_<field>(x)`.

    python3 capi/gen-fortran.py            write capi/include/pseudospin.f90
    python3 capi/gen-fortran.py --check    fail when the committed module differs

Pointer parameters: pointers to `int`, `size_t`, `uint64_t` and to the derived types are
scalars (by reference), except the arrays of derived types named in STRUCT_ARRAYS
(`dimension(*)`); pointers to `double`, `float`, `uint8_t`, `uint32_t` are arrays
(`dimension(*)`), except the scalar outputs named in SCALARS; `void *`, opaque handles and
the pointers in NULLABLE (which may be NULL) are `type(c_ptr), value` (pass `c_loc(x)` or
`c_null_ptr`). const pointers are intent(in), others intent(inout) (arrays) or
intent(out) (scalars). capi/tests/fortran_module.rs checks that every function and
constant of the header is in the module; examples/c/run.sh compiles it with
gfortran -std=f2008 -Wall -Wextra -Werror -pedantic.
"""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = HERE / "include" / "pseudospin.h"
MODULE = HERE / "include" / "pseudospin.f90"

# Pointers to reals that point at one value (outputs), not at an array.
SCALARS = {"g_c", "tc", "rate", "std_err"}
# Arrays (and single outputs) that may be NULL: type(c_ptr), value.
NULLABLE = {"vectors", "jxy_edges", "jzz_edges", "report"}
# Pointers to structs that point at an array of them, not at one.
STRUCT_ARRAYS = {"windows", "window_stats"}

VALUE_TYPES = {
    "int": "integer(c_int)",
    "size_t": "integer(c_size_t)",
    "uint64_t": "integer(c_int64_t)",
    "uint32_t": "integer(c_int32_t)",
    "uint8_t": "integer(c_int8_t)",
    "double": "real(c_double)",
    "float": "real(c_float)",
}
SCALAR_POINTEES = {"int", "size_t", "uint64_t"}
ARRAY_POINTEES = {"double", "float", "uint8_t", "uint32_t"}
WIDTH = 100


def kinds_of(decl):
    """The iso_c_binding names a declaration line uses (for `import`)."""
    return set(re.findall(r"\b(c_[a-z0-9_]+)\b", decl)) - {"c_loc", "c_null_ptr"}


def wrap(line, indent):
    """Splits a long Fortran line with `&` continuations."""
    if len(line) <= WIDTH:
        return [line]
    out = []
    pad = " " * (indent + 5)
    while len(line) > WIDTH:
        cut = line.rfind(", ", 0, WIDTH - 2)
        if cut < 0:
            break
        out.append(line[: cut + 1] + " &")
        line = pad + line[cut + 2 :]
    out.append(line)
    return out


def first_sentence(doc):
    """The first sentence of a doc comment, rewrapped."""
    para = []
    for l in doc:
        if not l:
            break
        para.append(l)
    text = " ".join(para)
    m = re.search(r"\.(\s|$)", text)
    if m:
        text = text[: m.start() + 1]
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > 88:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return lines + [line] if line else lines


def comment(lines, indent):
    return [" " * indent + "! " + l if l else " " * indent + "!" for l in lines]


def parse(text):
    """Constants, structs (with fields), opaque types and functions of the header."""
    consts, structs, opaque, functions = [], [], set(), []
    doc, hosted = [], False
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if s.startswith("//"):
            doc.append(s[2:].strip())
            i += 1
            continue
        m = re.match(r"#define (PS_[A-Z0-9_]+) (-?\d+)$", s)
        if m and m.group(1) != "PS_HOSTED":
            consts.append((m.group(1), int(m.group(2)), doc))
        elif s.startswith("#if defined(PS_HOSTED)"):
            hosted = True
        elif s.startswith("#endif") and hosted:
            hosted = False
        elif re.match(r"typedef struct (\w+) \1;$", s):
            opaque.add(s.split()[2])
        elif s.startswith("typedef struct ") and s.endswith("{"):
            name = s.split()[2]
            fields, fdoc = [], []
            i += 1
            while not lines[i].strip().startswith("}"):
                f = lines[i].strip()
                if f.startswith("//"):
                    fdoc.append(f[2:].strip())
                elif re.match(r"const char \*\w+;$", f):
                    # A C string: a pointer component, read by <struct>_<field>(x).
                    fields.append(("type(c_ptr)", f[len("const char *"):-1], fdoc))
                    fdoc = []
                else:
                    t, n = re.match(r"(\w+) (\w+);$", f).groups()
                    fields.append((VALUE_TYPES[t], n, fdoc))
                    fdoc = []
                i += 1
            structs.append((name, fields, doc))
        elif re.match(r"(const )?(struct )?\w+ \*?ps_\w+\(", s) and not s.startswith("#"):
            decl = s
            while not decl.endswith(");"):
                i += 1
                decl += " " + lines[i].strip()
            functions.append((decl, doc, hosted))
        if s and not s.startswith("//"):
            doc = []
        i += 1
    return consts, structs, opaque, functions


def c_type(t, structs, opaque):
    """(is_pointer, const, base) of a C parameter or return type."""
    t = t.strip()
    const = t.startswith("const ")
    t = t.removeprefix("const ").strip()
    pointer = t.endswith("*")
    base = t.rstrip("*").strip().removeprefix("struct ").strip()
    return pointer, const, base


def argument(ctype, name, fn, structs, opaque):
    """The Fortran declaration of one dummy argument."""
    pointer, const, base = c_type(ctype, structs, opaque)
    struct_names = {s[0] for s in structs}
    if not pointer:
        return f"{VALUE_TYPES[base]}, value :: {name}"
    if base == "void" or base in opaque or name in NULLABLE:
        return f"type(c_ptr), value :: {name}"
    intent = "intent(in)" if const else None
    if base in struct_names and name in STRUCT_ARRAYS:
        return f"type({base}), dimension(*), {intent or 'intent(inout)'} :: {name}"
    if base in struct_names:
        return f"type({base}), {intent or 'intent(out)'} :: {name}"
    if base in SCALAR_POINTEES or (base in ARRAY_POINTEES and name in SCALARS):
        return f"{VALUE_TYPES[base]}, {intent or 'intent(out)'} :: {name}"
    if base in ARRAY_POINTEES:
        return f"{VALUE_TYPES[base]}, dimension(*), {intent or 'intent(inout)'} :: {name}"
    raise SystemExit(f"gen-fortran.py: {fn}: no Fortran mapping for `{ctype} {name}`")


def interface(decl, doc, hosted, structs, opaque):
    """Lines of one interface body, and (name, is_string) of the function."""
    m = re.match(r"(.*?)\b(ps_\w+)\((.*)\);$", decl)
    ret, name, params = m.group(1), m.group(2), m.group(3)
    pointer, const, base = c_type(ret, structs, opaque)
    string = pointer and base == "char"
    subroutine = not pointer and base == "void"
    if pointer:
        rtype = "type(c_ptr)"
    elif subroutine:
        rtype = ""
    else:
        rtype = VALUE_TYPES[base]
    kind = "subroutine" if subroutine else "function"
    fname = name + "_c" if string else name
    args = []
    if params.strip() != "void":
        for p in params.split(","):
            pm = re.match(r"(.*?)(\w+)$", p.strip())
            args.append((pm.group(1), pm.group(2)))
    decls = [argument(t, n, name, structs, opaque) for t, n in args]
    out = []
    notes = first_sentence(doc)
    if hosted:
        notes.append("Hosted builds only (not in bare-metal builds of the library).")
    if string:
        notes.append(f"The C string itself; {name}(...) below returns it as a Fortran string.")
    out += comment(notes, 4)
    prefix = f"{rtype} " if rtype else ""
    head = f"    {prefix}{kind} {fname}({', '.join(n for _, n in args)}) bind(C, name='{name}')"
    out += wrap(head, 4)
    used = set()
    for d in decls:
        used |= kinds_of(d)
    used |= kinds_of(rtype)
    used |= {d.split("type(")[1].split(")")[0] for d in decls if d.startswith("type(") and "c_ptr" not in d}
    if used:
        out += wrap("      import :: " + ", ".join(sorted(used)), 6)
    out += ["      " + d for d in decls]
    out.append(f"    end {kind} {fname}")
    return out, (name, string, args)


def string_function(name, args, structs, opaque):
    """A Fortran function returning the C string of `name` as character(len=:)."""
    names = ", ".join(n for _, n in args)
    out = [f"  ! {name} as a Fortran string (character(len=:), allocatable)."]
    out.append(f"  function {name}({names}) result(s)")
    for t, n in args:
        d = argument(t, n, name, structs, opaque).replace(", value ::", ", intent(in) ::")
        out.append("    " + d)
    out.append("    character(len=:), allocatable :: s")
    out.append(f"    s = ps_c_string({name}_c({names}))")
    out.append(f"  end function {name}")
    return out


def string_field(struct, field):
    """A Fortran function returning the C string of a struct's `const char *` field."""
    fn = f"{struct}_{field}"
    return [
        f"  ! The C string x%{field} of a {struct} as a Fortran string ('' for c_null_ptr).",
        f"  function {fn}(x) result(s)",
        f"    type({struct}), intent(in) :: x",
        "    character(len=:), allocatable :: s",
        f"    s = ps_c_string(x%{field})",
        f"  end function {fn}",
    ]


def generate():
    text = HEADER.read_text()
    consts, structs, opaque, functions = parse(text)
    out = [
        "! pseudospin: Fortran 2008 bind(C) interfaces to the C ABI, generated from",
        "! capi/include/pseudospin.h by capi/gen-fortran.py (capi/gen-header.sh); do not edit.",
        "! Every function and constant of the header is here (capi/tests/fortran_module.rs checks",
        "! it); the header's comments are the documentation. Conventions: every function that can",
        "! fail returns a status (PS_OK = 0; ps_status_name(status) and ps_status_message(status)",
        "! give its name and meaning as Fortran strings), sizes are integer(c_size_t), edges are",
        "! pairs of integer(c_int8_t) vertex indices (0-based), arrays are passed by reference",
        "! (dimension(*)), handles and caller memory blocks are type(c_ptr) (pass c_loc of a",
        "! target array, or c_null_ptr where the header allows NULL).",
        "module pseudospin",
        "  use, intrinsic :: iso_c_binding",
        "  implicit none",
        "  private :: ps_c_string",
        "",
    ]
    for name, value, doc in consts:
        out += comment(doc, 2)
        out.append(f"  integer(c_int), parameter :: {name} = {value}")
    for name, fields, doc in structs:
        out.append("")
        out += comment(doc, 2)
        out.append(f"  type, bind(C) :: {name}")
        for ftype, fname, fdoc in fields:
            out += comment(fdoc, 5)
            out.append(f"     {ftype} :: {fname}")
        out.append(f"  end type {name}")
    out += ["", "  interface"]
    strings = []
    for decl, doc, hosted in functions:
        body, (name, string, args) = interface(decl, doc, hosted, structs, opaque)
        out += body
        if string:
            strings.append((name, args))
    out += [
        "  end interface",
        "",
        "contains",
        "",
    ]
    for name, args in strings:
        out += string_function(name, args, structs, opaque)
        out.append("")
    for name, fields, _ in structs:
        for ftype, fname, _ in fields:
            if ftype == "type(c_ptr)":
                out += string_field(name, fname)
                out.append("")
    out += [
        "  ! The NUL-terminated C string at p as a Fortran string ('' for c_null_ptr).",
        "  function ps_c_string(p) result(s)",
        "    type(c_ptr), intent(in) :: p",
        "    character(len=:), allocatable :: s",
        "    character(kind=c_char), pointer :: chars(:)",
        "    integer(c_size_t) :: n, i",
        "    interface",
        "       integer(c_size_t) function strlen(str) bind(C, name='strlen')",
        "         import :: c_ptr, c_size_t",
        "         type(c_ptr), value :: str",
        "       end function strlen",
        "    end interface",
        "    if (.not. c_associated(p)) then",
        "       s = ''",
        "       return",
        "    end if",
        "    n = strlen(p)",
        "    call c_f_pointer(p, chars, [n])",
        "    allocate(character(len=n) :: s)",
        "    do i = 1, n",
        "       s(i:i) = chars(i)",
        "    end do",
        "  end function ps_c_string",
        "end module pseudospin",
    ]
    return "\n".join(out) + "\n"


def main():
    text = generate()
    if "--check" in sys.argv[1:]:
        if MODULE.read_text() != text:
            sys.exit("capi/include/pseudospin.f90 is not what capi/gen-fortran.py makes of the "
                     "header: run bash capi/gen-header.sh")
        return
    MODULE.write_text(text)


if __name__ == "__main__":
    main()
