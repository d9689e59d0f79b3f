"""Test the convolution lesson's behaviour in AppTest (numbers checked against torch)."""

from __future__ import annotations

import base64
import io
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from tests.apptest import chart_specs, page_test, texts
from vizlib.lessons.convolution.config import ConvolutionConfig as C
from vizlib.lessons.convolution.conv import KERNELS


def _t(x) -> torch.Tensor:
    return torch.tensor(np.asarray(x, dtype=float))[None, None]


def _decode(z) -> np.ndarray:
    """Plotly JSON array: nested lists, or a typed array {"dtype", "bdata", "shape"}."""
    if isinstance(z, dict):
        flat = np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"]))
        shape = [int(n) for n in str(z.get("shape", flat.size)).split(",")]
        return flat.astype(float).reshape(shape)
    return np.array([[np.nan if v is None else v for v in row] for row in z], dtype=float)


def _grid(at, title_start: str) -> np.ndarray:
    """The heatmap values of the chart whose title starts with `title_start` (padding = nan)."""
    for spec in chart_specs(at):
        title = spec.get("layout", {}).get("title", {}).get("text", "")
        if title.startswith(title_start):
            return _decode(spec["data"][0]["z"])
    raise AssertionError(f"no chart titled {title_start!r}")


def _default_matrix() -> np.ndarray:
    text = C().matrix
    return np.array([[float(v) for v in r.split(",")] for r in text.split(";")])


def test_default_feature_map_matches_torch_conv2d():
    """Test that the default page shows the feature map F.conv2d gives (Sobel x, valid)."""
    at = page_test("convolution")
    assert not at.exception
    want = F.conv2d(_t(_default_matrix()), _t(KERNELS["sobel_x"]))[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want)


def test_stride_slider_changes_output_size_and_values():
    """Test that stride 2 gives torch's strided output and the size formula shows its size."""
    at = page_test("convolution")
    at.slider(key="convolution.stride").set_value(2).run()
    want = F.conv2d(_t(_default_matrix()), _t(KERNELS["sobel_x"]), stride=2)[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want)
    assert f"= {want.shape[0]}" in texts(at)


def test_cnn_explainer_edge_case_preset():
    """Test that the 4x4, p=1, k=3, s=2 preset shows torch's output, padding included."""
    at = page_test("convolution")
    at.button(key="convolution._preset.edge_case").click().run()
    x = np.arange(1, 17, dtype=float).reshape(4, 4)
    want = F.conv2d(_t(x), _t(KERNELS["x"]), stride=2, padding=1)[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want)
    shown = _grid(at, "Input")
    assert shown.shape == (6, 6) and np.isnan(shown[0]).all()  # one ring of padding


def test_x_kernel_same_preset_matches_torch_same():
    """Test that the X kernel on the X image with "same" padding equals F.conv2d(padding="same")."""
    at = page_test("convolution")
    at.button(key="convolution._preset.x_same").click().run()
    x = KERNELS["x"]
    want = F.conv2d(_t(x), _t(x), padding="same")[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want)


def test_step_slider_shows_the_sum_at_that_cell():
    """Test that moving the position slider fills the formula with torch's value at that cell."""
    at = page_test("convolution")
    before = texts(at)
    at.slider(key="convolution.pos").set_value(5).run()
    want = F.conv2d(_t(_default_matrix()), _t(KERNELS["sobel_x"]))[0, 0].numpy()
    i, j = divmod(5, want.shape[1])
    assert texts(at) != before
    assert any(f"y_{{{i},{j}}}" in e.value and f"= {want[i, j]:g}" in e.value for e in at.latex)


