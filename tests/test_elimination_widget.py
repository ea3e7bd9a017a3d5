"""The elimination stepper of notebook 07: its model against LU and SciPy, and its wiring."""

import json
import shutil
import subprocess

import numpy as np
import pytest
import scipy.linalg

from helpers.decompositions import growth_factor, lu_no_pivot, lu_partial_pivot, max_growth_matrix
from helpers.widgets import (
    ELIMINATION_PRESETS,
    STATIC_MIME,
    EliminationStepper,
    elimination_widget,
)
from helpers.widgets.common import widget_esm

EPS_PIVOT = [[1e-20, 1.0], [1.0, 1.0]]
SECTION_1 = [[2.0, 1.0, 1.0], [4.0, 3.0, 3.0], [8.0, 7.0, 9.0]]


@pytest.mark.parametrize("n", [2, 3, 4])
def test_with_pivoting_the_last_step_is_lu_partial_pivot_and_scipy(n, rng):
    for _ in range(20):
        A = rng.standard_normal((n, n))
        stepper = EliminationStepper(A, pivoting=True)
        assert len(stepper) == 1 + 2 * (n - 1) and stepper.complete
        P, L, U = stepper.factors()
        P_ref, L_ref, U_ref = lu_partial_pivot(A)
        np.testing.assert_array_equal(P, P_ref)  # the same operations: the same bits
        np.testing.assert_array_equal(L, L_ref)
        np.testing.assert_array_equal(U, U_ref)
        Ps, Ls, Us = scipy.linalg.lu(A)  # LAPACK: A = Ps L U
        np.testing.assert_array_equal(P, Ps.T)
        np.testing.assert_allclose(L, Ls, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(U, Us, rtol=1e-12, atol=1e-14)
        assert np.max(np.abs(L)) <= 1.0
        last = stepper.readout(len(stepper) - 1)
        assert last["growth"] == growth_factor(A, pivoting=True)
        assert last["residual"] < 10 * np.finfo(float).eps


@pytest.mark.parametrize("n", [2, 3, 4])
def test_without_pivoting_the_last_step_is_lu_no_pivot(n, rng):
    A = rng.standard_normal((n, n)) + n * np.eye(n)
    stepper = EliminationStepper(A, pivoting=False)
    P, L, U = stepper.factors()
    L_ref, U_ref = lu_no_pivot(A)
    np.testing.assert_array_equal(P, np.eye(n))
    np.testing.assert_array_equal(L, L_ref)
    np.testing.assert_array_equal(U, U_ref)
    assert stepper.readout(len(stepper) - 1)["growth"] == growth_factor(A, pivoting=False)


def test_section_1_by_hand():
    stepper = EliminationStepper(SECTION_1, pivoting=False)
    r = [stepper.readout(k) for k in range(len(stepper))]
    assert [x["kind"] for x in r] == ["start", "pivot", "eliminate", "pivot", "eliminate"]
    assert r[1]["pivot"] == 2.0 and r[1]["pivot_row"] == 1
    assert r[2]["multipliers"] == [2.0, 4.0]
    assert r[2]["W"] == [[2.0, 1.0, 1.0], [0.0, 1.0, 1.0], [0.0, 3.0, 5.0]]  # E₁A of the notebook
    assert r[2]["L"] == [[1.0, 0.0, 0.0], [2.0, 1.0, 0.0], [4.0, None, 1.0]]
    assert r[4]["multipliers"] == [3.0]
    assert r[4]["W"] == [[2.0, 1.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 2.0]]
    assert r[4]["L"] == [[1.0, 0.0, 0.0], [2.0, 1.0, 0.0], [4.0, 3.0, 1.0]]
    assert all(x["residual"] == 0.0 and x["growth"] == 1.0 for x in r)
    assert stepper.status(4) == (
        "no pivoting: step 4 of 4; at the end ρ = 1.000, ‖PA − LU‖∞/‖A‖∞ = 0",
        "ok",
    )
    pivoted = EliminationStepper(SECTION_1, pivoting=True)
    first = pivoted.readout(1)
    assert first["pivot_row"] == 3 and first["pivot"] == 8.0 and first["perm"] == [3, 2, 1]
    assert "swap rows 1 and 3" in first["description"]
    assert pivoted.readout(2)["multipliers"] == [0.5, 0.25]


def test_the_epsilon_pivot():
    bad = EliminationStepper(EPS_PIVOT, pivoting=False)
    last = bad.readout(2)
    assert last["multipliers"] == [1e20]
    assert last["W"][1][1] == 1.0 - 1e20 == -1e20  # a₂₂ = 1 is lost
    assert last["growth"] == 1e20 and last["residual"] == 0.5  # ‖[[0, 0], [0, 1]]‖∞ / ‖A‖∞
    text, kind = bad.status(0)
    assert kind == "warning" and "Turn partial pivoting on" in text
    good = EliminationStepper(EPS_PIVOT, pivoting=True)
    last = good.readout(2)
    assert last["perm"] == [2, 1] and last["multipliers"] == [1e-20]
    assert last["growth"] == 1.0 and last["residual"] == 0.0
    assert good.status(2)[1] == "ok"


def test_wilkinson_doubles_without_a_swap():
    for pivoting in (True, False):
        stepper = EliminationStepper(max_growth_matrix(4), pivoting=pivoting)
        growth = [stepper.readout(k)["growth"] for k in range(len(stepper))]
        assert growth == [1.0, 1.0, 2.0, 2.0, 4.0, 4.0, 8.0]
        assert all(stepper.readout(k)["perm"] == [1, 2, 3, 4] for k in range(len(stepper)))
        assert [row[-1] for row in stepper.readout(6)["W"]] == [1.0, 2.0, 4.0, 8.0]
    assert "no swap needed" in EliminationStepper(max_growth_matrix(4)).readout(1)["description"]


def test_a_zero_pivot_without_pivoting_stops_with_a_message():
    stepper = EliminationStepper([[0.0, 1.0], [1.0, 0.0]], pivoting=False)
    assert len(stepper) == 2 and stepper.step(1).kind == "breakdown"
    assert not stepper.complete
    text, kind = stepper.status(1)
    assert kind == "error" and text.startswith("zero pivot at column 1")
    with pytest.raises(ValueError, match="did not run to the end"):
        stepper.factors()
    assert EliminationStepper([[0.0, 1.0], [1.0, 0.0]], pivoting=True).complete


def test_a_singular_matrix_with_pivoting_gets_a_zero_pivot_and_a_warning():
    S = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]]
    stepper = EliminationStepper(S, pivoting=True)
    P, L, U = stepper.factors()
    assert U[2, 2] == 0.0 and np.array_equal(P @ S, L @ U)
    assert stepper.status(0) == (
        "A is singular: u₃₃ = 0. PA = LU still holds, but Ax = b has no unique solution.",
        "warning",
    )
    zero_column = EliminationStepper([[0.0, 0.0], [0.0, 1.0]], pivoting=False)
    assert zero_column.complete and zero_column.step(2).title == "column 1: nothing to eliminate"


