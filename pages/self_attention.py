"""Self-attention lesson: every stage of softmax(QKᵀ/√d_k)·V, multi-head, positional encoding."""

from vizlib.lessons.self_attention.view import show

show()
