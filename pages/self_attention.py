"""Self-attention lesson: every stage of softmax(QKᵀ/√d_k)·V, multi-head, positional encoding."""

from vizlib.lessons.self_attention.tour import TOUR
from vizlib.lessons.self_attention.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
