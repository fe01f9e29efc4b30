//! The `k` best simple paths between two nodes of a small weighted graph
//! (Yen's algorithm over a Dijkstra that breaks ties deterministically).
//!
//! Route planning used to list every simple path and keep the best twenty;
//! on a ladder whose roles are joined by lateral moves in both directions
//! that is exponential (a valid 11-role clique took seconds and gigabytes).
//! Yen's algorithm finds the best `k` with at most `k · n` shortest-path
//! searches, each `O(e log e)`: polynomial whatever the ladder.
//!
//! Paths are ordered by a key that only grows when a path is extended — the
//! fewest years, then the most years (both in hundredths), then the number of
//! steps, then the ranks of the nodes visited — so Dijkstra with that key is
//! exact, and Yen's output is the first `k` paths of the same total order
//! the planner sorts by.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

/// An edge: where it goes, its years in hundredths, and its id (its index in
/// the caller's list of moves, for building the route's steps).
#[derive(Debug, Clone, Copy)]
pub(super) struct Edge {
    pub to: usize,
    pub min: i64,
    pub max: i64,
    pub id: usize,
}

/// A graph of `rank.len()` nodes.
pub(super) struct Graph {
    /// Each node's place in the tie-breaking order (the rank of its id).
    pub rank: Vec<u32>,
    /// The edges out of each node, in the ladder's order.
    pub out: Vec<Vec<Edge>>,
}

/// A simple path: its nodes (start first) and the edges between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Path {
    pub nodes: Vec<usize>,
    pub edges: Vec<Edge>,
}

impl PartialEq for Edge {
    fn eq(&self, other: &Edge) -> bool {
        self.id == other.id
    }
}

impl Eq for Edge {}

/// The order of paths: fewest years, most years, steps, then the ranks of
/// the nodes after the start.
type Key = (i64, i64, usize, Vec<u32>);

/// A search frontier entry: the key, the node, and how it was reached (the
/// previous node and the index of the edge in its list).
type Frontier = Reverse<(Key, usize, Option<(usize, usize)>)>;

impl Path {
    fn key(&self, g: &Graph) -> Key {
        (
            self.edges.iter().map(|e| e.min).sum(),
            self.edges.iter().map(|e| e.max).sum(),
            self.edges.len(),
            self.nodes[1..].iter().map(|&n| g.rank[n]).collect(),
        )
    }
}

/// The best path from `from` to `to` that avoids the banned nodes and edges.
fn best_path(
    g: &Graph,
    from: usize,
    to: usize,
    banned_nodes: &[bool],
    banned_edges: &HashSet<usize>,
) -> Option<Path> {
    let n = g.rank.len();
    // The settled label's predecessor: (previous node, edge).
    let mut settled: Vec<Option<Option<(usize, Edge)>>> = vec![None; n];
    let mut heap: BinaryHeap<Frontier> = BinaryHeap::new();
    heap.push(Reverse(((0, 0, 0, Vec::new()), from, None)));
    while let Some(Reverse((key, node, via))) = heap.pop() {
        if settled[node].is_some() {
            continue;
        }
        let via = via.map(|(prev, k)| (prev, g.out[prev][k]));
        settled[node] = Some(via);
        if node == to {
            break;
        }
        for (k, e) in g.out[node].iter().enumerate() {
            if banned_nodes[e.to] || banned_edges.contains(&e.id) || settled[e.to].is_some() {
                continue;
            }
            let mut seq = key.3.clone();
            seq.push(g.rank[e.to]);
            let next = (key.0 + e.min, key.1 + e.max, key.2 + 1, seq);
            heap.push(Reverse((next, e.to, Some((node, k)))));
        }
    }
    settled[to].as_ref()?;
    let (mut nodes, mut edges) = (vec![to], Vec::new());
    let mut at = to;
    while let Some(Some((prev, e))) = settled[at] {
        edges.push(e);
        nodes.push(prev);
        at = prev;
    }
    nodes.reverse();
    edges.reverse();
    Some(Path { nodes, edges })
}

