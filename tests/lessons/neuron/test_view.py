"""Test the neuron lesson's behaviour in AppTest."""

from tests.apptest import chart_specs, page_test, texts, values


def test_moving_a_weight_changes_the_numbers():
    """Test that moving w1 changes z and the filled-in formula."""
    at = page_test("neuron")
    before = texts(at)
    at.slider(key="neuron.w1").set_value(-2.0).run()
    assert texts(at) != before
    assert not at.exception


def test_worked_example_button_loads_the_preset():
    """Test that the saturated preset sets the sliders and shows the saturation warning."""
    at = page_test("neuron")
    at.button(key="neuron.p.saturated").click().run()
    assert at.slider(key="neuron.x1").value == 4.0
    assert any("saturated" in w.value for w in at.warning)


def test_activation_choice_changes_the_chart():
    """Test that choosing tanh redraws f with tanh's values (range -1..1)."""
    at = page_test("neuron")
    at.selectbox(key="neuron.act").set_value("tanh").run()
    f_trace = chart_specs(at)[0]["data"][0]
    assert values(f_trace["y"]).min() < -0.9


def test_url_reproduces_the_settings():
    """Test that a link with settings opens with those slider values."""
    at = page_test("neuron", {"neuron.x1": "-1.5", "neuron.act": "relu", "neuron.n_inputs": "3"})
    assert at.slider(key="neuron.x1").value == -1.5
    assert at.selectbox(key="neuron.act").value == "relu"
    assert at.slider(key="neuron.x3") is not None


def test_presenter_mode_folds_the_formula_and_enlarges_the_chart_text():
    """Test that with present=1 the formula box moves into an expander under the chart, the
    sliders still work, and the chart's text is set large; without it, no expander."""
    at = page_test("neuron", {"present": "1"})
    assert [e.label for e in at.expander] == ["The formula, with the current numbers"]
    assert chart_specs(at)[0]["layout"]["font"]["size"] >= 18
    at.slider(key="neuron.w1").set_value(-2.0).run()
    assert not at.exception
    normal = page_test("neuron")
    assert not normal.expander and "font" not in chart_specs(normal)[0]["layout"]
