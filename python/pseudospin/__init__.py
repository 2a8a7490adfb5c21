"""pseudospin: exact diagonalization, level statistics and cavity recursions for the
disordered pseudospin model, at the speed of its Rust kernel.

The model (spins s = sigma/2 on N <= 64 sites of a graph with edges E)::

    H = sum_i 2 xi_i s^z_i - sum_{(ij) in E} [ Jxy_ij (s^+_i s^-_j + s^-_i s^+_j)
                                                + Jzz_ij s^z_i s^z_j ]

Bit i of a basis state is set when s^z_i = +1/2. H conserves the number of up spins
n_up; everything here works in one sector of dimension C(N, n_up) (half filling,
n_up = N // 2, unless told otherwise), whose basis states are in increasing order as
integers. Energies are in the units of the couplings and the fields (the field disorder
W sets the scale: xi_i uniform on [-W/2, W/2]).

In QuSpin's terms (``spin_basis_general(N, Nup=n_up, pauli=0)``) this is the static
list ``[["+-", [[-Jxy, i, j]]], ["-+", [[-Jxy, i, j]]], ["zz", [[-Jzz, i, j]]],
["z", [[2 * xi_i, i]]]]``.

Quick start::

    import pseudospin as ps
    inst = ps.draw_realization(12, seed=2024, r=0)    # Z = 3 random graph, W = 1
    h = ps.Hamiltonian(inst, jxy=0.1, jzz=0.0)        # sector n_up = 6, D = 924
    e = ps.eigvalsh(h)                                # every level, ascending
    ps.gap_ratios(e, "mid").mean                      # <r~> in [-0.5, 0.5]

Every computation releases the GIL, so threads run realizations in parallel. Bad
input raises ``ValueError``; a solver that does not converge raises
``pseudospin.NoConvergence`` (a ``RuntimeError``); a size that cannot be allocated
raises ``MemoryError``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import (
    Any,
    Dict,
    Iterable,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    Union,
)

import numpy as np

from . import _pseudospin
from ._pseudospin import NoConvergence
from . import cavity

__all__ = [
    "Accumulator",
    "GapRatios",
    "Hamiltonian",
    "Instance",
    "NoConvergence",
    "Summary",
    "Window",
    "WindowStats",
    "cavity",
    "draw_realization",
    "eigvalsh",
    "gap_ratios",
    "levels",
    "lowest",
    "realization_gap_ratios",
    "sector_dim",
    "window",
]

__version__ = _pseudospin.__version__

#: The program's default base seed (``pseudospin levels --seed``, ``instance --seed``).
DEFAULT_SEED = 2024


# ---------------------------------------------------------------------------------------
# Instances
# ---------------------------------------------------------------------------------------


def _edges_array(edges: Any) -> np.ndarray:
    a = np.asarray(edges)
    if a.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    if a.ndim != 2 or a.shape[1] != 2:
        raise ValueError(f"edges must have shape (E, 2), got {a.shape}")
    if not np.issubdtype(a.dtype, np.integer):
        if np.issubdtype(a.dtype, np.floating) and np.all(np.isfinite(a)) and np.all(a == np.round(a)):
            a = a.astype(np.int64)
        else:
            raise ValueError("edges must be integers (site indices 0..N-1)")
    return np.ascontiguousarray(a, dtype=np.int64)


def _fields_array(xi: Any) -> np.ndarray:
    a = np.asarray(xi, dtype=np.float64)
    if a.ndim != 1:
        raise ValueError(f"xi must be one-dimensional, got shape {a.shape}")
    return np.ascontiguousarray(a)


@dataclass(frozen=True, eq=False)
class Instance:
    """One instance of the model: a graph on ``n`` sites and the fields.

    Attributes:
        n: number of sites N (1..64), sites 0..N-1.
        edges: int64 array of shape (E, 2), the edges (i, j) of a simple graph.
        xi: float64 array of length N, the fields (energy units); site i carries
            ``2 xi_i s^z_i``.
        z, w, seed, r: how it was drawn (``draw_realization``), or None.

    Instances are equal when n, edges and fields are (bit for bit).
    """

    n: int
    edges: np.ndarray
    xi: np.ndarray
    z: Optional[int] = None
    w: Optional[float] = None
    seed: Optional[int] = None
    r: Optional[int] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "n", int(self.n))
        object.__setattr__(self, "edges", _edges_array(self.edges))
        object.__setattr__(self, "xi", _fields_array(self.xi))
        if not 1 <= self.n <= 64:
            raise ValueError(f"n = {self.n}: supported are 1..=64 sites")
        if self.xi.shape[0] != self.n:
            raise ValueError(f"xi has {self.xi.shape[0]} values for n = {self.n} sites")
        if self.edges.size and (self.edges.min() < 0 or self.edges.max() >= self.n):
            raise ValueError(f"an edge refers to a missing site (sites are 0..{self.n - 1})")
        self.edges.setflags(write=False)
        self.xi.setflags(write=False)

    @property
    def n_edges(self) -> int:
        """Number of edges E."""
        return int(self.edges.shape[0])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Instance):
            return NotImplemented
        return (
            self.n == other.n
            and np.array_equal(self.edges, other.edges)
            and self.xi.tobytes() == other.xi.tobytes()
        )

    def __repr__(self) -> str:
        drawn = ""
        if self.seed is not None:
            drawn = f", z={self.z}, w={self.w}, seed={self.seed}, r={self.r}"
        return f"Instance(n={self.n}, n_edges={self.n_edges}{drawn})"

    @classmethod
    def from_arrays(cls, edges: Any, xi: Any, n: Optional[int] = None) -> "Instance":
        """An instance from an (E, 2) array of edges and the fields (n = len(xi))."""
        xi = _fields_array(xi)
        return cls(n=len(xi) if n is None else n, edges=edges, xi=xi)

    @classmethod
    def from_networkx(cls, graph: Any, xi: Any) -> "Instance":
        """An instance from a networkx graph and fields ``xi`` (one per node).

        Nodes are numbered in the order of ``graph.nodes`` (site k is the k-th node);
        ``xi`` is a sequence in that order or a mapping node -> field.
        """
        nodes = list(graph.nodes)
        index = {v: k for k, v in enumerate(nodes)}
        edges = [(index[a], index[b]) for a, b in graph.edges]
        if isinstance(xi, dict):
            xi = [xi[v] for v in nodes]
        return cls(n=len(nodes), edges=np.array(edges, dtype=np.int64).reshape(-1, 2), xi=xi)

    def to_networkx(self) -> Any:
        """The graph as a networkx Graph with node attribute ``xi``."""
        import networkx as nx

        g = nx.Graph()
        for i in range(self.n):
            g.add_node(i, xi=float(self.xi[i]))
        g.add_edges_from((int(a), int(b)) for a, b in self.edges)
        return g

    def to_json(self, jxy: float = 0.1, jzz: float = 0.0, n_up: Optional[int] = None) -> Dict[str, Any]:
        """The program's instance file (``pseudospin instance``) as a dict, with uniform
        or per-edge couplings; ``json.dump`` it for ``pseudospin eig --instance``."""

        def coupling(c: Any) -> Any:
            a = np.asarray(c, dtype=np.float64)
            return float(a) if a.ndim == 0 else [float(v) for v in a]

        d: Dict[str, Any] = {
            "n": self.n,
            "n_up": self.n // 2 if n_up is None else int(n_up),
            "edges": [[int(a), int(b)] for a, b in self.edges],
            "xi": [float(v) for v in self.xi],
            "jxy": coupling(jxy),
            "jzz": coupling(jzz),
        }
        for k in ("z", "w", "seed"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        if self.r is not None:
            d["realization"] = self.r
        return d

    @classmethod
    def from_json(cls, source: Union[str, os.PathLike, Dict[str, Any]]) -> "Instance":
        """An instance from the program's instance file (a path or the parsed dict).
        Its couplings and sector are not part of an Instance: read them from the dict."""
        if isinstance(source, dict):
            d = source
        else:
            with open(source) as f:
                d = json.load(f)
        return cls(
            n=d["n"],
            edges=np.array(d["edges"], dtype=np.int64).reshape(-1, 2),
            xi=d["xi"],
            z=d.get("z"),
            w=d.get("w"),
            seed=d.get("seed"),
            r=d.get("realization"),
        )


def draw_realization(n: int, z: int = 3, w: float = 1.0, seed: int = DEFAULT_SEED, r: int = 0) -> Instance:
    """Realization ``r`` of the exact-diagonalization ensemble with base seed ``seed``.

    A uniformly random simple ``z``-regular graph on ``n`` sites, then the fields xi_i
    i.i.d. uniform on [-w/2, w/2] (energy units), both drawn from one stream seeded by
    ``realization_seed(seed, r)``: the same instance as ``pseudospin instance --n N
    --seed SEED --realization R`` and as realization R of ``pseudospin levels --seed
    SEED``, on every platform.

    Raises ValueError when no such graph exists (need z < n and n z even) or w is
    negative or not finite.
    """
    flat, xi = _pseudospin.draw_realization(int(n), int(z), float(w), int(seed), int(r))
    return Instance(n=n, edges=flat.reshape(-1, 2), xi=xi, z=int(z), w=float(w), seed=int(seed), r=int(r))


def sector_dim(n: int, n_up: Optional[int] = None) -> Optional[int]:
    """C(n, n_up), the sector dimension (n_up = n // 2 by default); None when it does not
    fit in 64 bits."""
    return _pseudospin.sector_dim(int(n), int(n // 2 if n_up is None else n_up))


# ---------------------------------------------------------------------------------------
# The Hamiltonian
# ---------------------------------------------------------------------------------------


def _coupling(name: str, c: Any, n_edges: int) -> Union[float, np.ndarray]:
    a = np.asarray(c, dtype=np.float64)
    if a.ndim == 0:
        return float(a)
    if a.ndim != 1 or a.shape[0] != n_edges:
        raise ValueError(f"{name} must be a number or one value per edge ({n_edges}), got shape {a.shape}")
    return np.ascontiguousarray(a)


class Hamiltonian:
    """The sector Hamiltonian of an instance, ready for products and eigensolvers.

    ``Hamiltonian(instance, jxy, jzz=0.0, n_up=None)``: ``jxy`` and ``jzz`` are numbers
    (the same on every edge) or arrays with one value per edge, in the order of
    ``instance.edges``; ``n_up`` the number of up spins (default N // 2).

    The matrix-free blocked operator of the kernel is built once here (a few hundred KiB
    at N = 24; N <= 36, the CSR matrix above). The basis is the sector's states in
    increasing order (``states()``); matrix elements: ``<s|H|s> = sum_i xi_i (2 b_i - 1)
    - sum_(ij) Jzz_ij / 4 (+1 if b_i = b_j else -1)`` and ``<s'|H|s> = -Jxy_ij`` when s'
    is s with the differing bits i and j exchanged.
    """

    def __init__(self, instance: Instance, jxy: Any, jzz: Any = 0.0, n_up: Optional[int] = None) -> None:
        if not isinstance(instance, Instance):
            raise TypeError(f"instance must be a pseudospin.Instance, got {type(instance).__name__}")
        self.instance = instance
        self.jxy = _coupling("jxy", jxy, instance.n_edges)
        self.jzz = _coupling("jzz", jzz, instance.n_edges)
        n_up = instance.n // 2 if n_up is None else int(n_up)
        if n_up < 0:
            raise ValueError(f"n_up = {n_up} must be >= 0")
        self._op = _pseudospin.Operator(instance.n, instance.edges, instance.xi, self.jxy, self.jzz, n_up)

    @property
    def dim(self) -> int:
        """Sector dimension D = C(N, n_up)."""
        return self._op.dim

    @property
    def n_sites(self) -> int:
        """Number of sites N."""
        return self._op.n_sites

    @property
    def n_up(self) -> int:
        """Number of up spins of the sector."""
        return self._op.n_up

    @property
    def shape(self) -> Tuple[int, int]:
        """(D, D)."""
        return (self.dim, self.dim)

    @property
    def dtype(self) -> np.dtype:
        """float64."""
        return np.dtype(np.float64)

    def __repr__(self) -> str:
        return f"Hamiltonian(N={self.n_sites}, n_up={self.n_up}, dim={self.dim}, jxy={_short(self.jxy)}, jzz={_short(self.jzz)})"

    def matvec(self, x: Any, out: Optional[np.ndarray] = None, threads: int = 1) -> np.ndarray:
        """y = H x for a vector of length D.

        A C-contiguous float64 array is read in place (no copy); anything else is
        converted first. With ``out`` (a writeable C-contiguous float64 array of length
        D, not sharing memory with x) the product is written there and returned.
        ``threads`` splits the rows over that many threads: bit-identical results.
        """
        x = np.ascontiguousarray(x, dtype=np.float64)
        if x.ndim != 1:
            raise ValueError(f"x must be one-dimensional, got shape {x.shape}")
        return self._op.matvec(x, out, int(threads))

    def __matmul__(self, x: Any) -> np.ndarray:
        x = np.asarray(x)
        if x.ndim == 2:
            return np.column_stack([self.matvec(x[:, j]) for j in range(x.shape[1])])
        return self.matvec(x)

    def diagonal(self) -> np.ndarray:
        """The diagonal <s|H|s>, in the basis order."""
        return self._op.diagonal()

    def states(self) -> np.ndarray:
        """The basis states (uint64 bit strings, bit i set when s^z_i = +1/2), ascending."""
        return self._op.states()

    def csr_arrays(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(data, indices, indptr) of the full matrix in CSR form (diagonal included,
        columns ascending in every row), without SciPy."""
        return self._op.csr()

    def to_csr(self) -> Any:
        """The matrix as a SciPy CSR matrix (``scipy.sparse.csr_matrix``); needs SciPy."""
        try:
            import scipy.sparse as sp
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("Hamiltonian.to_csr needs SciPy: pip install scipy") from e
        data, indices, indptr = self._op.csr()
        if self.dim < 2**31 and len(data) < 2**31:
            indices = indices.astype(np.int32)
            indptr = indptr.astype(np.int32)
        return sp.csr_matrix((data, indices, indptr), shape=self.shape)

    def to_dense(self) -> np.ndarray:
        """The dense D x D matrix (memory 8 D^2 bytes)."""
        data, indices, indptr = self._op.csr()
        a = np.zeros(self.shape)
        rows = np.repeat(np.arange(self.dim), np.diff(indptr))
        a[rows, indices] = data
        return a

    def as_linear_operator(self, threads: int = 1) -> Any:
        """A ``scipy.sparse.linalg.LinearOperator`` whose products run in the kernel
        (for ``eigsh``, ``expm_multiply``, ...); needs SciPy. H is symmetric, so
        ``rmatvec`` is ``matvec``."""
        try:
            from scipy.sparse.linalg import LinearOperator
        except ImportError as e:  # pragma: no cover
            raise ImportError("Hamiltonian.as_linear_operator needs SciPy: pip install scipy") from e
        op = self._op

        def mv(v: np.ndarray) -> np.ndarray:
            v = np.ascontiguousarray(np.ravel(v), dtype=np.float64)
            return op.matvec(v, None, threads)

        return LinearOperator(self.shape, matvec=mv, rmatvec=mv, dtype=np.float64)


def _short(c: Any) -> str:
    return f"{c}" if isinstance(c, float) else f"array({len(c)})"


def _as_hamiltonian(h: Any) -> Hamiltonian:
    if not isinstance(h, Hamiltonian):
        raise TypeError(f"expected a pseudospin.Hamiltonian, got {type(h).__name__}")
    return h


# ---------------------------------------------------------------------------------------
# Eigensolvers
# ---------------------------------------------------------------------------------------


def eigvalsh(h: Hamiltonian) -> np.ndarray:
    """Every eigenvalue of ``h``, ascending, by the kernel's dense symmetric eigensolver
    (Householder tridiagonalization + implicit QL/QR; two-stage from D = 1500): the
    program's ``pseudospin eig``. Memory 8 D^2 bytes (MemoryError when that is not
    available)."""
    return _as_hamiltonian(h)._op.eigvalsh()


def lowest(
    h: Hamiltonian,
    k: int = 1,
    vectors: bool = False,
    *,
    tol: Optional[float] = None,
    max_steps: Optional[int] = None,
    seed: Optional[int] = None,
    threads: int = 1,
) -> Any:
    """The ``k`` lowest eigenvalues of ``h`` by Lanczos on the matrix-free operator (the
    program's ``pseudospin eig --lowest K``): minimal memory (three vectors, plus k
    vectors for k > 1), no reorthogonalization, two passes.

    Returns the eigenvalues (ascending), or with ``vectors=True`` a pair (values,
    vectors) with ``vectors[:, j]`` the unit eigenvector of ``values[j]`` (as
    ``numpy.linalg.eigh``). ``tol`` (default 1e-12, relative to ||T_m||), ``max_steps``
    (default 2000) and ``seed`` (of the start vector) as the kernel's LanczosOptions.
    ``threads > 1`` splits every product over threads (the same levels to rounding).

    Raises NoConvergence when the levels do not reach ``tol`` within ``max_steps``. A
    small sector (D <= 1024) where Lanczos with the default ``tol`` and ``max_steps``
    does not converge (the recurrence can run out of new directions before the
    tolerance in a tiny sector; ``pseudospin eig --lowest`` raises there) is solved by
    the dense solver instead.
    """
    values, _res, vecs, _steps, _mv, _method = _as_hamiltonian(h)._op.lowest(
        int(k), bool(vectors), tol, max_steps, seed, int(threads)
    )
    if vectors:
        return values, vecs.T
    return values


def window(h: Hamiltonian, lo: float, hi: float) -> np.ndarray:
    """Every eigenvalue of ``h`` in [lo, hi] (absolute energies), ascending, by spectrum
    slicing (POLFED: Chebyshev-filtered block Lanczos) on the sparse matrix, certified
    complete: the program's ``pseudospin eig --window A B``.

    Raises NoConvergence when the window cannot be certified, ValueError for lo > hi or
    a window that holds the whole spectrum of a large sector (use ``eigvalsh``).
    """
    levels, _report = _as_hamiltonian(h)._op.window(float(lo), float(hi))
    return levels


# ---------------------------------------------------------------------------------------
# Level statistics
# ---------------------------------------------------------------------------------------


class Window(NamedTuple):
    """An energy window (closed interval) for level statistics.

    ``kind`` is one of:
      - ``"absolute"``: levels E with lo <= E <= hi;
      - ``"relative_to_ground"``: E0 + lo <= E <= E0 + hi, E0 the lowest level;
      - ``"normalized"``: (E - E0) / (Emax - E0) in [lo, hi].

    ``Window.parse`` reads the program's names: ``low`` = [E0, E0 + 1.5], ``inter`` =
    [E0 + 1.5, E0 + 2.5], ``mid`` = [-0.5, 0.5] (absolute), ``abs:A:B``, ``rel:A:B``,
    ``eps:A:B``. Bounds may be infinite, never NaN, and need lo <= hi.
    """

    kind: str
    lo: float
    hi: float

    @classmethod
    def absolute(cls, lo: float, hi: float) -> "Window":
        return cls("absolute", float(lo), float(hi))

    @classmethod
    def relative_to_ground(cls, lo: float, hi: float) -> "Window":
        return cls("relative_to_ground", float(lo), float(hi))

    @classmethod
    def normalized(cls, lo: float, hi: float) -> "Window":
        return cls("normalized", float(lo), float(hi))

    @classmethod
    def all(cls) -> "Window":
        """Every level."""
        return cls("absolute", -np.inf, np.inf)

    @classmethod
    def parse(cls, spec: Any) -> "Window":
        """A window from a name (``low``, ``inter``, ``mid``, ``abs:A:B``, ``rel:A:B``,
        ``eps:A:B``), a (kind, lo, hi) tuple or a Window."""
        if isinstance(spec, Window):
            return spec
        if isinstance(spec, str):
            t = spec.strip()
            presets = {
                "low": ("relative_to_ground", 0.0, 1.5),
                "inter": ("relative_to_ground", 1.5, 2.5),
                "mid": ("absolute", -0.5, 0.5),
            }
            if t in presets:
                return cls(*presets[t])
            parts = t.split(":")
            kinds = {"abs": "absolute", "rel": "relative_to_ground", "eps": "normalized"}
            if len(parts) != 3 or parts[0] not in kinds:
                raise ValueError(f"window {spec!r}: expected low, inter, mid, abs:A:B, rel:A:B or eps:A:B")
            try:
                lo, hi = float(parts[1]), float(parts[2])
            except ValueError:
                raise ValueError(f"window {spec!r}: bounds must be numbers") from None
            return cls(kinds[parts[0]], lo, hi)
        if isinstance(spec, tuple) and len(spec) == 3:
            kind, lo, hi = spec
            kinds = ("absolute", "relative_to_ground", "normalized")
            if kind not in kinds:
                raise ValueError(f"window kind {kind!r}: expected one of {kinds}")
            return cls(str(kind), float(lo), float(hi))
        raise ValueError(f"not a window: {spec!r}")


class WindowStats(NamedTuple):
    """Level statistics of one realization in one window: levels inside, ratios with all
    three levels inside (exact ties excluded), exact ties, and their mean r~ (None when
    there is no ratio)."""

    n_levels: int
    n_ratios: int
    n_ties: int
    mean_r: Optional[float]


@dataclass(frozen=True)
class GapRatios:
    """Gap ratios of one realization's sorted levels inside a window (``gap_ratios``).

    ``ratios``: r~_k = min(d_{k-1}, d_k) / max(d_{k-1}, d_k), d_k = E_{k+1} - E_k, for
    every k whose three levels lie in the window, in level order (exact ties, three
    equal levels, skipped); ``mean``: their mean as the kernel computes it (compensated
    sum; None when there is none); ``stats``: the counts.
    """

    ratios: np.ndarray
    stats: WindowStats
    window: Window = field(default_factory=Window.all)

    @property
    def mean(self) -> Optional[float]:
        return self.stats.mean_r

    @property
    def n_ratios(self) -> int:
        return self.stats.n_ratios

    @property
    def n_levels(self) -> int:
        return self.stats.n_levels

    @property
    def n_ties(self) -> int:
        return self.stats.n_ties


def gap_ratios(levels: Any, window: Any = None) -> GapRatios:
    """Gap ratios of the sorted levels of one realization inside ``window`` (default:
    every level); ``window`` a Window, a (kind, lo, hi) tuple or a name (see
    ``Window.parse``). For ``relative_to_ground`` and ``normalized`` windows the first
    and last level stand for the ground state and the top of the spectrum: pass the
    whole spectrum. Raises ValueError for NaN or unsorted levels. Poisson <r~> =
    2 ln 2 - 1 = 0.386, GOE 0.5307."""
    w = Window.all() if window is None else Window.parse(window)
    e = np.ascontiguousarray(levels, dtype=np.float64)
    if e.ndim != 1:
        raise ValueError(f"levels must be one-dimensional, got shape {e.shape}")
    ratios, stats = _pseudospin.window_gap_ratios(e, w.kind, w.lo, w.hi)
    return GapRatios(ratios=ratios, stats=WindowStats(*stats), window=w)


class Summary(NamedTuple):
    """A disorder average (``Accumulator.summary``): realizations covered, those
    without a value, those with one (``count``), the mean, the unbiased variance and
    the standard error of the mean over realizations (None where undefined), and the
    totals of ratios, ties and levels of ``push_realization``."""

    n_realizations: int
    n_empty: int
    count: int
    mean: Optional[float]
    variance: Optional[float]
    std_error: Optional[float]
    n_ratios: int
    n_ties: int
    n_levels: int


class Accumulator:
    """Mean, variance and standard error of one value per realization (for example the
    windowed mean gap ratio), over realizations ``first, first + 1, ...``, in pushing
    order.

    Shards merge bit for bit: accumulators for adjacent ranges (create each with the
    index of its first realization, ``Accumulator(first)``), merged in any grouping,
    give exactly the summary of one pass over the union (pairwise updates on a fixed
    tree over the realization index). Accumulators pickle, so shards can come back from
    processes.
    """

    __slots__ = ("_acc",)

    def __init__(self, first: int = 0) -> None:
        if int(first) < 0:
            raise ValueError(f"first = {first}: realization indices are >= 0")
        self._acc = _pseudospin.Accumulator_(int(first))

    def push(self, x: Optional[float]) -> None:
        """Records the next realization with value x (None: no value)."""
        if x is None:
            self._acc.push_empty()
        else:
            self._acc.push(float(x))

    def push_realization(self, stats: Union[GapRatios, WindowStats, Tuple[int, int, int, Optional[float]]]) -> None:
        """Records the next realization from its window statistics: its mean gap ratio
        (no value when it has no ratio); the counts add up in the summary."""
        if isinstance(stats, GapRatios):
            stats = stats.stats
        n_levels, n_ratios, n_ties, mean_r = stats
        self._acc.push_realization(int(n_levels), int(n_ratios), int(n_ties), None if mean_r is None else float(mean_r))

    def merge(self, other: "Accumulator") -> None:
        """Merges ``other``, which must cover the realizations just after or just before
        this one's (ValueError otherwise; nothing changes then)."""
        self._acc.merge(other._acc)

    @property
    def range(self) -> Tuple[int, int]:
        """(first, end): the realizations covered are first..end-1."""
        return self._acc.range

    def summary(self) -> Summary:
        """The mean over realizations and its standard error (see ``Summary``)."""
        return Summary(**self._acc.summary())

    def __reduce__(self) -> Any:
        return (_accumulator_from_state, self._acc._state())

    def __repr__(self) -> str:
        s = self.summary()
        return f"Accumulator(range={self.range}, count={s.count}, mean={s.mean}, std_error={s.std_error})"


def _accumulator_from_state(first: int, history: List[Tuple[int, float, int, int, int]]) -> Accumulator:
    a = Accumulator.__new__(Accumulator)
    a._acc = _pseudospin.Accumulator_._from_state(first, history)
    return a


class RealizationResult(NamedTuple):
    """``realization_gap_ratios``: the statistics of each window (by the name given)
    and the driver's report (method, dim, e_min, e_max, matvecs, max_residual,
    near_boundary)."""

    windows: Dict[str, WindowStats]
    report: Dict[str, Any]


def realization_gap_ratios(
    h: Hamiltonian,
    windows: Iterable[Any] = ("low", "inter", "mid"),
    solver: str = "auto",
    operator: str = "csr",
) -> RealizationResult:
    """Windowed gap-ratio statistics of one realization: the program's per-realization
    driver (one record of ``pseudospin levels``), bit for bit.

    ``windows``: names or Windows (see ``Window.parse``; default the program's low,
    inter and mid); ``solver``: ``"auto"`` (dense up to sector dimension 4096, i.e.
    N <= 14 at half filling; spectrum slicing per window above), ``"dense"`` or
    ``"slicing"``; ``operator``: the slicing path's operator, ``"csr"`` or
    ``"blocked"``. Raises NoConvergence when a slicing window cannot be certified.
    """
    h = _as_hamiltonian(h)
    names: List[str] = []
    ws: List[Window] = []
    for spec in windows:
        w = Window.parse(spec)
        names.append(spec if isinstance(spec, str) else f"{w.kind}:{w.lo}:{w.hi}")
        ws.append(w)
    stats, report = h._op.gap_ratio_stats([tuple(w) for w in ws], solver, operator)
    return RealizationResult({n: WindowStats(*s) for n, s in zip(names, stats)}, report)


# ---------------------------------------------------------------------------------------
# The sweep
# ---------------------------------------------------------------------------------------

#: The program's default couplings (``pseudospin levels --jxy``).
DEFAULT_JXY = (0.01, 0.015, 0.02, 0.03, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5)


def levels(
    n: Union[int, Sequence[int]] = (8, 10, 12),
    jxy: Union[float, Sequence[float]] = DEFAULT_JXY,
    jzz: float = 0.0,
    w: float = 1.0,
    z: int = 3,
    windows: Iterable[Any] = ("low", "inter", "mid"),
    realizations: Union[int, Sequence[int]] = 240,
    seed: int = DEFAULT_SEED,
    solver: str = "auto",
    threads: Optional[int] = None,
    as_frame: Optional[bool] = None,
) -> Any:
    """The gap-ratio sweep <r~>(Jxy) of ``pseudospin levels``, in memory: for every size
    N, coupling Jxy and window, the mean over realizations 0..R-1 of the
    per-realization mean gap ratio and its standard error (bit for bit the program's
    ``levels.csv`` columns ``mean`` and ``std_err`` for the same arguments).

    Realization r of size N is ``draw_realization(N, z, w, seed, r)`` (the same graph
    and fields at every Jxy) in the sector n_up = N // 2, with ``jzz`` on every edge.
    ``realizations``: one count, or one per size (in the order of ``n``). ``threads``
    (default: all cores) run realizations in parallel; the results do not depend on it.
    Ctrl-C stops the sweep between realizations.

    Returns a table with one row per (N, Jxy, window), columns n, jxy, jzz, window,
    mean, std_err (NaN where undefined), count (realizations with a ratio in the
    window), realizations, ratios (total), solver: a pandas DataFrame when pandas is
    installed (and ``as_frame`` is not False), else a dict of NumPy arrays.
    """
    sizes_in = [int(v) for v in np.atleast_1d(n)]
    counts = [int(v) for v in np.atleast_1d(realizations)]
    if len(counts) == 1:
        counts = counts * len(sizes_in)
    if len(counts) != len(sizes_in):
        raise ValueError(f"realizations has {len(counts)} counts for {len(sizes_in)} sizes: give one, or one per N")
    per_n = dict(zip(sizes_in, counts))
    if len(per_n) != len(sizes_in):
        raise ValueError("a size is given twice")
    if any(c < 1 for c in counts):
        raise ValueError("realizations must be at least 1")
    sizes = sorted(per_n)
    for size in sizes:
        if not 2 <= size <= 64:
            raise ValueError(f"n = {size}: N must be in 2..=64")
        if z >= size or (size * z) % 2:
            raise ValueError(f"N = {size}, Z = {z}: no simple {z}-regular graph (need Z < N and N*Z even)")
    jxys = sorted({float(v) for v in np.atleast_1d(jxy)})
    if not jxys or any(not (np.isfinite(v) and v > 0) for v in jxys):
        raise ValueError("jxy: couplings must be finite and > 0")
    specs = list(windows)
    ws = [Window.parse(s) for s in specs]
    names = [s if isinstance(s, str) else f"{x.kind}:{x.lo}:{x.hi}" for s, x in zip(specs, ws)]
    if not ws:
        raise ValueError("windows: need at least one window")
    if solver not in ("auto", "dense", "slicing"):
        raise ValueError(f"solver {solver!r}: expected 'auto', 'dense' or 'slicing'")
    threads = (os.cpu_count() or 1) if threads is None else int(threads)
    if threads < 1:
        raise ValueError("threads must be at least 1")
    wt = [tuple(x) for x in ws]
    tasks = [(size, j, r) for size in sizes for r in range(per_n[size]) for j in jxys]

    def compute(task: Tuple[int, float, int]) -> Tuple[List[Tuple[int, int, int, Optional[float]]], str]:
        size, j, r = task
        h = Hamiltonian(draw_realization(size, z, w, seed, r), j, jzz)
        stats, report = h._op.gap_ratio_stats(wt, solver, "csr")
        return stats, report["method"]

    results: Dict[Tuple[int, float, int], Tuple[List[Any], str]] = {}
    if threads == 1:
        for t in tasks:
            results[t] = compute(t)
    else:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=threads)
        try:
            for t, res in zip(tasks, pool.map(compute, tasks)):
                results[t] = res
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)

    cols: Dict[str, List[Any]] = {k: [] for k in ("n", "jxy", "jzz", "window", "mean", "std_err", "count", "realizations", "ratios", "solver")}
    for size in sizes:
        for j in jxys:
            recs = [results[(size, j, r)] for r in range(per_n[size])]
            methods = "+".join(sorted({m for _, m in recs}))
            for k, name in enumerate(names):
                acc = Accumulator()
                for stats, _ in recs:
                    acc.push_realization(stats[k])
                s = acc.summary()
                cols["n"].append(size)
                cols["jxy"].append(j)
                cols["jzz"].append(float(jzz))
                cols["window"].append(name)
                cols["mean"].append(np.nan if s.mean is None else s.mean)
                cols["std_err"].append(np.nan if s.std_error is None else s.std_error)
                cols["count"].append(s.count)
                cols["realizations"].append(len(recs))
                cols["ratios"].append(s.n_ratios)
                cols["solver"].append(methods)
    table = {k: np.array(v) for k, v in cols.items()}
    if as_frame is not False:
        try:
            import pandas as pd
        except ImportError:
            if as_frame:
                raise
        else:
            return pd.DataFrame(table)
    return table
