//! Graphs on at most 64 vertices: edge lists in fixed capacity, validation, uniformly
//! random regular graphs.
//!
//! An edge is an unordered pair of distinct vertices, stored as [`Edge`] `= [u8; 2]`
//! (vertices are `0..n`, `n <= 64`, so a vertex set fits in one `u64`). A [`Graph`] is
//! always *simple*: every constructor and [`Graph::add_edge`] reject out-of-range
//! vertices, self-loops and repeated edges (`(a, b)` and `(b, a)` are the same edge), so
//! code that receives a `Graph` may rely on it.
//!
//! The edge order is the caller's: [`Graph::from_edges`] and [`Graph::add_edge`] keep
//! it (per-edge couplings in the model are given in that order). [`Graph::canonicalize`]
//! rewrites each edge as `[min, max]` and sorts the list; generated graphs
//! ([`random_regular`], [`Graph::complement`]) come out canonical.
//!
//! Nothing here allocates: validation uses a `[u64; 64]` adjacency bitset on the stack
//! (512 bytes), and a graph is `1 + 2 * CAP` bytes of edges plus a length.
//!
//! ```
//! use pseudospin::graph::{Graph, random_regular};
//! use pseudospin::rng::Xoshiro256StarStar;
//! use rand_core::SeedableRng;
//!
//! // A 4-cycle, edges in the caller's order.
//! let mut ring = Graph::<4>::from_edges(4, &[[1, 0], [1, 2], [3, 2], [3, 0]])?;
//! assert!(ring.is_regular(2));
//! ring.canonicalize();
//! assert_eq!(ring.edges(), &[[0, 1], [0, 3], [1, 2], [2, 3]]);
//!
//! // A uniformly random 3-regular graph on 16 vertices (24 edges).
//! let mut rng = Xoshiro256StarStar::seed_from_u64(1);
//! let g = random_regular::<24, _>(16, 3, &mut rng)?;
//! assert_eq!(g.n_edges(), 24);
//! assert!(g.is_regular(3) && g.is_canonical());
//! # Ok::<(), pseudospin::Error>(())
//! ```

mod regular;

pub use regular::{random_regular, random_regular_bounded, RANDOM_REGULAR_MAX_ATTEMPTS};

use crate::{Error, Result};
use heapless::Vec;

/// Largest number of vertices a graph may have (a vertex set is one `u64`).
pub const MAX_VERTICES: usize = 64;

/// An undirected edge `(a, b)` between vertices `a != b` in `0..n`.
pub type Edge = [u8; 2];

/// `Ok(())` for `1 <= n <= 64`, else [`Error::TooManySites`] (`n > 64`) or
/// [`Error::InvalidArgument`] (`n == 0`).
pub(crate) fn check_n_vertices(n: usize) -> Result<()> {
    if n > MAX_VERTICES {
        Err(Error::TooManySites {
            n_sites: n,
            max: MAX_VERTICES,
        })
    } else if n == 0 {
        Err(Error::InvalidArgument("a graph needs at least one vertex"))
    } else {
        Ok(())
    }
}

/// Checks edge `(a, b)` against `n` (already known to be `<= 64`) and the edges recorded
/// in `adj`, then records it.
fn insert_checked(adj: &mut [u64; MAX_VERTICES], n: usize, a: usize, b: usize) -> Result<()> {
    if a >= n || b >= n {
        return Err(Error::EdgeOutOfRange { a, b });
    }
    if a == b {
        return Err(Error::SelfLoop { vertex: a });
    }
    // a, b < n <= 64: in bounds, and the shifts are below 64.
    if (adj[a] >> b) & 1 == 1 {
        return Err(Error::DuplicateEdge { a, b });
    }
    adj[a] |= 1 << b;
    adj[b] |= 1 << a;
    Ok(())
}

