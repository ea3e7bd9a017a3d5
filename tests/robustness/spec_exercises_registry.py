"""Robustness spec of helpers.exercises.registry."""

from hypothesis import strategies as st

from helpers.exercises import registry

from .harness import Spec, constant, ensure
from .inputs import args, refuse_each

MODULE = "helpers.exercises.registry"

SPECS = {
    "KINDS": constant(lambda kinds: ensure(set(kinds) == {"value", "predict", "proof"})),
    "Exercise": Spec(
        func=registry.Exercise,
        bad=refuse_each("id", ["1.3", 13, "01-3", None], lambda i: args(i, expected=1.0))
        + refuse_each("up_to", ["nearly", ()], lambda m: args("01.9", expected=1.0, up_to=m))
        + refuse_each("kind", ["essay", None], lambda k: args("01.9", expected=1.0, kind=k))
        + refuse_each("hints", ["one", (1,)], lambda h: args("01.9", expected=1.0, hints=h))
        + refuse_each("points", [-1, 1.5, True], lambda p: args("01.9", expected=1.0, points=p))
        + refuse_each("expected", [None], lambda e: args("01.9", expected=e)),
        good=st.sampled_from(
            [args("01.9", expected=1.0), args("02.9", expected=None, kind="proof")]
        ),
        check=lambda ex, call: ensure(ex.id == call.args[0] and ex.hint(1) is None),
    ),
    "all_exercises": Spec(
        func=registry.all_exercises,
        good=st.just(args()),
        check=lambda bank, call: ensure(len(bank) > 0 and all(k == e.id for k, e in bank.items())),
    ),
    "lookup": Spec(
        func=registry.lookup,
        bad=refuse_each("exercise_id", [None, 1.3, b"01.1"], lambda i: args(i))
        + refuse_each("unknown exercise id", ["99.1", "01.99", ""], lambda i: args(i)),
        good=st.sampled_from(["00.1", "01.1"]).map(lambda i: args(i)),
        check=lambda ex, call: ensure(ex.id == call.args[0]),
    ),
}
