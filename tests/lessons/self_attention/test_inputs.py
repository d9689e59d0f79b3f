"""Test that typed attention input is tokenised, parsed and rejected with clear error codes."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.errors import InputError
from vizlib.lessons.self_attention.config import SelfAttentionConfig
from vizlib.lessons.self_attention.inputs import (
    MAX_TOKENS,
    attention_inputs,
    embed_tokens,
    format_matrix,
    parse_matrix,
    tokenize,
)


def test_tokenize_words_punctuation_and_chinese():
    """Test that words, punctuation and single CJK characters become tokens."""
    assert tokenize("The cat sat.") == ["The", "cat", "sat", "."]
    assert tokenize("猫坐在垫子上") == ["猫", "坐", "在", "垫", "子", "上"]
    assert tokenize("don't stop-now") == ["don't", "stop-now"]


@pytest.mark.parametrize(
    "text,code",
    [("", "empty"), ("   ", "empty"), ("a b c d e f g h i j k", "too_many"),
     ("hello @world", "odd_chars"), ("emoji 🙂", "odd_chars"), ("x" * 500, "too_long"),
     ("tab\x00null", "odd_chars")],
)  # fmt: skip
def test_tokenize_rejects_bad_text(text, code):
    """Test that empty, too long, too many tokens and odd characters raise the right code."""
    with pytest.raises(InputError) as err:
        tokenize(text)
    assert err.value.key == code


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=60))
def test_tokenize_never_crashes(text):
    """Test that any text either tokenises within the limit or raises InputError."""
    try:
        tokens = tokenize(text)
    except InputError:
        return
    assert 1 <= len(tokens) <= MAX_TOKENS


def test_parse_matrix_forms():
    """Test that row/column separators and brackets parse to the same matrix."""
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    for text in ("1,2;3,4", "1 2\n3 4", "[[1, 2], [3, 4]]", " 1, 2 ; 3 ,4 "):
        np.testing.assert_array_equal(parse_matrix(text), expected)
    np.testing.assert_array_equal(parse_matrix("1;2;3"), np.array([[1.0], [2.0], [3.0]]))


@pytest.mark.parametrize(
    "text,code",
    [("", "empty_matrix"), ("1,2;3", "ragged"), ("1,x", "bad_cell"), ("1,nan", "cell_range"),
     ("1e9", "cell_range"), (";".join(["1"] * 11), "too_many_rows"),
     (",".join(["1"] * 9), "too_many_cols")],
)  # fmt: skip
def test_parse_matrix_rejects_bad_cells(text, code):
    """Test that bad cells, ragged rows and oversize matrices raise the right code."""
    with pytest.raises(InputError) as err:
        parse_matrix(text)
    assert err.value.key == code


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 10), st.integers(1, 8), st.integers(0, 999))
def test_format_parse_round_trip(rows, cols, seed):
    """Test that format_matrix output parses back to the rounded matrix."""
    m = np.random.default_rng(seed).normal(size=(rows, cols)) * 3
    np.testing.assert_allclose(parse_matrix(format_matrix(m)), np.round(m, 2), atol=1e-12)


def test_embeddings_are_seeded_per_token():
    """Test that equal tokens share a row, seeds change rows, and shape is (T, d)."""
    e = embed_tokens(["the", "cat", "The"], 5, seed=0)
    assert e.shape == (3, 5)
    np.testing.assert_array_equal(e[0], e[2])
    assert not np.array_equal(e[0], e[1])
    assert not np.array_equal(e, embed_tokens(["the", "cat", "The"], 5, seed=1))
    np.testing.assert_array_equal(e, embed_tokens(["the", "cat", "The"], 5, seed=0))


def test_config_round_trips_and_rejects_garbage():
    """Test that the config round-trips through the URL and rejects out-of-range values."""
    cfg = SelfAttentionConfig(sentence="a b", temperature=0.5, causal=True, heads=4)
    back, bad = SelfAttentionConfig.from_query(cfg.to_query())
    assert back == cfg and bad == []
    _, bad = SelfAttentionConfig.from_query({"self_attention.heads": "99"})
    assert bad == ["self_attention.heads"]


def test_attention_inputs_sentence_mode_projects_embeddings():
    """Test that sentence mode gives Q = x·W_q etc. and identity weights give Q = K = V = x."""
    cfg = SelfAttentionConfig(sentence="a b c", d_model=3, d_k=2, seed=4)
    inp = attention_inputs(cfg)
    assert inp.labels == ["a", "b", "c"] and inp.q.shape == (3, 2)
    np.testing.assert_allclose(inp.q, inp.x @ inp.w[0])
    ident = attention_inputs(dataclasses.replace(cfg, weights="identity"))
    np.testing.assert_array_equal(ident.q, ident.x)
    np.testing.assert_array_equal(ident.v, ident.x)


def test_attention_inputs_custom_embeddings_and_matrices():
    """Test typed embeddings and typed Q/K/V, including the curriculum preset read both ways."""
    cfg = SelfAttentionConfig(sentence="a b", emb="custom", emb_text="1,0,2;0,1,3")
    assert attention_inputs(cfg).x.shape == (2, 3)
    one = attention_inputs(SelfAttentionConfig(source="matrices"))
    assert one.q.shape == (1, 3) and one.labels == ["#1"]
    three = attention_inputs(
        SelfAttentionConfig(source="matrices", q_text="1;2;3", k_text="4;5;6", v_text="7;8;9")
    )
    assert three.q.shape == (3, 1) and three.v[:, 0].tolist() == [7.0, 8.0, 9.0]


@pytest.mark.parametrize(
    "kw,code",
    [({"emb": "custom", "emb_text": "1,2"}, "emb_rows"), ({"sentence": ""}, "empty"),
     ({"source": "matrices", "k_text": "1,2"}, "qk_cols"),
     ({"source": "matrices", "v_text": "1;2"}, "kv_rows"),
     ({"source": "matrices", "q_text": "a"}, "bad_cell")],
)  # fmt: skip
def test_attention_inputs_errors(kw, code):
    """Test that mismatched typed shapes raise the matching error code."""
    with pytest.raises(InputError) as err:
        attention_inputs(SelfAttentionConfig(**kw))
    assert err.value.key == code