def test_max_pool_stride_2_preset_states_dropped_edge():
    """Test that 2x2 max pooling at stride 2 over 1..9 equals torch and says an edge is dropped."""
    at = page_test("convolution")
    at.button(key="convolution._preset.pool_s2").click().run()
    x = np.arange(1, 10, dtype=float).reshape(3, 3)
    want = F.max_pool2d(_t(x), 2, stride=2)[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Pooled output"), want)
    assert any("last 1 row(s) and 1 column(s)" in i.value for i in at.info)
    at.button(key="convolution._preset.pool_s1").click().run()
    want = F.max_pool2d(_t(x), 2, stride=1)[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Pooled output"), want)
    assert any("every input row and column is covered" in i.value for i in at.info)


def test_average_pooling_matches_torch():
    """Test that average pooling of the feature map equals F.avg_pool2d of torch's conv output."""
    at = page_test("convolution")
    at.radio(key="convolution.pool_mode").set_value("avg").run()
    feature = F.conv2d(_t(_default_matrix()), _t(KERNELS["sobel_x"]))
    want = F.avg_pool2d(feature, 2, stride=2)[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Pooled output"), want)


def test_nonsense_matrix_text_shows_an_error():
    """Test that ragged or non-numeric matrix text gives an error message, not a traceback."""
    at = page_test("convolution")
    at.text_input(key="convolution.matrix").set_value("1,2;3").run()
    assert not at.exception and any("Row 2 has 1 cells" in e.value for e in at.error)
    at.text_input(key="convolution.matrix").set_value("1,hello;3,4").run()
    assert any("“hello” is not a number" in e.value for e in at.error)


def test_table_edit_with_bad_cell_shows_an_error():
    """Test that typing text into a table cell is reported with its row and column."""
    at = page_test("convolution", run=False)
    text = "1,2;3,4"
    at.query_params["convolution.matrix"] = text
    key = f"convolution._editor.matrix.{zlib.crc32(text.encode())}"
    at.session_state[key] = {"edited_rows": {1: {"0": "abc"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert any("Row 2, column 1" in e.value for e in at.error)


def test_window_too_big_explains_no_output():
    """Test that a 5x5 kernel with dilation 3 on a 3x3 valid input says there is no output."""
    at = page_test(
        "convolution", {"convolution.matrix": "1,2,3;4,5,6;7,8,9", "convolution.dilation": "3"}
    )
    assert not at.exception
    assert any("does not fit" in e.value for e in at.error)


def test_bad_custom_kernel_shape_shows_an_error():
    """Test that a custom 3x3 kernel typed as 2x2 is refused with a message."""
    at = page_test(
        "convolution", {"convolution.kernel": "custom3", "convolution.custom3": "1,2;3,4"}
    )
    assert not at.exception
    assert any("must be 3×3" in e.value for e in at.error)


def test_pool_padding_more_than_half_is_refused():
    """Test that pooling padding above half the window is refused as torch does."""
    at = page_test("convolution", {"convolution.pool_size": "2", "convolution.pool_pad": "2"})
    assert not at.exception
    assert any("more than half" in e.value for e in at.error)


def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr.astype(np.uint8)).save(buf, format="PNG")
    return buf.getvalue()


def test_upload_convolves_image_and_rejects_non_images():
    """Test that an uploaded PNG is convolved and a text file gets an error."""
    at = page_test("convolution", {"convolution.source": "image"})
    assert any("Upload an image" in i.value for i in at.info)
    img = np.zeros((10, 10))
    img[:, 5:] = 255
    at.file_uploader(key="convolution._upload").set_value(("a.png", _png(img), "image/png")).run()
    want = F.conv2d(_t(img / 255.0), _t(KERNELS["sobel_x"]))[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want, atol=1e-12)
    at.file_uploader(key="convolution._upload").set_value(("a.png", b"hello", "image/png")).run()
    assert not at.exception and any("not an image" in e.value for e in at.error)


def test_mnist_digit_source_shows_28x28_input():
    """Test that the MNIST source shows a 28x28 digit and a 26x26 valid feature map."""
    at = page_test("convolution", {"convolution.source": "mnist", "convolution.mnist_index": "7"})
    assert not at.exception
    assert _grid(at, "Input").shape == (28, 28)
    assert _grid(at, "Feature map").shape == (26, 26)


def test_garbage_matrix_in_url_falls_back_with_message():
    """Test that an unparsable matrix in the link shows an error instead of crashing."""
    at = page_test("convolution", {"convolution.matrix": ";;;x"})
    assert not at.exception and at.error


def test_same_padding_with_stride_2_matches_tf_rule_via_torch_pad():
    """Test that "same" at stride 2 gives ceil(n/s) outputs equal to F.pad + F.conv2d."""
    at = page_test(
        "convolution",
        {"convolution.pad_mode": "same", "convolution.stride": "2", "convolution.kernel": "blur"},
    )
    x = _default_matrix()
    n = x.shape[0]
    total = max((-(-n // 2) - 1) * 2 + 3 - n, 0)  # TensorFlow's SAME padding, derived here
    xp = F.pad(_t(x), (total // 2, total - total // 2) * 2)
    want = F.conv2d(xp, _t(KERNELS["blur"]), stride=2)[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want)
    assert any("TensorFlow" in i.value for i in at.info)


def test_table_edit_with_good_value_changes_the_feature_map():
    """Test that a valid cell edit in the table flows into the text, the link and the output."""
    text = "1,2,3;4,5,6;7,8,9"
    at = page_test("convolution", {"convolution.matrix": text}, run=False)
    key = f"convolution._editor.matrix.{zlib.crc32(text.encode())}"
    at.session_state[key] = {"edited_rows": {0: {"0": "10"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    x = np.arange(1, 10, dtype=float).reshape(3, 3)
    x[0, 0] = 10
    want = F.conv2d(_t(x), _t(KERNELS["sobel_x"]))[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want)
    assert at.text_input(key="convolution.matrix").value == "10,2,3;4,5,6;7,8,9"
    assert at.query_params["convolution.matrix"] == "10,2,3;4,5,6;7,8,9"


def test_upload_with_huge_dimensions_is_refused():
    """Test that a small PNG declaring 10000x10000 pixels gets a clear message, not a crash."""
    buf = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buf, format="PNG")
    at = page_test("convolution", {"convolution.source": "image"})
    at.file_uploader(key="convolution._upload").set_value(("big.png", buf.getvalue(), "image/png"))
    at.run()
    assert not at.exception and any("too large to open safely" in e.value for e in at.error)


def test_padded_average_pooling_counts_the_zeros_like_torch():
    """Test that padded average pooling equals F.avg_pool2d (count_include_pad) and says so."""
    at = page_test(
        "convolution",
        {
            "convolution.pool_input": "input",
            "convolution.pool_mode": "avg",
            "convolution.pool_pad": "1",
            "convolution.pool_stride": "1",
        },
    )
    want = F.avg_pool2d(_t(_default_matrix()), 2, stride=1, padding=1)[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Pooled output"), want)
    assert "count_include_pad" in texts(at)


def test_draw_source_prompts_until_something_is_drawn():
    """Test that the drawing source renders its canvas and asks for a drawing, no exception."""
    at = page_test("convolution", {"convolution.source": "draw"})
    assert not at.exception and not at.error
    assert any("Draw" in i.value for i in at.info)


def test_pool_edge_rules_from_a_link_match_torch_and_are_stated():
    """Test that ?convolution.pool_edge=ceil / =pad pools 1..9 (2×2, stride 2) as torch does
    (ceil_mode=True; −∞ padding) and says which edge rule is used; a link without the field keeps
    floor mode."""
    x = np.arange(1, 10, dtype=float).reshape(3, 3)
    query = {
        "convolution.matrix": "1,2,3;4,5,6;7,8,9",
        "convolution.pool_input": "input",
        "convolution.pool_stride": "2",
    }
    ceil = F.max_pool2d(_t(x), 2, stride=2, ceil_mode=True)[0, 0].numpy()
    padded = F.max_pool2d(F.pad(_t(x), (0, 1, 0, 1), value=-np.inf), 2, stride=2)[0, 0].numpy()
    for edge, want, words in (("ceil", ceil, "ceil_mode=True"), ("pad", padded, "−∞")):
        at = page_test("convolution", {**query, "convolution.pool_edge": edge})
        assert not at.exception and at.radio(key="convolution.pool_edge").value == edge
        np.testing.assert_allclose(_grid(at, "Pooled output"), want)
        assert any(words in i.value for i in at.info)
    old = page_test("convolution", query)  # a link made before the edge rule existed
    assert old.radio(key="convolution.pool_edge").value == "floor"
    np.testing.assert_allclose(
        _grid(old, "Pooled output"), F.max_pool2d(_t(x), 2, stride=2)[0, 0].numpy()
    )
    assert C.from_query({})[0].pool_edge == "floor"


def test_back_and_next_buttons_step_the_position_with_the_arrow_keys():
    """Test that Next/Back move the conv position by one (never past the ends) and carry the
    → / ← shortcuts, which a walkthrough in the URL takes over."""
    at = page_test("convolution")
    nxt, back = "convolution._nav.convolution.pos.next", "convolution._nav.convolution.pos.back"
    assert at.button(key=back).disabled and not at.button(key=nxt).disabled
    keys = (at.button(key=nxt).proto.shortcut, at.button(key=back).proto.shortcut)
    assert [k.lower() for k in keys] == ["right", "left"]
    at.button(key=nxt).click().run()
    at.button(key=nxt).click().run()
    assert at.slider(key="convolution.pos").value == 2
    at.button(key=back).click().run()
    assert at.slider(key="convolution.pos").value == 1
    assert not at.button(key="convolution._nav.convolution.pool_pos.next").proto.shortcut
    toured = page_test("convolution", {"tour": "convolution", "step": "1"})
    assert not toured.exception and not toured.button(key=nxt).proto.shortcut


def test_presenter_mode_folds_the_size_legend():
    """Test that with ?present=1 the output-size legend sits in a folded expander, and without
    it is a plain caption."""
    legend = "n: input size"
    plain = page_test("convolution")
    assert any(c.value.startswith(legend) for c in plain.caption)
    shown = page_test("convolution", {"present": "1"})
    assert not shown.exception
    assert any(any(c.value.startswith(legend) for c in e.caption) for e in shown.expander)


def test_presenter_mode_folds_the_formulas_and_keeps_the_step_view():
    """Test that with present=1 the size, sum and pooling formulas fold into expanders (the step
    sum still filled in), the feature map is still torch's, and the cell numbers are set large."""
    at = page_test("convolution", {"present": "1"})
    assert not at.exception
    assert [e.label for e in at.expander][:3] == [
        "Output size",
        "Sum of the products plus the bias",
        "The pooled value at this position",
    ]
    want = F.conv2d(_t(_default_matrix()), _t(KERNELS["sobel_x"]))[0, 0].numpy()
    np.testing.assert_allclose(_grid(at, "Feature map"), want)
    assert any(f"= {want[0, 0]:g}" in e.value for e in at.latex)
    assert chart_specs(at)[1]["layout"]["font"]["size"] >= 18
    assert [e.label for e in page_test("convolution").expander] == ["Share these settings"]
