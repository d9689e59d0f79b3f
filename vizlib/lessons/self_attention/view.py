"""Self-attention lesson: every stage of softmax(QKᵀ/√d_k)·V, multi-head, positional encoding."""

from vizlib.core.attention_input import SelfAttentionConfig as Cfg
from vizlib.core.attention_input import attention_inputs
from vizlib.ui import controls as ui
from vizlib.ui import pg_self_attention as pg
from vizlib.ui import pg_self_attention_more as more
from vizlib.ui.page import page_header

page_header("self_attention")
ui.url_notice(Cfg)
pg.keep_state()
pg.input_controls()
cfg = pg.current_config()
inputs = pg.inputs_or_error(cfg, attention_inputs)
if inputs is not None:
    pg.stages_section(cfg, inputs)
more.multihead_section(inputs)
more.positional_section(inputs)
ui.share_box(ui.read_config(Cfg))
