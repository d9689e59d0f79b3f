"""'Your own digit' section of the CNN-on-MNIST lesson: draw or upload, see every preprocessing
stage, then the session's network's prediction and feature maps.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.core import digit_image as di
from vizlib.core.errors import InputError
from vizlib.lessons.cnn_mnist import charts as ch
from vizlib.lessons.cnn_mnist import view_live as views
from vizlib.lessons.cnn_mnist.config import CnnMnistConfig
from vizlib.lessons.cnn_mnist.trainer import CnnTrainer
from vizlib.ui import controls as ui
from vizlib.ui.formula import pitfall
from vizlib.ui.i18n import t
from vizlib.ui.plot import show_figure

C = CnnMnistConfig
NS = C.NS
CANVAS_SIDE = 280


def _canvas() -> np.ndarray | None:
    """A black drawing canvas with a thick white pen (MNIST's polarity); its RGBA pixels."""
    try:
        from streamlit_drawable_canvas import st_canvas
    except ImportError:  # optional component: the upload still works without it
        st.info(t("cnn_mnist.canvas_missing"))
        return None
    st.caption(t("cnn_mnist.canvas_help"))
    result = st_canvas(
        stroke_width=20,
        stroke_color="#FFFFFF",
        background_color="#000000",
        height=CANVAS_SIDE,
        width=CANVAS_SIDE,
        drawing_mode="freedraw",
        return_image_data=True,
        key=f"{NS}.canvas",
    )
    if result.image_data is None:
        st.info(t("cnn_mnist.canvas_prompt"))
    return result.image_data


def _upload() -> np.ndarray | None:
    """The uploaded image decoded to RGBA; raises InputError for a bad file."""
    up = st.file_uploader(
        t("cnn_mnist.upload"),
        key=f"{NS}.upload",
        help=t("cnn_mnist.upload_help", mb=di.MAX_BYTES // 2**20),
        max_upload_size=di.MAX_BYTES // 2**20,  # the browser refuses bigger files up front
    )
    if up is None:
        st.info(t("cnn_mnist.upload_prompt"))
        return None
    if up.size > di.MAX_BYTES:
        raise di.image_error("too_large_file")
    return di.decode_image(up.getvalue())


def _stages(prep: di.DigitPrep, mean: float, std: float) -> None:
    top, bottom, left, right = prep.bbox
    stages = [
        (prep.gray, t("cnn_mnist.stage_gray"), False),
        (prep.ink, t("cnn_mnist.stage_ink_inv" if prep.inverted else "cnn_mnist.stage_ink"), False),
        (prep.ink[top:bottom, left:right], t("cnn_mnist.stage_crop"), False),
        (
            prep.resized,
            t("cnn_mnist.stage_resize", h=prep.resized.shape[0], w=prep.resized.shape[1]),
            False,
        ),
        (prep.final, t("cnn_mnist.stage_centre"), False),
        (di.standardise(prep.final, mean, std), t("cnn_mnist.stage_norm"), True),
    ]
    cols = st.columns(len(stages))
    for i, (col, (img, title, signed)) in enumerate(zip(cols, stages, strict=True)):
        with col:
            fig = ch.digit_figure(img, title, signed=signed, height=180)
            show_figure(fig, key=f"{NS}.stage{i}")
    st.caption(t("cnn_mnist.stages_caption", mean=f"{mean:.4f}", std=f"{std:.4f}"))


def own_digit(trainer: CnnTrainer) -> None:
    """Draw or upload a digit; show the preprocessing, the prediction and the feature maps."""
    st.subheader(t("cnn_mnist.own_title"))
    st.caption(t("cnn_mnist.own_intro"))
    source = ui.radio(
        C, "own", t("cnn_mnist.own_source"), format_func=lambda s: t(f"cnn_mnist.own_sources.{s}")
    )
    try:
        img = _canvas() if source == "draw" else _upload()
        if img is None:
            return
        prep = di.preprocess(img)
    except InputError as err:
        if source == "draw" and err.key == "blank":
            st.info(t("cnn_mnist.canvas_prompt"))
        else:
            st.error(
                t(
                    f"cnn_mnist.errors.{err.key}",
                    mb=di.MAX_BYTES // 2**20,
                    side=di.MAX_SIDE,
                    min=di.MIN_SIDE,
                )
            )
        return
    _stages(prep, float(trainer.model.mean), float(trainer.model.std))
    st.caption(t("cnn_mnist.own_model", step=trainer.step))
    pitfall(t("cnn_mnist.pitfall_own"))
    views.probabilities(trainer.predict(prep.final[None])[0], "own_probs")
    with st.expander(t("cnn_mnist.own_maps")):
        views.feature_maps(trainer, prep.final, "own_maps")
