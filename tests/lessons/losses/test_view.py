"""Test the loss lesson's behaviour in AppTest."""

from tests.apptest import chart_specs, page_test, texts


def test_editing_predictions_changes_the_loss():
    """Test that typing new predictions changes the shown loss."""
    at = page_test("losses")
    before = at.metric[0].value
    at.text_input(key="losses.mse_pred").input("2, 3, 4").run()
    assert at.metric[0].value != before and float(at.metric[0].value) == 0.0


def test_nonsense_text_shows_a_message():
    """Test that non-numeric predictions give a clear error, not an exception."""
    at = page_test("losses")
    at.text_input(key="losses.mse_pred").input("one, two, three").run()
    assert not at.exception
    assert at.error and "one" in at.error[0].value


def test_cross_entropy_preset_switches_loss():
    """Test that the CE worked example switches to cross-entropy with its inputs."""
    at = page_test("losses")
    at.button(key="losses.p.ce_curriculum").click().run()
    assert at.radio(key="losses.kind").value == "ce"
    assert "log" in texts(at)


def test_logits_mode_shows_softmax_gradient():
    """Test that switching CE to logits shows the logit gradient column."""
    at = page_test(
        "losses", {"losses.kind": "ce", "losses.ce_input": "logits", "losses.ce_true": "0, 1, 0"}
    )
    assert not at.exception and not at.error
    assert "softmax" in texts(at) or at.dataframe


def test_presenter_mode_folds_the_formula_and_keeps_the_inputs_working():
    """Test that with present=1 the formula box moves into an expander, the charts' text is set
    large, and typing predictions still changes the loss; without it, no expander."""
    at = page_test("losses", {"present": "1"})
    assert [e.label for e in at.expander] == ["The formula, with the current numbers"]
    assert all(spec["layout"]["font"]["size"] >= 18 for spec in chart_specs(at))
    at.text_input(key="losses.mse_pred").input("2, 3, 4").run()
    assert float(at.metric[0].value) == 0.0 and not at.exception
    assert not page_test("losses").expander