/// Checks that `edges` is a simple graph on `n` vertices.
///
/// Errors, in the order checked: [`Error::TooManySites`] for `n > 64`,
/// [`Error::InvalidArgument`] for `n == 0`; then, at the first offending edge,
/// [`Error::EdgeOutOfRange`] (an endpoint `>= n`), [`Error::SelfLoop`] (`a == b`),
/// [`Error::DuplicateEdge`] (the edge, in either orientation, appeared before; the
/// error carries the later occurrence as written).
///
/// Cost O(n + |edges|), no heap (a `[u64; 64]` adjacency bitset on the stack).
pub fn validate_edges(n: usize, edges: &[Edge]) -> Result<()> {
    check_n_vertices(n)?;
    let mut adj = [0u64; MAX_VERTICES];
    for e in edges {
        insert_checked(&mut adj, n, usize::from(e[0]), usize::from(e[1]))?;
    }
    Ok(())
}

/// A simple undirected graph on `n <= 64` vertices with at most `CAP` edges, stored as
/// an edge list in caller order.
///
/// Equality compares `n` and the edge lists entry by entry (order and orientation
/// included); [`canonicalize`](Graph::canonicalize) both sides to compare graphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph<const CAP: usize> {
    n: u8,
    edges: Vec<Edge, CAP>,
}

// heapless's own defmt support needs its `defmt-03` feature; format the slice instead.
#[cfg(feature = "defmt")]
impl<const CAP: usize> defmt::Format for Graph<CAP> {
    fn format(&self, f: defmt::Formatter) {
        defmt::write!(
            f,
            "Graph {{ n: {=u8}, edges: {} }}",
            self.n,
            self.edges.as_slice()
        )
    }
}

impl<const CAP: usize> Graph<CAP> {
    /// The empty graph on `n` vertices. Errors as [`validate_edges`] for bad `n`.
    pub fn new(n: usize) -> Result<Self> {
        check_n_vertices(n)?;
        Ok(Self {
            // n <= 64 was just checked.
            n: n as u8,
            edges: Vec::new(),
        })
    }

    /// The graph on `n` vertices with the given edges, in the given order and
    /// orientation. Errors as [`validate_edges`] (those take precedence), then
    /// [`Error::CapacityExceeded`] `{ capacity: CAP }` when `edges.len() > CAP`.
    pub fn from_edges(n: usize, edges: &[Edge]) -> Result<Self> {
        validate_edges(n, edges)?;
        let mut g = Self::new(n)?;
        g.edges
            .extend_from_slice(edges)
            .map_err(|_| Error::CapacityExceeded { capacity: CAP })?;
        Ok(g)
    }

    /// Appends edge `(a, b)` as written. [`Error::EdgeOutOfRange`],
    /// [`Error::SelfLoop`], [`Error::DuplicateEdge`] (against the edges already present,
    /// either orientation), then [`Error::CapacityExceeded`]; the graph is unchanged on
    /// error. Cost O(|E|).
    pub fn add_edge(&mut self, a: usize, b: usize) -> Result<()> {
        let n = self.n_vertices();
        if a >= n || b >= n {
            return Err(Error::EdgeOutOfRange { a, b });
        }
        if a == b {
            return Err(Error::SelfLoop { vertex: a });
        }
        // a, b < n <= 64 fit in u8.
        let (a8, b8) = (a as u8, b as u8);
        if self.edges.iter().any(|e| *e == [a8, b8] || *e == [b8, a8]) {
            return Err(Error::DuplicateEdge { a, b });
        }
        self.edges
            .push([a8, b8])
            .map_err(|_| Error::CapacityExceeded { capacity: CAP })
    }

    /// Number of vertices `n`.
    #[inline]
    pub fn n_vertices(&self) -> usize {
        usize::from(self.n)
    }

    /// The edges, in insertion order (or canonical order after
    /// [`canonicalize`](Graph::canonicalize)).
    #[inline]
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// Number of edges.
    #[inline]
    pub fn n_edges(&self) -> usize {
        self.edges.len()
    }

    /// Degree of vertex `v` (0 for `v >= n`). Cost O(|E|).
    pub fn degree(&self, v: usize) -> usize {
        self.edges
            .iter()
            .filter(|e| usize::from(e[0]) == v || usize::from(e[1]) == v)
            .count()
    }