def test_an_overflow_stops_with_a_message():
    A = [[1e-300, 1e150], [1e150, 1.0]]
    stepper = EliminationStepper(A, pivoting=False)
    assert stepper.failure.startswith("overflow at column 1") and len(stepper) == 2
    assert EliminationStepper(A, pivoting=True).complete


@pytest.mark.parametrize(
    ("A", "error", "words"),
    [
        ([["a", "b"], ["c", "d"]], (TypeError, ValueError), "A"),
        ([[np.nan, 1.0], [1.0, 1.0]], ValueError, "A"),
        ([[np.inf, 1.0], [1.0, 1.0]], ValueError, "A"),
        ([[1e308, 1.0], [1.0, 1.0]], ValueError, "beyond ±1e150"),
        ([[0.0, 0.0], [0.0, 0.0]], ValueError, "zero matrix"),
        ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], ValueError, "square"),
        ([[1.0]], ValueError, "2×2 to 4×4"),
        (np.eye(5), ValueError, "2×2 to 4×4"),
        ([], ValueError, "A"),
    ],
)
def test_bad_input_is_refused_with_a_message(A, error, words):
    with pytest.raises(error, match=words):
        EliminationStepper(A)


def test_bad_flags_and_steps():
    with pytest.raises(TypeError, match="pivoting"):
        EliminationStepper(EPS_PIVOT, pivoting="yes")
    stepper = EliminationStepper(EPS_PIVOT)
    with pytest.raises(ValueError, match="k must be"):
        stepper.step(3)


