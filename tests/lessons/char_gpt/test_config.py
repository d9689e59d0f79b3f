"""Test the character-level GPT lesson's config: what resets the model and what changes live."""

from vizlib.lessons.char_gpt.config import CharGPTConfig


def test_char_config_signature_ignores_live_settings():
    """Test that lr, temperature and the prompt do not reset the model; the corpus does."""
    base = CharGPTConfig()
    assert CharGPTConfig(lr=0.01, temperature=1.5, prompt="x").signature() == base.signature()
    assert CharGPTConfig(corpus="shakespeare").signature() != base.signature()
    assert CharGPTConfig(n_head=3, d_model=64).width() == 63
