"""Test the character-models walkthrough: its shape, its links, its texts, and its answer keys
computed by training the page's own trainers (same classes, seeds and settings, fewer steps)."""

import copy

import pytest
import torch

from tests.apptest import page_test
from vizlib.core.config import format_value
from vizlib.lessons.char_models.config import CharModelsConfig
from vizlib.lessons.char_models.probe import next_probs, sample
from vizlib.lessons.char_models.tour import TOUR
from vizlib.lessons.char_models.trainer import bigram_val_loss, make_trainer

NAME = CharModelsConfig.__name__
LSTM_STEPS = 100  # the page trains up to 20 000 steps; the answers hold after far fewer
SNAPSHOT = 50  # a learner may look at the samples early: check the model at this step too
LOOP = 40  # "repeats itself": the sample's last 100 characters repeat with a period up to this


def _cfg(step_id: str) -> CharModelsConfig:
    return TOUR.configs_at(TOUR.index(step_id), revealed=True)[NAME]


def _page_trainer(cfg: CharModelsConfig, data):
    """The trainer as view.session_trainer builds it, with the live settings applied."""
    tr = make_trainer(cfg.model_spec(data.vocab.size), data, cfg.seed, lr=cfg.lr,
                      batch=cfg.batch, smoothing=cfg.smoothing, dropout=cfg.dropout)  # fmt: skip
    tr.set_live(cfg.lr, cfg.batch, cfg.smoothing, cfg.dropout)
    return tr


def _sample(cfg: CharModelsConfig, model, data, sample_seed: int) -> list[int]:
    """The page's samples (view._sample_text at rest): n_chars ids after a line break."""
    gen = torch.Generator().manual_seed(sample_seed)
    return sample(model, data.vocab.encode("\n"), cfg.n_chars, cfg.seq_len, cfg.temperature, gen)


def _loops(text: str) -> bool:
    """Whether the text ends in a loop: its last 100 characters repeat with a short period."""
    tail = text[-100:]
    return any(tail[p:] == tail[:-p] for p in range(1, LOOP + 1))


@pytest.fixture(scope="module")
def lstm_run(names):
    """The LSTM of the step "beat_bigram" after LSTM_STEPS steps, and copies of it untrained and
    after SNAPSHOT steps (a link may open the greedy step before any training)."""
    cfg = _cfg("beat_bigram")
    assert cfg.corpus == "names" and cfg.model == "lstm"
    tr = _page_trainer(cfg, names)
    models = {"untrained": copy.deepcopy(tr.model)}
    for _ in range(SNAPSHOT):
        tr.train_step()
    models["early"] = copy.deepcopy(tr.model)
    for _ in range(LSTM_STEPS - SNAPSHOT):
        tr.train_step()
    models["late"] = tr.model
    return tr, models


def test_every_step_opened_as_a_link_draws_the_page():
    """Test that each step's settings (after Reveal), opened as a link, draw the page with no
    exception or error, and that the page holds every value the walkthrough set."""
    for k in range(len(TOUR.steps)):
        query = TOUR.query_at(k, revealed=True)
        at = page_test("char_models", query)
        assert not at.exception and not at.error, (k, [e.value for e in at.error])
        held = {key: format_value(at.session_state[key]) for key in query}
        assert held == query, k


def test_the_lstm_gets_below_the_bigram_line(names, lstm_run):
    """Test that the trained LSTM's validation loss falls below the bigram line ("below")."""
    step = TOUR.steps[TOUR.index("beat_bigram")]
    tr, _ = lstm_run
    line = bigram_val_loss(names, 1.0)  # the chart's "bigram" line (view.bundled_bigram)
    # cross-entropy of the model on the validation windows, recomputed with F.cross_entropy
    with torch.no_grad():
        logits = tr.model.eval()(tr.val_x)
    val = float(torch.nn.functional.cross_entropy(logits.flatten(0, 1), tr.val_y.flatten()))
    assert val == pytest.approx(tr.evaluate(), rel=1e-6)
    verdict = "below" if val < line - 0.01 else "on" if val < line + 0.01 else "above"
    assert verdict == step.answer
    assert tr.history.val[0] > line  # it starts above the line: the prediction is not trivial


@pytest.mark.parametrize("which", ["untrained", "early", "late"])
def test_temperature_zero_repeats_itself(names, lstm_run, which):
    """Test that at T = 0 the samples are the argmax path (torch argmax), the same for every
    sample seed, and end in a short loop; at the step's T before the change they do not."""
    step = TOUR.steps[TOUR.index("greedy")]
    cfg = _cfg("greedy")
    before = TOUR.configs_at(TOUR.index("greedy"))[NAME]
    assert cfg.temperature == 0.0 < before.temperature
    model = lstm_run[1][which]
    greedy = [_sample(cfg, model, names, seed) for seed in (0, 1, 7)]
    assert greedy[0] == greedy[1] == greedy[2]
    # the argmax path, re-reading the whole history at each character
    ids = names.vocab.encode("\n")
    for _ in range(40):
        ids.append(int(next_probs(model, ids, cfg.seq_len, 1.0).argmax()))
    assert greedy[0][:40] == ids[1:]
    text = names.vocab.decode(greedy[0])
    varied = names.vocab.decode(_sample(before, model, names, before.sample_seed))
    verdict = "repeat" if _loops(text) and not _loops(varied) else "same"
    assert verdict == step.answer


def test_counting_pairs_ends_on_the_bigram_line_above_the_lstm(names, lstm_run):
    """Test that the bigram counter, run to its own end, lands on the bigram line, above the
    LSTM's validation loss and well below the uniform line ("on_line")."""
    step = TOUR.steps[TOUR.index("counting")]
    cfg = _cfg("counting")
    assert cfg.model == "bigram"
    tr = _page_trainer(cfg, names)
    while tr.step < tr.max_steps:  # the page's bound for the bigram: trainer.max_steps
        tr.train_step()
    end, line = tr.evaluate(), bigram_val_loss(names, cfg.smoothing)
    lstm = lstm_run[0].evaluate()
    uniform = float(torch.log(torch.tensor(float(names.vocab.size))))
    if end == pytest.approx(line, rel=1e-6) and lstm < end < uniform - 0.5:
        verdict = "on_line"
    elif end < lstm:
        verdict = "below_lstm"
    else:
        verdict = "uniform"
    assert verdict == step.answer