def test_no_reference_to_the_callers_array():
    A = np.array(SECTION_1)
    stepper = EliminationStepper(A)
    A[0, 0] = 99.0
    assert stepper.A[0, 0] == 2.0 and stepper.readout(0)["W"][0][0] == 2.0


def test_the_invariant_holds_at_every_step(rng):
    for n in (2, 3, 4):
        A = rng.standard_normal((n, n))
        for pivoting in (True, False):
            stepper = EliminationStepper(A, pivoting)
            assert stepper.readout(0)["residual"] == 0.0
            for k in range(len(stepper)):
                st = stepper.step(k)
                assert st.residual < 1e3 * np.finfo(float).eps * max(1.0, st.growth)


def test_presets_all_run():
    names = [name for name, _ in ELIMINATION_PRESETS]
    assert any(name.startswith("ε-pivot") for name in names)
    assert any("Wilkinson" in name for name in names)
    for _, rows in ELIMINATION_PRESETS:
        for pivoting in (True, False):
            EliminationStepper(rows, pivoting)


def test_widget_state_and_validation():
    w = elimination_widget()
    assert w.a == EPS_PIVOT and w.pivoting is False and w.step == 0
    assert [p[0] for p in w.presets] == [name for name, _ in ELIMINATION_PRESETS]
    w.step = 2
    w.pivoting = True
    assert w.stepper.readout(w.step)["growth"] == 1.0
    with pytest.raises(ValueError, match="zero matrix"):
        w.a = [[0.0, 0.0], [0.0, 0.0]]
    with pytest.raises(ValueError, match="step"):
        w.step = 3
    assert w.a == EPS_PIVOT
    state = w.static_state()
    assert state == {"a": EPS_PIVOT, "pivoting": True, "step": 2, "presets": w.presets}
    json.dumps(state, allow_nan=False)
    data = w._repr_mimebundle_()
    data = data[0] if isinstance(data, tuple) else data
    assert data[STATIC_MIME]["kind"] == "elimination"
    with pytest.raises(ValueError, match="step"):
        elimination_widget(step=9)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the view's JS")
def test_the_view_computes_the_models_numbers_bit_for_bit(rng, tmp_path):
    """The ES module's arithmetic (elimSteps, elimStatus) run in Node against the model."""
    cases = [rows for _, rows in ELIMINATION_PRESETS]
    cases += [rng.standard_normal((n, n)).tolist() for n in (2, 3, 4) for _ in range(5)]
    cases += [(rng.integers(-3, 4, (n, n)) * 1.0).tolist() for n in (2, 3, 4) for _ in range(10)]
    cases += [[[1e-300, 1e150], [1e150, 1.0]], [[0.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]]]
    source = widget_esm("elimination").replace("export default { render };", "")
    script = tmp_path / "run.js"
    script.write_text(
        source
        + f"\nconst cases = {json.dumps(cases)};\n"
        + """
const out = [];
for (const A of cases) for (const piv of [true, false]) {
  if (elimInvalid(A)) { out.push(null); continue; }
  const r = elimSteps(A, piv);
  out.push({ failure: r.failure, status: r.steps.map((_, k) => elimStatus(r, piv, k)),
    steps: r.steps.map((st) => ({ kind: st.kind, title: st.title, description: st.description,
      W: st.W.map((row) => row.map((x) => x + 0)),
      L: st.L.map((row) => row.map((x) => (Number.isNaN(x) ? null : x + 0))),
      perm: st.perm.map((p) => p + 1), pivot: st.pivot,
      pivot_row: st.pivotRow === null ? null : st.pivotRow + 1,
      multipliers: st.multipliers, growth: st.growth, residual: st.residual })) });
}
console.log(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    run = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    results = iter(json.loads(run.stdout))
    for A in cases:
        for pivoting in (True, False):
            got = next(results)
            try:
                stepper = EliminationStepper(A, pivoting)
            except ValueError:
                assert got is None, A
                continue
            assert got["failure"] == stepper.failure
            assert len(got["steps"]) == len(stepper)
            for k, shown in enumerate(got["steps"]):
                assert got["status"][k] == list(stepper.status(k))
                expected = stepper.readout(k)
                for key, value in shown.items():
                    assert value == expected[key], (A, pivoting, k, key)
