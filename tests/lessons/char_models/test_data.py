"""Test the text checks, the vocabulary and the 90/10 split of the character-model lesson."""

import pytest
import torch

from vizlib.core.char_lm import CharVocab
from vizlib.core.errors import InputError
from vizlib.lessons.char_models.data import (
    MAX_PASTE,
    encode_corpus,
    split_text,
    validate_prefix,
    validate_text,
)

PROSE = "the quick brown fox jumps over the lazy dog.\n" * 10


def _key(text: str) -> str:
    with pytest.raises(InputError) as err:
        validate_text(text)
    return err.value.key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("a" * 5000, "one_char"),
        ("x" * (10 * 1024 * 1024), "too_long"),
        (bytes(range(256)).decode("latin-1") * 40, "binary"),
        ("\x00\x01\x02ab" * 100, "binary"),
        ("".join(chr(0x4E00 + i) for i in range(400)), "vocab"),
        ("ab" * 20, "too_short"),
    ],
)
def test_bad_text_gets_a_named_reason(text, key):
    """Test that empty, repeated, huge, binary, wide and tiny texts each get their own reason."""
    assert _key(text) == key


def test_good_text_passes_with_crlf_normalised():
    """Test that ordinary prose passes and Windows line ends become plain line breaks."""
    assert validate_text(PROSE.replace("\n", "\r\n")) == PROSE
    assert len(validate_text("a" * (MAX_PASTE - 1) + "b")) == MAX_PASTE


def test_prefix_outside_vocab_and_too_long_get_messages():
    """Test that a prefix with unknown characters or over the limit raises InputError."""
    vocab = CharVocab.from_text("abc\n")
    with pytest.raises(InputError) as err:
        validate_prefix("abZ!", vocab, 10)
    assert err.value.key == "prefix_unknown" and "Z" in err.value.detail["chars"]
    with pytest.raises(InputError) as err:
        validate_prefix("a" * 11, vocab, 10)
    assert err.value.key == "prefix_long"
    assert validate_prefix("ab\\nc", vocab, 10) == vocab.encode("ab\nc")
    assert validate_prefix("", vocab, 10) == []


def test_names_split_is_90_10_by_whole_names_and_disjoint(names_text, names):
    """Test that the names split keeps whole names, 90/10, none in both halves, all used."""
    train = names.vocab.decode(names.train).split("\n")
    val = names.vocab.decode(names.val).split("\n")
    train, val = [s for s in train if s], [s for s in val if s]
    all_names = [s for s in names_text.split("\n") if s]
    assert sorted(train + val) == sorted(all_names)
    assert not set(train) & set(val)
    assert len(train) == round(0.9 * len(all_names))
    assert names.vocab.size == 27  # 26 letters and the line break, from the text itself
    assert set(names.vocab.chars) == set(names_text)


def test_running_text_split_is_one_cut():
    """Test that running text is cut once at 90%, so the halves join back into the text."""
    a, b = split_text(PROSE, False, torch.Generator().manual_seed(0))
    assert a + b == PROSE and len(a) == int(0.9 * len(PROSE))
    data = encode_corpus(PROSE, lines=False)
    assert data.vocab.decode(data.train) + data.vocab.decode(data.val) == PROSE
