"""DOT (graphviz) drawings for the backprop lesson: the tiny MLP at a step, and a Value graph.

Pure string builders; st.graphviz_chart renders them in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from vizlib.lessons.backprop.network import Net, Step, Trace
from vizlib.lessons.backprop.scalar_engine import Node

CURRENT, DONE_FWD, DONE_BWD, IDLE = "#ffd54f", "#bbdefb", "#f8bbd0", "#ffffff"
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt(v: float) -> str:
    """A short number for a graph label."""
    return f"{float(v):.4g}"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _visible(steps: Sequence[Step], k: int) -> tuple[set, set, bool]:
    """Neurons whose forward values / deltas are known after the first k steps, and the loss."""
    done = steps[:k]
    fwd = {(s.layer, s.unit) for s in done if s.phase == "forward"}
    bwd = {(s.layer, s.unit) for s in done if s.phase == "backward"}
    return fwd, bwd, any(s.phase == "loss" for s in done)


def network_dot(
    net: Net,
    trace: Trace,
    steps: Sequence[Step],
    k: int,
    *,
    loss_label: str,
    font_pt: int = 10,
    ranksep: float = 1.4,
) -> str:
    """The MLP after k steps: values (forward) and δ, ∂L/∂W (backward); step k is highlighted.

    A larger `font_pt` with a smaller `ranksep` (inches between layers) draws the text larger
    once the drawing is stretched to a column's width (presenter mode)."""
    fwd, bwd, loss_known = _visible(steps, k)
    cur = steps[k - 1] if k > 0 else None
    lines = [
        "digraph G {",
        f"rankdir=LR; splines=line; nodesep=0.3; ranksep={ranksep};",
        f'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize={font_pt}];',
        f'edge [fontname="Helvetica", fontsize={font_pt - 1}, color="#607d8b"];',
    ]
    for i, v in enumerate(net.x):
        lines.append(
            f'x{i} [label="x{str(i + 1).translate(_SUB)}\\n{fmt(v)}", fillcolor="{DONE_FWD}"];'
        )
    for li in range(1, len(net.sizes)):
        for j in range(net.sizes[li]):
            here = cur is not None and (cur.layer, cur.unit) == (li, j) and cur.phase != "loss"
            lines += _neuron_lines(net, trace, li, j, here, (li, j) in fwd, (li, j) in bwd)
    last = len(net.sizes) - 1
    lcolor = (
        CURRENT if cur is not None and cur.phase == "loss" else (DONE_FWD if loss_known else IDLE)
    )
    ltext = _esc(loss_label) + (f"\\n{fmt(trace.loss)}" if loss_known else "")
    lines.append(f'loss [shape=box, label="{ltext}", fillcolor="{lcolor}"];')
    for j in range(net.sizes[last]):
        lines.append(f'n{last}_{j} -> loss [label="y={fmt(net.y[j])}", style=dashed];')
    lines.append("}")
    return "\n".join(lines)


def _neuron_lines(
    net: Net, trace: Trace, li: int, j: int, here: bool, fwd: bool, bwd: bool
) -> list[str]:
    """DOT for neuron j of layer li and its incoming edges, showing what is known so far."""
    text = _unit_name(li, j)
    if fwd:
        text += f"\\nz={fmt(trace.z[li][j])}\\na={fmt(trace.a[li][j])}"
    if bwd:
        text += f"\\nδ={fmt(trace.delta[li][j])}"
    color = CURRENT if here else DONE_BWD if bwd else DONE_FWD if fwd else IDLE
    lines = [f'n{li}_{j} [label="{text}", fillcolor="{color}"];']
    for i in range(net.sizes[li - 1]):
        src = f"x{i}" if li == 1 else f"n{li - 1}_{i}"
        label = f"w={fmt(net.weights[li - 1][j, i])}"
        if bwd:
            label += f"\\n∂={fmt(trace.dw[li][j, i])}"
        bold = ', penwidth=2.2, color="#e65100"' if here else ""
        lines.append(f'{src} -> n{li}_{j} [label="{label}"{bold}];')
    return lines


def _unit_name(li: int, j: int) -> str:
    return f"a{str(j + 1).translate(_SUB)}⁽{str(li).translate(_SUP)}⁾"


# A projector must read the graph: text is drawn at FONT_PT (4/3 px per pt at natural size, so
# 14 pt ≈ 18.7 px) and the page shows it at natural size. Deep graphs would then get too wide to fit
# a 1440-px screen (and be shrunk), so past LR_MAX_RANKS ranks the graph runs top to bottom.
FONT_PT = 14
LR_MAX_RANKS = 9


def _ranks(nodes: Sequence[Node], edges: Sequence[tuple[int, int]]) -> int:
    """How many columns a left-to-right drawing needs: values and operations on the longest path."""
    depth = {n.id: 0 for n in nodes}
    for n in nodes:  # children come first, so each parent sees its children's final depth
        for child, parent in edges:
            if parent == n.id:
                depth[n.id] = max(depth[n.id], depth[child] + 2)  # child -> op -> value
    return max(depth.values(), default=0) + 1


def expression_layout(
    nodes: Sequence[Node], edges: Sequence[tuple[int, int]]
) -> tuple[str, int, float]:
    """(rankdir, font size in pt, rank separation in inches) for a graph of this size."""
    ranks = _ranks(nodes, edges)
    if ranks <= LR_MAX_RANKS:
        return "LR", FONT_PT, 0.4 if ranks <= 5 else 0.25
    return "TB", FONT_PT, 0.25


def expression_dot(
    nodes: Sequence[Node],
    edges: Sequence[tuple[int, int]],
    *,
    data_label: str = "data",
    grad_label: str = "grad",
) -> str:
    """A micrograd-style drawing: a box per value (label, data, grad), an oval per operation.

    Each value box stacks its fields vertically so the drawing stays narrow (readable text).
    """
    rankdir, font, ranksep = expression_layout(nodes, edges)
    lines = [
        "digraph E {",
        f"rankdir={rankdir}; ranksep={ranksep}; nodesep=0.15;",
        f'node [fontname="Helvetica", fontsize={font}];',
    ]
    root = nodes[-1].id if nodes else -1
    # record fields run across the rank direction; braces turn them along it
    lb, rb = ("", "") if rankdir == "LR" else ("{ ", " }")
    for n in nodes:
        name = f"{_esc(n.label)} | " if n.label else ""
        fill = "#fff59d" if n.id == root else ("#e3f2fd" if not n.op else "#ffffff")
        lines.append(
            f'v{n.id} [shape=record, style=filled, fillcolor="{fill}", '
            f'label="{lb}{name}{data_label} {fmt(n.data)} | {grad_label} {fmt(n.grad)}{rb}"];'
        )
        if n.op:
            lines.append(f'op{n.id} [shape=ellipse, label="{_esc(n.op)}"];')
            lines.append(f"op{n.id} -> v{n.id};")
    for child, parent in edges:
        lines.append(f"v{child} -> op{parent};")
    lines.append("}")
    return "\n".join(lines)


def weights_table(old: Sequence[np.ndarray], new: Sequence[np.ndarray], prefix: str) -> list[dict]:
    """Rows (parameter, old, new, change) for an old → new comparison table."""
    rows = []
    for li, (o, n) in enumerate(zip(old, new, strict=True), start=1):
        for idx in np.ndindex(o.shape):
            sub = "".join(str(i + 1) for i in idx)
            rows.append(
                {
                    "param": f"{prefix}{li}[{sub}]",
                    "old": float(o[idx]),
                    "new": float(n[idx]),
                    "change": float(n[idx] - o[idx]),
                }
            )
    return rows
