"""Test the overfitting page with AppTest: it renders in both languages, Start trains and the
curves grow, the race steps both models, "restore best" reports, and bad input gets a message."""

import pytest

from tests.apptest import (
    chart_specs,
    chart_title,
    live_trainer,
    page_test,
    texts,
    url_notice_labels,
    vega_rows,
)
from vizlib.ui.i18n import load_catalogue

NS = "overfitting"
FAST = {f"{NS}.width": "32"}  # a small MLP keeps each AppTest run short


def _train(at, ns=NS, reruns=3):
    at.button(key=f"{ns}.live.btn_start").click().run()
    for _ in range(reruns):
        at.run()
    pause = at.button(key=f"{ns}.live.btn_pause")
    if not pause.disabled:  # early stopping may have paused it already
        pause.click().run()
    return at


def _curve_points(at) -> int:
    """How many points the test curve of the lab's accuracy chart (Vega-Lite) has."""
    cat = load_catalogue("en")
    (acc,) = [s for s in chart_specs(at) if chart_title(s) == cat[f"{NS}.acc_title"]]
    return sum(r.get("series") == cat[f"{NS}.test"] for r in vega_rows(acc))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_without_exception_in_both_languages(lang):
    """Test that the page renders, titled in the chosen language, with no error."""
    at = page_test(NS, {"lang": lang, **FAST})
    assert not at.exception and not at.error
    assert load_catalogue(lang)[f"{NS}.intro"][:20] in texts(at)


def test_start_trains_and_the_curves_move():
    """Test that Start and a few reruns train the session's model and add curve points."""
    at = page_test(NS, FAST)
    before = _curve_points(at)
    _train(at)
    tr = live_trainer(at, NS)
    assert tr.step > 0 and not at.exception
    assert _curve_points(at) > before == 1
    assert load_catalogue("en")[f"{NS}.full_test"].split("(")[0] in texts(at)


def test_training_accumulates_and_a_remedy_changes_live():
    """Test that a later run continues the same model, and moving dropout reaches it live."""
    at = _train(page_test(NS, FAST))
    tr, steps = live_trainer(at, NS), live_trainer(at, NS).step
    at.slider(key=f"{NS}.dropout").set_value(0.5).run()
    _train(at, reruns=1)
    assert live_trainer(at, NS) is tr and tr.step > steps
    assert tr.learners[0].remedies.dropout == 0.5


def test_restore_best_shows_the_checkpoints_test_accuracy():
    """Test that "Restore best" loads the checkpoint and reports its whole-split accuracy."""
    at = _train(page_test(NS, FAST))
    at.button(key=f"{NS}.restore").click().run()
    best = live_trainer(at, NS).learners[0].best
    assert not at.exception
    assert any(f"step {best.step}" in s.value for s in at.success)


def test_race_steps_both_models_on_one_chart():
    """Test that the race trains A and B together and draws both on one chart."""
    at = page_test(NS, {**FAST, f"{NS}.mode": "race"})
    _train(at, f"{NS}.race", reruns=2)
    tr = live_trainer(at, f"{NS}.race")
    a, b = tr.learners
    assert tr.step > 0 and len(a.history.steps) == len(b.history.steps)
    title = load_catalogue("en")[f"{NS}.race_title"]
    (race,) = [s for s in chart_specs(at) if chart_title(s) == title]
    names = {r["series"] for r in vega_rows(race)}
    assert sum(n.startswith("A ·") for n in names) == 2
    assert sum(n.startswith("B ·") for n in names) == 2
    for name in names:  # each curve has one point per evaluation
        assert sum(r["series"] == name for r in vega_rows(race)) == len(a.history.steps)


@pytest.mark.parametrize(
    "query", [{f"{NS}.n_train": "0"}, {f"{NS}.n_train": "999999"}, {f"{NS}.seed": "abc"}]
)
def test_bad_url_values_get_a_message_not_a_traceback(query):
    """Test that a training size of 0, one larger than the bundle, or garbage get a warning that
    names the setting by its on-screen label."""
    at = page_test(NS, {**FAST, **query})
    assert not at.exception
    field = next(iter(query)).split(".")[-1]
    assert url_notice_labels(at) == [load_catalogue("en")[f"{NS}.{field}"]]


def test_sweep_mode_renders_its_button():
    """Test that the sweep view renders with its button and no result yet."""
    at = page_test(NS, {**FAST, f"{NS}.mode": "sweep"})
    assert not at.exception
    assert at.button(key=f"{NS}.sweep") is not None


def test_early_stopping_pauses_training_and_says_where():
    """Test that when patience runs out the run pauses and the page names the step."""
    at = page_test(NS, {**FAST, f"{NS}.patience": "1", f"{NS}.lr": "0.02"})
    at.button(key=f"{NS}.live.btn_start").click().run()
    tr = live_trainer(at, NS)
    for _ in range(30):
        if tr.early_stop_at is not None:
            break
        at.run()
    at.run()
    assert tr.early_stop_at is not None and not at.exception
    assert not at.session_state[f"{NS}.live.run"].running
    assert any(f"step **{tr.early_stop_at}**" in m.value for m in at.markdown)


def _too_big_app():
    """A page that asks the lab's builder for more digits than a 300-digit bundle holds."""
    import numpy as np

    from vizlib.core.mnist import MnistData
    from vizlib.lessons.overfitting.models import NetSpec
    from vizlib.lessons.overfitting.trainer import Trainer
    from vizlib.lessons.overfitting.view_lab import build

    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (300, 28, 28), dtype=np.uint8)
    small = MnistData(
        x, np.arange(300, dtype=np.uint8) % 10, x[:20], np.arange(20, dtype=np.uint8) % 10
    )
    build("overfitting", ("sig",), lambda: Trainer(small, [NetSpec("mlp", 16, 1)], 280, 0))


def test_more_digits_than_the_bundle_gets_a_translated_message():
    """Test that the builder turns InputError into the catalogue's message, not a traceback."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_too_big_app, default_timeout=30).run()
    assert not at.exception
    expected = load_catalogue("en")[f"{NS}.err.too_many"].format(n=280, hi=250, bundle=300)
    assert [e.value for e in at.error] == [expected]


def test_presenter_mode_folds_the_lab_caption():
    """Test that with ?present=1 the lab's long caption is folded into an expander."""
    start = load_catalogue("en")[f"{NS}.lab_caption"].split("{")[0]
    plain = page_test(NS, FAST)
    assert any(c.value.startswith(start) for c in plain.caption)
    at = page_test(NS, FAST | {"present": "1"})
    assert not at.exception
    assert not any(c.value.startswith(start) for c in at.caption)
    assert any(m.value.startswith(start) for e in at.expander for m in e.markdown)
