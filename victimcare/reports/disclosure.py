"""Disclosure control for everything the Victims' Board sees (shared/domain.md §6).

One function, `protect`, decides what of a table of counts may be published, whatever the format
(web page, CSV, PDF, API):

- primary suppression: no count below the threshold (default 10) is published; it shows as "<10";
- secondary suppression: further cells are suppressed until no suppressed cell can be worked out
  from the published cells and totals (checked exactly: see `recoverable`); they
  show as "hidden", never as "<10", which would be untrue of them;
- no percentage on a denominator below the threshold, nor of a suppressed count.

A rate (how many of a total meet a measure) is protected as one table of who met it and who did not
(`protect_rate`), so that no published pair of "met" and "total" gives away a small "not met".
"""

from __future__ import annotations

from dataclasses import dataclass

from victimcare.translatable import N_, translate

Cell = tuple[int, int]
# How a count withheld only so that a small one cannot be worked out is shown.
HIDDEN = N_("hidden")


@dataclass(frozen=True)
class ProtectedTable:
    """A table of counts with row and column totals, and which cells (totals included) are withheld.

    `counts[r][c]` for r < rows, c < cols are the interior; row `rows` holds the column totals and
    column `cols` the row totals, so `counts[rows][cols]` is the grand total.
    """

    counts: tuple[tuple[int, ...], ...]
    suppressed: frozenset[Cell]
    threshold: int

    @property
    def rows(self) -> int:
        return len(self.counts) - 1

    @property
    def cols(self) -> int:
        return len(self.counts[0]) - 1

    def shown(self, r: int, c: int) -> str:
        count = self.counts[r][c]
        if (r, c) not in self.suppressed:
            return f"{count:,}"
        return f"<{self.threshold}" if count < self.threshold else translate(HIDDEN)

    def value(self, r: int, c: int) -> int | None:
        """The published count, or None where it is withheld (for CSV and JSON)."""
        return None if (r, c) in self.suppressed else self.counts[r][c]


def with_totals(interior: list[list[int]]) -> list[list[int]]:
    rows = [list(row) + [sum(row)] for row in interior]
    totals = [sum(row[c] for row in rows) for c in range(len(rows[0]))] if rows else [0]
    return rows + [totals]


def protect(interior: list[list[int]], threshold: int = 10) -> ProtectedTable:
    """Suppress what must not be published from a table of counts (totals are added here)."""
    if not interior or not interior[0]:
        raise ValueError("a table needs at least one cell")
    counts = with_totals(interior)
    cells = [(r, c) for r in range(len(counts)) for c in range(len(counts[0]))]
    suppressed = {cell for cell in cells if counts[cell[0]][cell[1]] < threshold}
    exposed = recoverable(counts, suppressed)
    while exposed:
        # Greedy: withhold the cell that leaves the fewest recoverable cells, the smallest count first,
        # looking first at cells that share a row or column with an exposed one (they can hide it).
        lines = {r for r, _ in exposed}, {c for _, c in exposed}
        nearby = [cell for cell in cells if cell not in suppressed and (cell[0] in lines[0] or cell[1] in lines[1])]
        candidates = nearby or [cell for cell in cells if cell not in suppressed]
        best = min(candidates,
                   key=lambda cell: (len(recoverable(counts, suppressed | {cell})), counts[cell[0]][cell[1]], cell))
        suppressed.add(best)
        exposed = recoverable(counts, suppressed)
    return ProtectedTable(tuple(tuple(row) for row in counts), frozenset(suppressed), threshold)


def protect_rate(pairs: list[tuple[int, int]], threshold: int = 10) -> tuple[ProtectedTable, ProtectedTable]:
    """Protect a rate's (met, total) per category jointly, as the table [[met, total - met], ...], and
    return its "met" and "total" columns as one-column tables (category rows and the 'All' row): a cell
    is withheld in them exactly where it is withheld in the joint table, so publishing both columns
    never lets "not met" be worked out by subtraction."""
    if not pairs:
        raise ValueError("a rate needs at least one category")
    joint = protect([[met, total - met] for met, total in pairs], threshold)
    return _column(joint, 0), _column(joint, joint.cols)


def _column(table: ProtectedTable, c: int) -> ProtectedTable:
    """Column c as a one-column table shaped as `protect` makes one (each row's total is its one cell)."""
    withheld = [r for r, column in table.suppressed if column == c]
    return ProtectedTable(tuple((row[c], row[c]) for row in table.counts),
                          frozenset((r, k) for r in withheld for k in (0, 1)), table.threshold)


def percentage(numerator: int | None, denominator: int | None, threshold: int = 10) -> str:
    """A percentage as it may be published: none on a small or withheld denominator or a withheld count."""
    if numerator is None or denominator is None or denominator < threshold:
        return "–"
    return f"{100 * numerator / denominator:.0f}%"


def recoverable(counts: list[list[int]] | tuple, suppressed: set[Cell]) -> list[Cell]:
    """The suppressed cells whose value follows from the published cells and the table's sums.

    Each cell lies on one row and one column (a total on the totals row or column), and the cells of each
    row and column add up to its total. Take the rows and columns as the nodes of a graph and the
    withheld cells as its edges. Withheld values can be changed without changing any sum only together
    around a cycle (more in one cell, less in the next, and so on round), so a withheld cell's value is
    fixed exactly when it lies on no cycle: when its edge is a bridge. This is the exact answer the
    linear algebra gives (tests/unit/test_disclosure.py checks it against solving the equations), found
    in time linear in the table's size, which matters because the greedy search above asks it for every
    candidate cell."""
    rows, cols = len(counts) - 1, len(counts[0]) - 1
    edges = [cell for cell in sorted(suppressed) if 0 <= cell[0] <= rows and 0 <= cell[1] <= cols]
    return [edges[i] for i in sorted(_bridges([(("row", r), ("col", c)) for r, c in edges]))]


def _bridges(edges: list[tuple[object, object]]) -> set[int]:
    """The indexes of the edges on no cycle of a graph without parallel edges (Tarjan's low-link, by a
    depth-first search kept on a stack, not by recursion)."""
    around: dict[object, list[tuple[object, int]]] = {}
    for i, (a, b) in enumerate(edges):
        around.setdefault(a, []).append((b, i))
        around.setdefault(b, []).append((a, i))
    order: dict[object, int] = {}
    low: dict[object, int] = {}
    bridges: set[int] = set()
    for root in around:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, -1, iter(around[root]))]
        while stack:
            node, via, onward = stack[-1]
            for nxt, edge in onward:
                if edge == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, edge, iter(around[nxt])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(via)
    return bridges
