"""Test the backprop page with AppTest: stepping, update, badge, bad input, deep gradients."""

import json

import torch

from tests.apptest import chart_specs, page_test, texts
from vizlib.lessons.backprop.charts_latex import num


def _preset_torch():
    """The 2-2-2 preset computed independently with torch: loss, new W1 and the new loss."""
    w1 = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
    w2 = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
    b1 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    b2 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    y = torch.tensor([0.0, 1.0], dtype=torch.float64)

    def loss_of():
        return 0.5 * ((torch.sigmoid(w2 @ torch.sigmoid(w1 @ x + b1) + b2) - y) ** 2).sum()

    loss = loss_of()
    loss.backward()
    torch.optim.SGD([w1, w2, b1, b2], lr=0.1).step()
    with torch.no_grad():
        new_loss = loss_of()
    return loss.item(), w1.detach(), new_loss.item()


def _to_end(at):
    at.button(key="backprop.end").click()
    return at.run()


def test_page_renders_with_badge_and_no_error():
    """Test that the default page renders, shows step 0 and the autograd-agrees badge."""
    at = page_test("backprop")
    assert not at.exception and not at.error
    assert "Step 0 of 10" in texts(at)
    assert any("autograd agrees" in s.value for s in at.success)


def test_next_walks_forward_and_back():
    """Test that Next shows neuron 1's z formula, Next again changes it, and Back returns."""
    at = page_test("backprop")
    at.button(key="backprop.next").click()
    at.run()
    first = [x.value for x in at.latex]
    assert "Step 1 of 10" in texts(at) and any("= 5" in v for v in first)
    at.button(key="backprop.next").click()
    at.run()
    assert [x.value for x in at.latex] != first
    at.button(key="backprop.back").click()
    at.run()
    assert [x.value for x in at.latex] == first


def test_stepping_to_the_end_shows_the_update_and_new_loss():
    """Test that the last step shows old → new weights and the new loss that torch computes."""
    old_loss, n1, new_loss = _preset_torch()
    at = _to_end(page_test("backprop"))
    assert "Step 10 of 10" in texts(at)
    values = [m.value for m in at.metric]
    assert num(old_loss, 6) in values and num(new_loss, 6) in values
    table = at.dataframe[0].value
    assert abs(table.iloc[0, 2] - n1[0, 0].item()) < 1e-9
    assert any(b.key == "backprop.apply" for b in at.button)


def test_apply_update_writes_new_weights_and_lowers_loss():
    """Test that Apply update puts the torch-computed new W1 in the text box and restarts."""
    _, n1, _ = _preset_torch()
    at = _to_end(page_test("backprop"))
    at.button(key="backprop.apply").click()
    at.run()
    w1 = at.text_input(key="backprop.w1").value
    rows = [[float(v) for v in r.split(",")] for r in w1.split(";")]
    assert torch.allclose(torch.tensor(rows, dtype=torch.float64), n1, atol=1e-9)
    assert "Step 0 of 10" in texts(at) and at.success  # the "update applied" note


def test_bad_weight_text_shows_a_message():
    """Test that a non-number in W1 gives an error naming W1 and the token, not a traceback."""
    at = page_test("backprop")
    at.text_input(key="backprop.w1").input("1, 2; 3, oops").run()
    assert not at.exception
    assert any("W1" in e.value and "oops" in e.value for e in at.error)


def test_growing_a_layer_refits_the_weights():
    """Test that setting 3 neurons in layer 1 keeps a valid network (W1 becomes 3 rows)."""
    at = page_test("backprop")
    at.slider(key="backprop.size1").set_value(3).run()
    assert not at.exception and not at.error
    assert at.text_input(key="backprop.w1").value.count(";") == 2
    assert "Step 0 of 12" in texts(at)


def test_bad_expression_shows_the_message():
    """Test that a dunder or huge exponent in the expression is refused with a clear message."""
    at = page_test("backprop")
    at.text_input(key="backprop.expr").input("a.__class__").run()
    assert not at.exception
    assert any("double underscores" in e.value for e in at.error)
    at.text_input(key="backprop.expr").input("a ** 1000").run()
    assert any("too large" in e.value for e in at.error)