    /// All degrees: entry `v` is the degree of vertex `v` for `v < n`, 0 beyond.
    /// Cost O(|E|).
    pub fn degrees(&self) -> [u8; MAX_VERTICES] {
        let mut deg = [0u8; MAX_VERTICES];
        for e in self.edges.iter() {
            for &v in e {
                // v < n <= 64 by the graph's invariant; degrees are <= 63.
                if let Some(d) = deg.get_mut(usize::from(v)) {
                    *d = d.saturating_add(1);
                }
            }
        }
        deg
    }

    /// `true` when every vertex has degree `z`. Cost O(n + |E|).
    pub fn is_regular(&self, z: usize) -> bool {
        let n = self.n_vertices();
        self.degrees().iter().take(n).all(|&d| usize::from(d) == z)
    }

    /// The neighbours of `v` as a bit set (bit `w` set when `(v, w)` is an edge); 0 for
    /// `v >= n`. Cost O(|E|).
    pub fn neighbors(&self, v: usize) -> u64 {
        let mut set = 0u64;
        for e in self.edges.iter() {
            let (a, b) = (usize::from(e[0]), usize::from(e[1]));
            if a == v {
                set |= 1u64 << (b % 64);
            } else if b == v {
                set |= 1u64 << (a % 64);
            }
        }
        set
    }

    /// The adjacency bit sets of all vertices: entry `v` is
    /// [`neighbors`](Graph::neighbors)`(v)`. Cost O(|E|).
    pub fn adjacency(&self) -> [u64; MAX_VERTICES] {
        let mut adj = [0u64; MAX_VERTICES];
        for e in self.edges.iter() {
            // Both endpoints are < n <= 64 by the graph's invariant.
            let (a, b) = (usize::from(e[0]) % 64, usize::from(e[1]) % 64);
            adj[a] |= 1 << b;
            adj[b] |= 1 << a;
        }
        adj
    }

    /// `true` when `(a, b)` (either orientation) is an edge. Cost O(|E|).
    pub fn has_edge(&self, a: usize, b: usize) -> bool {
        self.edges.iter().any(|e| {
            let (x, y) = (usize::from(e[0]), usize::from(e[1]));
            (x == a && y == b) || (x == b && y == a)
        })
    }

    /// Rewrites every edge as `[min, max]` and sorts the list lexicographically.
    /// Cost O(|E| log |E|), in place.
    pub fn canonicalize(&mut self) {
        for e in self.edges.iter_mut() {
            if e[0] > e[1] {
                e.swap(0, 1);
            }
        }
        self.edges.sort_unstable();
    }

    /// `true` when every edge is `[min, max]` and the list is strictly increasing
    /// (what [`canonicalize`](Graph::canonicalize) produces).
    pub fn is_canonical(&self) -> bool {
        self.edges.iter().all(|e| e[0] < e[1]) && self.edges.windows(2).all(|w| w[0] < w[1])
    }

    /// The complement graph (same vertices; `(a, b)` is an edge exactly when it is not
    /// one here), in canonical order. [`Error::CapacityExceeded`] `{ capacity: C }` when
    /// it has more than `C` edges. Cost O(n^2 + |E|).
    pub fn complement<const C: usize>(&self) -> Result<Graph<C>> {
        Graph::from_adjacency(self.n_vertices(), &self.adjacency(), true)
    }

    /// The graph whose edges are the pairs `a < b < n` with bit `b` of `adj[a]` set (or
    /// clear, when `complement`), in canonical order. `n` is checked; `adj` must be
    /// symmetric (only its upper triangle is read).
    pub(crate) fn from_adjacency(
        n: usize,
        adj: &[u64; MAX_VERTICES],
        complement: bool,
    ) -> Result<Self> {
        let mut g = Self::new(n)?;
        for (a, &row) in adj.iter().enumerate().take(n) {
            for b in a + 1..n {
                if ((row >> b) & 1 == 1) != complement {
                    // a < b < n <= 64 fit in u8.
                    g.edges
                        .push([a as u8, b as u8])
                        .map_err(|_| Error::CapacityExceeded { capacity: CAP })?;
                }
            }
        }
        Ok(g)
    }
}