/// The best `k` simple paths from `from` to `to`, best first.
pub(super) fn k_best(g: &Graph, from: usize, to: usize, k: usize) -> Vec<Path> {
    let n = g.rank.len();
    let no_nodes = vec![false; n];
    let Some(first) = best_path(g, from, to, &no_nodes, &HashSet::new()) else {
        return Vec::new();
    };
    let mut found = vec![first];
    let mut candidates: Vec<(Key, Path)> = Vec::new();
    while found.len() < k {
        let last = found.last().expect("found is never empty").clone();
        for i in 0..last.edges.len() {
            let spur = last.nodes[i];
            let root_edges = &last.edges[..i];
            // Edges that would repeat a path already found with this root.
            let banned_edges: HashSet<usize> = found
                .iter()
                .filter(|p| p.edges.len() > i && p.edges[..i] == *root_edges)
                .map(|p| p.edges[i].id)
                .collect();
            // The root's nodes before the spur, so the path stays simple.
            let mut banned_nodes = no_nodes.clone();
            for &v in &last.nodes[..i] {
                banned_nodes[v] = true;
            }
            let Some(spur_path) = best_path(g, spur, to, &banned_nodes, &banned_edges) else {
                continue;
            };
            let mut nodes = last.nodes[..i].to_vec();
            nodes.extend_from_slice(&spur_path.nodes);
            let mut edges = root_edges.to_vec();
            edges.extend_from_slice(&spur_path.edges);
            let path = Path { nodes, edges };
            if !found.contains(&path) && !candidates.iter().any(|(_, c)| *c == path) {
                candidates.push((path.key(g), path));
            }
        }
        let Some(best) =
            (0..candidates.len()).min_by(|&a, &b| candidates[a].0.cmp(&candidates[b].0))
        else {
            break;
        };
        found.push(candidates.swap_remove(best).1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every simple path, by brute force, in key order.
    fn all_paths(g: &Graph, from: usize, to: usize) -> Vec<Path> {
        fn walk(g: &Graph, to: usize, p: &mut Path, out: &mut Vec<Path>) {
            let here = *p.nodes.last().unwrap();
            if here == to {
                out.push(p.clone());
                return;
            }
            for e in &g.out[here] {
                if !p.nodes.contains(&e.to) {
                    p.nodes.push(e.to);
                    p.edges.push(*e);
                    walk(g, to, p, out);
                    p.nodes.pop();
                    p.edges.pop();
                }
            }
        }
        let mut out = Vec::new();
        let mut p = Path {
            nodes: vec![from],
            edges: Vec::new(),
        };
        walk(g, to, &mut p, &mut out);
        out.sort_by_key(|p| p.key(g));
        out
    }

    /// A dense graph with varied costs, parallel edges and zero-cost moves.
    fn graph(n: usize, seed: u64) -> Graph {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut out = vec![Vec::new(); n];
        let mut id = 0;
        for (from, edges) in out.iter_mut().enumerate() {
            for to in 0..n {
                if to != from && next() % 3 != 0 {
                    let copies = if next() % 7 == 0 { 2 } else { 1 };
                    for _ in 0..copies {
                        let min = (next() % 4) as i64 * 50;
                        edges.push(Edge {
                            to,
                            min,
                            max: min + (next() % 3) as i64 * 100,
                            id,
                        });
                        id += 1;
                    }
                }
            }
        }
        let rank = (0..n as u32).rev().collect();
        Graph { rank, out }
    }

    #[test]
    fn the_k_best_are_the_first_k_of_all_paths() {
        for seed in 1..40 {
            let g = graph(6, seed);
            let all = all_paths(&g, 0, 5);
            let best = k_best(&g, 0, 5, 20);
            assert_eq!(best.len(), all.len().min(20), "seed {seed}");
            for (a, b) in best.iter().zip(&all) {
                assert_eq!(a.key(&g), b.key(&g), "seed {seed}");
            }
        }
    }

    #[test]
    fn no_path_is_no_paths() {
        let g = Graph {
            rank: vec![0, 1],
            out: vec![Vec::new(), Vec::new()],
        };
        assert!(k_best(&g, 0, 1, 20).is_empty());
    }
}
