"""Test the gradient-descent page in AppTest: race charts, controls, bad input, 2/L, live fit."""

import base64

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.apptest import chart_specs, chart_title, page_test, texts, vega_rows
from tests.lessons.gradient_descent.gd_reference import CURRICULUM_X, CURRICULUM_Y, torch_loss

NS = "gradient_descent"


def _spec(at, title_start):
    """The plotly spec whose title starts with `title_start`."""
    for s in chart_specs(at):
        if str(s.get("layout", {}).get("title", {}).get("text", "")).startswith(title_start):
            return s
    raise AssertionError(f"no chart titled {title_start!r}")


def _arr(v):
    """A plotly JSON array (a list, or a typed array {"dtype", "bdata"}) as numpy."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
    return np.asarray(v, dtype=float)


def _lines(spec):
    return {d["name"]: d for d in spec["data"] if d.get("mode") == "lines"}


def test_default_race_draws_one_path_per_racer():
    """Test that the default page races SGD, Momentum and Adam on the contour and loss charts."""
    at = page_test(NS)
    assert not at.exception
    contour = _spec(at, "The race on the loss surface")
    assert contour["data"][0]["type"] == "contour"
    assert sorted(_lines(contour)) == ["Adam", "Momentum", "SGD"]
    assert sorted(_lines(_spec(at, "Loss J(θ) against step"))) == ["Adam", "Momentum", "SGD"]
    shown = texts(at) + " ".join(w.label for w in at.slider) + str(chart_specs(at))
    assert f"{NS}." not in shown  # no untranslated key leaks onto the page


def test_step_slider_and_toggle_change_the_paths():
    """Test that the view slider cuts the paths, Nesterov joins the race, 3-D appears."""
    at = page_test(NS)
    at.slider(key=f"{NS}.view").set_value(10)
    at.toggle(key=f"{NS}.use_nesterov").set_value(True)
    at.toggle(key=f"{NS}.show_3d").set_value(True)
    at.run()
    surface3d = _spec(at, "The loss surface in 3-D")
    assert surface3d["data"][0]["type"] == "surface"
    lines = _lines(_spec(at, "The race on the loss surface, step 10"))
    assert "Nesterov" in lines
    assert all(len(_arr(d["x"])) == 11 for d in lines.values())


def test_sgd_path_on_the_bowl_matches_torch_sgd():
    """Test that the drawn SGD path on the curriculum bowl equals torch.optim.SGD's positions."""
    at = page_test(
        NS,
        {
            f"{NS}.surface": "bowl",
            f"{NS}.start": "-1, 4",
            f"{NS}.steps": "20",
            f"{NS}.lr_sgd": "0.05",
        },
    )
    sgd = _lines(_spec(at, "The race on the loss surface"))["SGD"]
    p = torch.tensor([-1.0, 4.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.05)
    ref = [p.detach().numpy().copy()]
    for _ in range(20):
        opt.zero_grad()
        torch_loss("bowl", p).backward()
        opt.step()
        ref.append(p.detach().numpy().copy())
    ref = np.array(ref)
    np.testing.assert_allclose(_arr(sgd["x"]), ref[:, 0], atol=1e-10)
    np.testing.assert_allclose(_arr(sgd["y"]), ref[:, 1], atol=1e-10)


@pytest.mark.parametrize("text", ["hello", "inf, 0", "1e9, 2", "1, 2, 3"])
def test_bad_typed_start_point_shows_message_and_still_draws(text):
    """Test that text, infinity, huge values or a wrong count as the start give a clear error."""
    at = page_test(NS)
    at.text_input(key=f"{NS}.start").input(text)
    at.run()
    assert not at.exception
    assert any("start point" in e.value for e in at.error)
    assert _lines(_spec(at, "The race on the loss surface"))


def test_bad_regression_data_shows_message():
    """Test that unequal x/y counts on the linear-regression surface give a clear error."""
    at = page_test(
        NS, {f"{NS}.surface": "linreg", f"{NS}.data_x": "1, 2, 3", f"{NS}.data_y": "1, 2"}
    )
    assert not at.exception
    assert any("same number of values" in e.value for e in at.error)


def test_threshold_is_2_over_largest_hessian_eigenvalue_and_divergence_is_explained():
    """Test that 2/L shown equals torch's Hessian-derived value and lr above it is flagged."""
    at = page_test(NS, {f"{NS}.cond": "20", f"{NS}.angle": "10", f"{NS}.steps": "300"})
    h = torch.autograd.functional.hessian(
        lambda p: torch_loss("quadratic", p, cond=20.0, angle=10.0), torch.zeros(2).double()
    )
    two_over_l = 2.0 / torch.linalg.eigvalsh(h)[-1].item()
    shown = {m.label: m.value for m in at.metric}
    assert float(shown["threshold 2/L"]) == pytest.approx(two_over_l, rel=1e-3)
    assert not any("diverged" in e.value for e in at.error)
    at.number_input(key=f"{NS}.lr_sgd").set_value(round(1.1 * two_over_l, 4))
    at.run()
    assert any("SGD diverged at step" in e.value for e in at.error)
    contour = _spec(at, "The race on the loss surface")
    assert any(d.get("marker", {}).get("symbol") == "x" for d in contour["data"])


def test_preset_loads_the_curriculum_regression():
    """Test that the linear-regression preset switches surface, start and learning rate."""
    at = page_test(NS)
    at.button(key=f"{NS}.p.linreg").click()
    at.run()
    assert at.selectbox(key=f"{NS}.surface").value == "linreg"
    assert at.number_input(key=f"{NS}.lr_sgd").value == pytest.approx(0.01)
    assert (
        "θ₀ (intercept)"
        in _spec(at, "The race on the loss surface")["layout"]["xaxis"]["title"]["text"]
    )


def test_live_fit_trains_towards_least_squares_and_keeps_progress():
    """Test that Start trains the line across reruns and θ moves towards torch's lstsq answer."""
    at = page_test(NS, {f"{NS}.fit_lr": "0.1"})
    at.button(key=f"{NS}.fit.live.btn_start").click()
    at.run()
    for _ in range(4):
        at.run()
    fit = [s for s in chart_specs(at) if chart_title(s) == "The data and the fitted line"][0]
    line = [r for r in vega_rows(fit) if r["series"] == "gradient descent"]
    x = torch.tensor(CURRICULUM_X, dtype=torch.float64)
    a = torch.stack([torch.ones_like(x), x], dim=1)
    exact = torch.linalg.lstsq(a, torch.tensor(CURRICULUM_Y).double().unsqueeze(1)).solution
    gx, gy = [r["x"] for r in line], [r["y"] for r in line]
    theta1 = (gy[1] - gy[0]) / (gx[1] - gx[0])
    theta0 = gy[0] - theta1 * gx[0]
    start_loss = F.mse_loss(torch.zeros(4).double(), torch.tensor(CURRICULUM_Y).double()).item()
    now = F.mse_loss(theta0 + theta1 * x, torch.tensor(CURRICULUM_Y).double()).item()
    assert now < start_loss / 10
    assert abs(theta1 - exact[1].item()) < abs(0.0 - exact[1].item())
    assert "step 0 of" not in texts(at)
    shown = {m.label: m.value for m in at.metric}
    assert float(shown["θ₁ (slope) now"]) == pytest.approx(theta1, rel=1e-3)
    assert float(shown["MSE now"]) == pytest.approx(now, rel=0.05, abs=1e-9)  # plain text
    ls0, ls1 = (float(v) for v in shown["exact least squares (θ₀, θ₁)"].strip("()").split(","))
    assert (ls0, ls1) == pytest.approx((exact[0].item(), exact[1].item()), abs=1e-3)


def test_live_fit_divergence_pauses_with_explanation():
    """Test that a far too large fit learning rate stops training with the divergence message."""
    at = page_test(NS, {f"{NS}.fit_lr": "1.0"})
    at.button(key=f"{NS}.fit.live.btn_start").click()
    at.run()
    for _ in range(3):
        at.run()
    assert not at.exception
    assert any("diverged" in e.value and "2/L" in e.value for e in at.error)


def test_chinese_labels():
    """Test that ?lang=zh translates this page's own labels and chart titles."""
    at = page_test(NS, {"lang": "zh"})
    assert any(s["layout"]["title"]["text"].startswith("损失曲面上的比赛") for s in chart_specs(at))
    assert at.selectbox(key=f"{NS}.surface").label == "损失曲面"


def test_schedule_and_seeded_noise_change_the_path_reproducibly():
    """Test that a cosine schedule and gradient noise change SGD's path, and the seed fixes it."""
    base = {f"{NS}.surface": "bowl", f"{NS}.steps": "30", f"{NS}.lr_sgd": "0.05"}

    def sgd_path(extra):
        at = page_test(NS, {**base, **extra})
        assert not at.exception
        d = _lines(_spec(at, "The race on the loss surface"))["SGD"]
        return np.stack([_arr(d["x"]), _arr(d["y"])], axis=1)

    plain = sgd_path({})
    cosine = sgd_path({f"{NS}.schedule": "cosine"})
    noisy = sgd_path({f"{NS}.noise": "0.5", f"{NS}.seed": "1"})
    assert not np.allclose(plain, cosine) and not np.allclose(plain, noisy)
    np.testing.assert_array_equal(noisy, sgd_path({f"{NS}.noise": "0.5", f"{NS}.seed": "1"}))
    assert not np.allclose(noisy, sgd_path({f"{NS}.noise": "0.5", f"{NS}.seed": "2"}))
