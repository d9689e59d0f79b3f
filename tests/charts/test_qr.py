"""Tests of the teacher's-link QR code: it decodes back to the link."""

from __future__ import annotations

import io

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from vizlib.charts.qr import MAX_LINK, qr_png

LINKS = [
    "http://127.0.0.1:8501/playground?playground.lr=3.0&hide=playground.seed,lr&present=1",
    "https://example.org/char_gpt?lang=zh&tour=char_gpt&step=3&char_gpt.prompt=%E4%BD%A0%E5%A5%BD",
]


@pytest.mark.parametrize("link", LINKS)
def test_the_qr_code_decodes_back_to_the_link(link):
    """Test that a maintained decoder (zxing-cpp) reads the PNG back as exactly the link."""
    image = Image.open(io.BytesIO(qr_png(link))).convert("L")
    found = zxingcpp.read_barcodes(np.asarray(image))
    assert [r.text for r in found] == [link]


def test_a_link_too_long_for_a_code_is_refused():
    """Test that a link past the bound raises a clear ValueError rather than a huge code."""
    with pytest.raises(ValueError, match="too long"):
        qr_png("x" * (MAX_LINK + 1))
