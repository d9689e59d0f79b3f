"""Test the deep-RL walkthrough: sound steps, URL round trips, texts, and computed answer keys."""

import gymnasium as gym
import numpy as np
import torch

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.deep_q.agents import TabularQ
from vizlib.lessons.deep_q.cartpole import ENV_ID, CartPoleDQN, evaluate_greedy
from vizlib.lessons.deep_q.gridworld import GridWorld, make_world
from vizlib.lessons.deep_q.planning import model_of, shortest_steps, value_iteration
from vizlib.lessons.deep_q.tour import TOUR
from vizlib.lessons.deep_q.view_cartpole import EVAL_EPISODES, EVAL_SEED
from vizlib.lessons.deep_q.view_grid import MAX_STEPS

configure_torch()
QUICK = 50  # "falls within a few dozen steps" (the time limit is 500)
DIRECTIONS = ("up", "right", "down", "left")  # the world's action order


def _answer(step_id: str) -> str:
    return TOUR.steps[TOUR.index(step_id)].answer


def _grid(step_id: str):
    """The grid config and its world once the step is revealed, as the page builds them."""
    cfg = TOUR.configs_at(TOUR.index(step_id), revealed=True)["GridConfig"]
    return cfg, make_world(cfg.layout, cfg.step_reward, cfg.slip)


def _optimal_move(step_id: str, cell: tuple[int, int]) -> str:
    """The optimal action in `cell` by value iteration, the page's 'Exact V*' arrows."""
    cfg, world = _grid(step_id)
    key = value_iteration(model_of(world), cfg.gamma)
    s = world.index()[cell]
    best = np.flatnonzero(key.q[s] >= key.q[s].max() - 1e-9)
    assert len(best) == 1, "a tie would make the arrow ambiguous"
    return DIRECTIONS[int(best[0])]


def _greedy_path(q: np.ndarray, world: GridWorld) -> list[tuple[int, int]]:
    """The cells the greedy policy of q visits from the start (slip off), at most 100 moves."""
    mv, term, s = world.moves(), world.terminal(), world.start
    path = [world.cells[s]]
    while not term[s] and len(path) < 100:
        s = int(mv[s, int(q[s].argmax())])
        path.append(world.cells[s])
    return path


def test_the_tour_starts_with_a_set_up():
    """Test that the walkthrough opens with a set-up step (the shared checks are in
    tests/test_tours.py)."""
    assert TOUR.steps[0].kind == "setup"


def test_a_costly_step_sends_the_cell_below_the_pit_into_it():
    """Test that with the costly step reward, V*'s arrow below the pit is the stated one."""
    cfg, world = _grid("costly")
    below_pit = (2, 3)
    assert world.rows[1][3] == "P" and cfg.step_reward < -0.04
    assert _optimal_move("costly", below_pit) == _answer("costly")
    assert _optimal_move("classic", below_pit) == "left"  # the set-up step walks round it


def test_free_moves_make_the_cell_left_of_the_pit_hide_from_a_slip():
    """Test that with free moves the cell left of the pit points the stated way (and did not
    before the change)."""
    cfg, world = _grid("free")
    left_of_pit = (1, 2)
    assert world.rows[1][3] == "P" and cfg.slip > 0 and cfg.step_reward == 0.0
    assert _optimal_move("free", left_of_pit) == _answer("free")
    assert _optimal_move("classic", left_of_pit) == "up"


def test_q_learning_on_the_cliff_takes_the_edge_path():
    """Test that the page's tabular agent, trained within the page's step bound, keeps a greedy
    path from S that is as short as possible and runs along the cliff edge."""
    cfg, world = _grid("cliff")
    assert cfg.agent == "q" and _answer("cliff") == "edge"
    agent = TabularQ(world, cfg.seed)  # as the page builds it
    agent.hp = cfg.hparams()
    fewest, edge_row = shortest_steps(world)[world.start], world.shape[0] - 2
    checked = 0
    for t in range(1, MAX_STEPS + 1):
        agent.train_step()
        if t >= 2000 and t % 1000 == 0:
            path = _greedy_path(agent.q, world)
            assert world.rows[path[-1][0]][path[-1][1]] == "G", t
            assert len(path) - 1 == fewest, t
            assert all(i == edge_row for i, _ in path[1:-1]), t
            checked += 1
    assert checked == MAX_STEPS // 1000 - 1


def test_an_untrained_cartpole_net_drops_the_pole_quickly():
    """Test that the page's greedy evaluation of a fresh CartPole network ends every episode
    within a few dozen steps."""
    cfg = TOUR.configs_at(TOUR.index("cartpole"), revealed=True)["CartPoleConfig"]
    assert TOUR.configs_at(TOUR.index("cartpole"))["GridConfig"].mode == "cartpole"
    agent = CartPoleDQN(cfg.cp_seed, cfg.cp_hidden, cfg.cp_buffer)
    lengths = evaluate_greedy(agent.net, EVAL_EPISODES, EVAL_SEED + cfg.cp_seed)
    assert _answer("cartpole") == "quick" and lengths.max() < QUICK


def test_an_untrained_cartpole_net_mostly_pushes_one_way():
    """Test that in the page's evaluation episodes the fresh network's greedy action is nearly
    always the same one (why the pole falls at once)."""
    cfg = TOUR.configs_at(TOUR.index("cartpole"), revealed=True)["CartPoleConfig"]
    net = CartPoleDQN(cfg.cp_seed, cfg.cp_hidden, cfg.cp_buffer).net
    actions = []
    for k in range(EVAL_EPISODES):
        env = gym.make(ENV_ID)
        obs, done = env.reset(seed=EVAL_SEED + cfg.cp_seed + k)[0], False
        while not done:
            with torch.no_grad():
                actions.append(int(net(torch.from_numpy(obs).view(1, -1)).argmax()))
            obs, _, term, trunc, _ = env.step(actions[-1])
            done = term or trunc
        env.close()
    assert np.bincount(actions).max() >= 0.9 * len(actions)


def test_a_link_to_the_costly_step_loads_it_and_reveal_applies_the_change():
    """Test that `tour=deep_q&step=2` shows the classic world's settings, and that committing an
    answer and pressing Reveal sets the step reward to the revealed value."""
    from tests.apptest import page_test

    at = page_test("deep_q", {"tour": "deep_q", "step": "2"})
    pick = "_tour.deep_q.pick.costly"
    assert not at.exception and at.slider(key="deep_q.step_reward").value == -0.04
    at.radio(key=pick).set_value(_answer("costly")).run()
    at.button(key=pick + ".commit").click().run()
    at.button(key=pick + ".reveal").click().run()
    want = TOUR.configs_at(TOUR.index("costly"), revealed=True)["GridConfig"].step_reward
    assert not at.exception and at.slider(key="deep_q.step_reward").value == want
    assert at.success  # the stated answer was picked, so the verdict is "right"
