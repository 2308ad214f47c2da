#!/usr/bin/env python3
"""Draw an actor network exported by ``parley export --to gexf`` the way Gephi shows one.

usage: .venv/bin/python scripts/draw_network.py NETWORK.gexf OUT.png [--top N] [--title TEXT]

Gephi's look, with networkx and matplotlib (a test extra, not a dependency of parley): a
ForceAtlas2 layout (networkx's ``forceatlas2_layout``), nodes sized by degree and coloured by
actor kind, edges curved clockwise in their source's colour and thickened by their count, labels
for the most connected actors, on a white canvas. Only the ``N`` actors with most ties (default
60) are kept, so the picture stays legible. docs/network.png is made with:

    parley ingest polnear-dev-articles.jsonl --db polnear.duckdb
    parley export --db polnear.duckdb --to gexf out/
    python scripts/draw_network.py out/network.gexf docs/network.png --title "PolNeAR dev: 84 articles, 2016"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.lines import Line2D

# Gephi's default categorical palette, one colour per actor kind.
KIND_COLOURS = {"person": "#2f9ed8", "org": "#f2a43a", "state": "#7cbf3f", "group": "#d36db0", "": "#9a9a9a"}


def draw(path: Path, out: Path, top: int = 60, title: str | None = None) -> tuple[int, int]:
    """Draw the network at ``path`` into ``out``; returns the nodes and edges drawn."""
    full = nx.MultiDiGraph(nx.read_gexf(path, version="1.3"))
    simple = nx.DiGraph()
    for u, v, data in full.edges(data=True):
        if u != v:
            weight = simple.get_edge_data(u, v, {}).get("weight", 0) + int(data.get("count", 1))
            simple.add_edge(u, v, weight=weight)
    keep = sorted(simple.nodes, key=lambda n: (-simple.degree(n, weight="weight"), n))[:top]
    graph = simple.subgraph(keep).copy()
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    if not graph.number_of_nodes():
        raise SystemExit(f"{path}: no edges to draw")
    degree = dict(graph.degree(weight="weight"))
    # Gephi's "dissuade hubs" (distributed attraction) for a hub-heavy network, and room for node sizes
    radius = {n: 0.05 + 0.02 * degree[n] ** 0.5 for n in graph.nodes}
    positions = nx.forceatlas2_layout(
        graph, max_iter=600, scaling_ratio=8.0, gravity=2.0, strong_gravity=True, distributed_action=True, node_size=radius, seed=7
    )
    colour = {n: KIND_COLOURS.get(str(full.nodes[n].get("kind") or ""), KIND_COLOURS[""]) for n in graph.nodes}

    fig, ax = plt.subplots(figsize=(12, 9), dpi=90)
    ax.set_facecolor("white")
    for u, v, data in graph.edges(data=True):
        ax.annotate(
            "",
            xy=positions[v],
            xytext=positions[u],
            arrowprops={
                "arrowstyle": "-|>,head_length=0.6,head_width=0.25",
                "color": colour[u],
                "alpha": 0.45,
                "lw": 0.6 + 0.5 * data["weight"] ** 0.5,
                "connectionstyle": "arc3,rad=0.2",  # Gephi draws directed edges curved clockwise
                "shrinkA": 4,
                "shrinkB": 6,
            },
            zorder=1,
        )
    sizes = [40 + 25 * degree[n] ** 0.9 for n in graph.nodes]
    nx.draw_networkx_nodes(graph, positions, ax=ax, node_size=sizes, node_color=[colour[n] for n in graph.nodes], edgecolors="#ffffff", linewidths=0.8)
    labelled = sorted(graph.nodes, key=lambda n: -degree[n])[:25]
    for n in labelled:
        x, y = positions[n]
        ax.text(x, y, n, fontsize=7 + min(degree[n], 40) / 8, ha="center", va="center", color="#222222", zorder=3)
    legend = [Line2D([0], [0], marker="o", color="white", markerfacecolor=c, markersize=9, label=k) for k, c in KIND_COLOURS.items() if k]
    ax.legend(handles=legend, loc="lower left", frameon=False, fontsize=9)
    ax.set_title(title or path.name, fontsize=11, color="#444444")
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return graph.number_of_nodes(), graph.number_of_edges()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("network", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--title")
    args = parser.parse_args(argv)
    nodes, edges = draw(args.network, args.out, args.top, args.title)
    print(f"{args.out}: {nodes} actors, {edges} ties")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