def test_expression_graph_changes_with_the_expression():
    """Test that the scalar graph shows torch's gradient of tanh(a*b + c) at the given values."""
    at = page_test("backprop")
    a, b, c = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (2, -1, 0.5))
    torch.tanh(a * b + c).backward()
    table = at.dataframe[-1].value
    assert abs(table.iloc[0, 2] - a.grad.item()) < 1e-12
    at.text_input(key="backprop.expr").input("a*a + a*b").run()
    assert any("two outgoing edges" in i.value for i in at.info)


def test_deep_preset_changes_the_gradient_chart():
    """Test that the ReLU + He preset changes the per-layer gradient norms drawn."""
    at = page_test("backprop")
    before = json.dumps(chart_specs(at)[0]["data"])
    at.button(key="backprop.pd.relu_he").click()
    at.run()
    assert not at.exception
    assert json.dumps(chart_specs(at)[0]["data"]) != before


def test_random_weights_button_uses_the_seed():
    """Test that Random weights fills W1/W2 from the seed, and another seed gives other weights."""
    at = page_test("backprop")
    at.button(key="backprop.randomize").click()
    at.run()
    first = at.text_input(key="backprop.w1").value
    assert first != "1, 2; 3, 4" and not at.error
    assert at.text_input(key="backprop.x").value == "1, 2"  # inputs and targets are kept
    at.number_input(key="backprop.seed").set_value(7).run()
    at.button(key="backprop.randomize").click()
    at.run()
    assert at.text_input(key="backprop.w1").value != first and not at.error


def test_text_boxes_count_up_to_their_parsers_limit():
    """Test that each text box's max_chars (its "/N" counter) equals its parser's limit."""
    from vizlib.lessons.backprop.expr_parser import MAX_LEN
    from vizlib.lessons.backprop.net_text import MAX_TEXT

    at = page_test("backprop")
    limits = {f"backprop.{k}": MAX_LEN for k in ("expr", "values")}
    limits |= {f"backprop.{k}": MAX_TEXT for k in ("x", "y", "w1", "b1", "w2", "b2")}
    for key, limit in limits.items():
        assert at.text_input(key=key).proto.max_chars == limit, key


def test_bce_link_shows_torchs_loss_and_update_in_both_languages():
    """Test that ?backprop.loss=bce (a shareable link) selects sigmoid + binary cross-entropy and
    shows torch's loss before and after one SGD step, with its convention, in en and zh."""
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    w1 = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
    w2 = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
    b1 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    b2 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    y = torch.tensor([0.0, 1.0], dtype=torch.float64)

    def loss_of():
        out = torch.sigmoid(w2 @ torch.sigmoid(w1 @ x + b1) + b2)
        return torch.nn.functional.binary_cross_entropy(out, y)

    loss = loss_of()
    loss.backward()
    torch.optim.SGD([w1, w2, b1, b2], lr=0.1).step()
    with torch.no_grad():
        new_loss = loss_of().item()
    at = _to_end(page_test("backprop", {"backprop.loss": "bce"}))
    assert not at.exception and not at.error
    assert at.selectbox(key="backprop.loss").value == "bce"
    values = [m.value for m in at.metric]
    assert num(loss.item(), 6) in values and num(new_loss, 6) in values
    assert "binary cross-entropy" in texts(at)
    assert any("autograd agrees" in s.value for s in at.success)
    # (a rerun with widget state under zh trips AppTest's label lookup, so zh is checked as loaded)
    zh = page_test("backprop", {"backprop.loss": "bce", "lang": "zh"})
    assert not zh.exception and not zh.error and "二元交叉熵" in texts(zh)


def test_presenter_mode_folds_the_settings_and_draws_the_graph_large():
    """Test that with present=1 the shape and number settings start folded, the step-through
    graph is drawn with larger text and tighter layers, and Next still walks it."""
    at = page_test("backprop", {"present": "1"})
    assert not at.exception and not at.error
    folded = {e.label: e.proto.expanded for e in at.expander}
    assert (
        folded["Network shape"] is False
        and folded["Numbers (type them; rows separated by ;)"] is False
    )
    dot = at.get("graphviz_chart")[0].proto.spec
    assert "fontsize=16" in dot and "ranksep=0.5" in dot
    at.button(key="backprop.next").click()
    at.run()
    assert "Step 1 of 10" in texts(at)
    normal = page_test("backprop")
    assert "fontsize=10" in normal.get("graphviz_chart")[0].proto.spec
    assert all(e.proto.expanded for e in normal.expander[:2])
