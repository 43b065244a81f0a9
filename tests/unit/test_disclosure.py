"""Disclosure control: nothing below the threshold is published, and nothing withheld can be worked out."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from victimcare.reports.disclosure import percentage, protect, protect_rate, recoverable


def test_small_counts_are_shown_as_below_the_threshold():
    table = protect([[25, 3], [40, 60]])
    assert table.shown(0, 1) == "<10"
    assert table.shown(1, 1) != "<10" or (1, 1) in table.suppressed


def test_a_single_suppressed_cell_in_a_row_takes_another_with_it():
    # Row 0 total 28 is published; 3 alone would be 28 - 25.
    table = protect([[25, 3, 40], [30, 50, 60]])
    row0 = [c for c in range(3) if (0, c) in table.suppressed]
    assert len(row0) >= 2


def test_large_tables_publish_everything():
    table = protect([[100, 200], [300, 400]])
    assert table.suppressed == frozenset()
    assert table.shown(2, 2) == "1,000"


def test_a_small_total_is_withheld_too():
    table = protect([[2], [3]])
    assert (2, 0) in table.suppressed or (2, 1) in table.suppressed


def test_percentages_need_a_denominator_of_at_least_the_threshold():
    assert percentage(5, 9) == "–"
    assert percentage(None, 100) == "–"
    assert percentage(45, 60) == "75%"


def recoverable_by_solving(counts, suppressed):
    """Independent check: brute-force which withheld cells are fixed by the published values and sums."""
    rows, cols = len(counts) - 1, len(counts[0]) - 1
    unknowns = sorted(suppressed)
    index = {cell: i for i, cell in enumerate(unknowns)}
    matrix = []
    for r in range(rows + 1):
        line = [Fraction(0)] * len(unknowns)
        for c in range(cols):
            if (r, c) in index:
                line[index[(r, c)]] += 1
        if (r, cols) in index:
            line[index[(r, cols)]] -= 1
        matrix.append(line)
    for c in range(cols + 1):
        line = [Fraction(0)] * len(unknowns)
        for r in range(rows):
            if (r, c) in index:
                line[index[(r, c)]] += 1
        if (rows, c) in index:
            line[index[(rows, c)]] -= 1
        matrix.append(line)

    def rank(vectors):
        vectors = [v[:] for v in vectors if any(v)]
        count = 0
        columns = len(unknowns)
        for col in range(columns):
            pivot = next((i for i in range(count, len(vectors)) if vectors[i][col]), None)
            if pivot is None:
                continue
            vectors[count], vectors[pivot] = vectors[pivot], vectors[count]
            for i in range(len(vectors)):
                if i != count and vectors[i][col]:
                    factor = vectors[i][col] / vectors[count][col]
                    vectors[i] = [a - factor * b for a, b in zip(vectors[i], vectors[count])]
            count += 1
        return count

    base = rank(matrix)
    fixed = []
    for cell, i in index.items():
        unit = [Fraction(0)] * len(unknowns)
        unit[i] = Fraction(1)
        if rank(matrix + [unit]) == base:
            fixed.append(cell)
    return fixed


tables = st.integers(min_value=1, max_value=4).flatmap(
    lambda rows: st.integers(min_value=1, max_value=4).flatmap(
        lambda cols: st.lists(st.lists(st.integers(min_value=0, max_value=60), min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@settings(max_examples=150, deadline=None)
@given(tables)
def test_no_published_table_lets_a_suppressed_value_be_recovered(interior):
    table = protect(interior)
    counts = [list(row) for row in table.counts]
    # Every count below the threshold is withheld ...
    for r, row in enumerate(counts):
        for c, value in enumerate(row):
            if value < 10:
                assert (r, c) in table.suppressed
    # ... and none of the withheld ones follows from what is published.
    assert recoverable_by_solving(counts, set(table.suppressed)) == []


patterns = st.integers(min_value=1, max_value=13).flatmap(
    lambda rows: st.integers(min_value=1, max_value=4).flatmap(
        lambda cols: st.tuples(st.just((rows, cols)), st.sets(
            st.tuples(st.integers(0, rows), st.integers(0, cols)), max_size=(rows + 1) * (cols + 1)))))


@settings(max_examples=300, deadline=None)
@given(patterns)
def test_which_withheld_cells_can_be_worked_out_agrees_with_solving_the_equations(pattern):
    """`recoverable` (cells on no cycle of withheld cells) against the independent linear algebra, for
    any withheld cells of tables up to 13 x 4 with their totals (a year by month is 12 rows and a total)."""
    (rows, cols), suppressed = pattern
    counts = [[0] * (cols + 1) for _ in range(rows + 1)]  # the values do not matter, only which are withheld
    assert sorted(recoverable(counts, set(suppressed))) == sorted(recoverable_by_solving(counts, set(suppressed)))


def test_a_withheld_cell_is_safe_only_on_a_cycle_of_withheld_cells():
    counts = [[0] * 3 for _ in range(3)]  # 2 x 2 with totals
    # a rectangle of four withheld cells: each can move with the others, none is fixed
    assert recoverable(counts, {(0, 0), (0, 1), (1, 0), (1, 1)}) == []
    # two in one row: each is its row total less the other published ones, so both are fixed
    assert recoverable(counts, {(0, 0), (0, 1)}) == [(0, 0), (0, 1)]
    # a rectangle and a tail hanging from it: only the tail is fixed
    assert recoverable(counts, {(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)}) == [(1, 2)]


def test_a_rate_with_few_not_met_withholds_its_pair():
    # 50 of 53: protected apart, both counts are large and published, and 3 "not met" is 53 - 50.
    met, total = protect_rate([(50, 53), (40, 80)])
    assert met.value(0, 0) is None or total.value(0, 0) is None
    # nor can the 'All' row (90 of 133) and the other row give the withheld one back.
    counts, unknown = _joint_view(met, total)
    assert all(c == 1 and counts[r][1] >= 10 for r, c in recoverable_by_solving(counts, unknown))


def test_a_large_rate_is_published_whole():
    met, total = protect_rate([(50, 80), (40, 70)])
    assert [met.value(r, 0) for r in range(3)] == [50, 40, 90]
    assert [total.value(r, 0) for r in range(3)] == [80, 70, 150]


def _joint_view(met, total):
    """The rate as the table [[met, not met]] with every not-met cell unknown (never published itself)
    and the met and total cells unknown where withheld."""
    rows = len(met.counts)
    counts = [[met.counts[r][0], total.counts[r][0] - met.counts[r][0], total.counts[r][0]] for r in range(rows)]
    unknown = {(r, 1) for r in range(rows)}
    unknown |= {(r, 0) for r in range(rows) if met.value(r, 0) is None}
    unknown |= {(r, 2) for r in range(rows) if total.value(r, 0) is None}
    return counts, unknown


rates = st.lists(st.tuples(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
                 .map(lambda pair: (pair[0], pair[0] + pair[1])), min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(rates)
def test_no_published_rate_lets_a_small_not_met_be_recovered(pairs):
    met, total = protect_rate(pairs)
    for r in range(len(pairs) + 1):
        # Nothing below the threshold is published, and where both counts are, so is a large "not met":
        # zero is below the threshold too (domain.md §6: counts below 10 are suppressed), so a rate of
        # 100% is not published whole.
        for table in (met, total):
            assert table.value(r, 0) is None or table.value(r, 0) >= 10
        if met.value(r, 0) is not None and total.value(r, 0) is not None:
            assert total.value(r, 0) - met.value(r, 0) >= 10
    # Solving every row's and column's sums from what is published fixes no withheld count, and no
    # "not met" below the threshold.
    counts, unknown = _joint_view(met, total)
    for r, c in recoverable_by_solving(counts, unknown):
        assert c == 1 and counts[r][1] >= 10, (r, c, counts)


def test_a_count_withheld_only_to_protect_another_is_shown_as_hidden_not_as_small():
    """"<10" is a statement about the count: a cell of 85 withheld so that a 4 beside it cannot be worked out
    from the row total must not read "<10"."""
    table = protect([[85, 4], [40, 30]])
    assert table.shown(0, 1) == "<10"
    withheld_large = [(r, c) for r, c in table.suppressed if table.counts[r][c] >= 10]
    assert withheld_large, "the 4 needs a second cell withheld in its row"
    assert all(table.shown(r, c) == "hidden" for r, c in withheld_large)
    assert all(table.shown(r, c) == "<10" for r, c in table.suppressed if table.counts[r][c] < 10)
