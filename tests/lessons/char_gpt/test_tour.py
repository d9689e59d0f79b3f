"""Test the character-level GPT walkthrough: sound steps, URL round trips, texts, and answer keys
computed with the page's own trainer, sampler and probabilities, checked against torch."""

import math
from functools import cache

import numpy as np
import torch
from torch.nn import functional as F

from vizlib.core.char_lm import next_char_probs, sample, uniform_loss, windows
from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.char_gpt.tour import TOUR
from vizlib.lessons.char_gpt.trainer import build_trainer
from vizlib.lessons.char_gpt.view import MAX_STEPS
from vizlib.ui.assets import corpus_text

configure_torch(1)
CHECKPOINTS = (0, 150)  # training steps at which the temperature answers are checked
GRAM = 8  # a sample repeats itself when few of its 8-character pieces are distinct


def _cfg(step_id: str, revealed: bool = True):
    return TOUR.configs_at(TOUR.index(step_id), revealed)["CharGPTConfig"]


def _answer(step_id: str) -> str:
    return TOUR.steps[TOUR.index(step_id)].answer


def _trainer(step_id: str):
    cfg = _cfg(step_id)
    trainer = build_trainer(cfg, corpus_text(cfg.corpus))  # as the page builds it
    trainer.set_hparams(cfg.hparams())
    return cfg, trainer


def _sample_text(trainer, cfg) -> str:
    """The page's sample when paused: n_chars characters after the prompt, drawn with the
    sample seed at the config's temperature."""
    ids = trainer.vocab.encode(cfg.prompt)
    out = sample(
        trainer.model,
        ids,
        cfg.n_chars,
        cfg.temperature,
        torch.Generator().manual_seed(cfg.sample_seed),
    )
    return trainer.vocab.decode(out)


@cache
def _checkpoints() -> list[dict]:
    """Train the page's model once; at each checkpoint keep the samples at the cold and the preset
    temperature and the prompt's next-character probabilities at the walkthrough's temperatures."""
    cfg, trainer = _trainer("cold")
    temps = {_cfg("names").temperature, _cfg("cold").temperature, _cfg("hot").temperature}
    out = []
    for stop in CHECKPOINTS:
        while trainer.step < stop:
            trainer.train_step()
        ids = trainer.vocab.encode(cfg.prompt)
        probs = {t: next_char_probs(trainer.model, ids, t) for t in temps}
        with torch.no_grad():
            logits, _ = trainer.model(torch.tensor([ids]))
        point = {"probs": probs, "logits": logits[0, -1]}
        point["cold"], point["preset"] = (_sample_text(trainer, _cfg(k)) for k in ("cold", "names"))
        out.append(point)
    return out


def _entropy(p: np.ndarray) -> float:
    return float(-(p * np.log(np.clip(p, 1e-30, None))).sum())


def test_the_tour_starts_with_a_set_up_and_its_checks_stay_in_the_pages_bound():
    """Test that the walkthrough opens with a set-up step and that the step counts its answer
    keys are checked at are within the page's bound (shared checks: tests/test_tours.py)."""
    assert TOUR.steps[0].kind == "setup"
    assert max(CHECKPOINTS) <= MAX_STEPS


def test_the_first_loss_is_about_ln_of_the_vocabulary_size():
    """Test that a fresh model's first training loss (F.cross_entropy on its first batch) is
    within 5% of ln(V), the loss of a uniform guess (F.cross_entropy of equal logits), because
    its predictions are close to uniform (their entropy is close to ln(V))."""
    cfg, trainer = _trainer("first_loss")
    v = trainer.vocab.size
    first = trainer.train_step()
    _, fresh = _trainer("first_loss")
    x, y = windows(fresh.train_data, cfg.block_size, cfg.batch_size, fresh.data_gen)
    fresh.model.train()
    logits, _ = fresh.model(x)
    torch_loss = F.cross_entropy(logits.reshape(-1, v), y.reshape(-1)).item()
    assert math.isclose(first, torch_loss, rel_tol=1e-5)
    uniform = F.cross_entropy(torch.zeros(1, v), torch.tensor([0])).item()
    assert math.isclose(uniform_loss(v), uniform, rel_tol=1e-6)
    assert _answer("first_loss") == "equal" and abs(first - uniform) < 0.05 * uniform
    p = F.softmax(logits, -1)  # (B, T, V): close to uniform, so its entropy is close to ln(V)
    entropy = -(p * p.log()).sum(-1).mean().item()
    assert entropy > 0.97 * uniform


def _distinct_grams(text: str) -> float:
    """The share of distinct GRAM-character pieces among all of them (1.0: nothing repeats)."""
    grams = [text[i : i + GRAM] for i in range(len(text) - GRAM + 1)]
    return len(set(grams)) / len(grams)


def test_a_very_low_temperature_makes_the_sample_repeat_itself():
    """Test that at the cold step's temperature the page's sample repeats itself (at most half of
    its 8-character pieces are distinct) from the start of training on, while at the preset's
    temperature the same model's sample hardly repeats at all."""
    assert _answer("cold") == "repeat" and _cfg("cold").temperature < _cfg("names").temperature
    for point in _checkpoints():
        assert _distinct_grams(point["cold"]) <= 0.5, point["cold"]
        assert _distinct_grams(point["preset"]) >= 0.9, point["preset"]


def test_a_high_temperature_flattens_the_bars_but_keeps_the_top_character():
    """Test that at the hot step's temperature the next-character probabilities (equal to
    torch's softmax of logits / T) are flatter than at the cold and preset temperatures, with the
    same most likely character."""
    hot, cold, preset = (_cfg(s).temperature for s in ("hot", "cold", "names"))
    assert _answer("hot") == "flatter" and hot > preset > cold
    for point in _checkpoints():
        probs = point["probs"]
        for t, p in probs.items():
            np.testing.assert_allclose(p, F.softmax(point["logits"] / t, -1).numpy(), atol=1e-6)
        for lower in (cold, preset):
            assert _entropy(probs[hot]) > _entropy(probs[lower])
            assert probs[hot].max() < probs[lower].max()
            assert probs[hot].argmax() == probs[lower].argmax()


def test_a_link_to_the_cold_step_and_reveal_set_the_temperature():
    """Test that `tour=char_gpt&step=3` keeps the preset's temperature until Reveal, which sets
    the cold one."""
    from tests.apptest import page_test

    at = page_test("char_gpt", {"tour": "char_gpt", "step": "3"})
    pick = "_tour.char_gpt.pick.cold"
    assert not at.exception
    assert at.slider(key="char_gpt.temperature").value == _cfg("cold", revealed=False).temperature
    at.radio(key=pick).set_value(_answer("cold")).run()
    at.button(key=pick + ".commit").click().run()
    at.button(key=pick + ".reveal").click().run()
    assert not at.exception
    assert at.slider(key="char_gpt.temperature").value == _cfg("cold").temperature
