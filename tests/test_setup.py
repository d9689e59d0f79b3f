"""Test that the set-up the README promises is the one the repository's files carry out."""

import re
import tomllib

from tests.conftest import ROOT

CPU_INDEX = "--extra-index-url https://download.pytorch.org/whl/cpu"


def _test_command() -> str:
    """The command in the README's "Test it" section's code block that runs pytest."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Test it", 1)[1]
    section = section.split("\n## ", 1)[0]
    commands = re.findall(r"^(python -m pytest[^\n#]*)$", section, flags=re.M)
    assert len(commands) == 1, commands
    return commands[0].strip()


def test_ci_runs_exactly_the_readme_test_command():
    """Test that .ci/run's last command is the README's one test command."""
    lines = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text().splitlines()]
    code = [ln for ln in lines if ln and not ln.startswith("#")]
    assert code[-1] == _test_command()


def test_ci_keeps_its_venv_out_of_the_checkout():
    """Test that .ci/run never removes a folder in the checkout (a developer's .venv)."""
    text = (ROOT / ".ci" / "run").read_text()
    assert not re.search(r"(rm -r\w*|-m venv)\s+(\./)?\.venv", text)
    assert re.search(r'VENV="\$\(mktemp -d ', text)


def test_requirements_take_the_cpu_build_of_torch():
    """Test that requirements.txt names PyTorch's CPU index before pinning torch."""
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    code = [ln for ln in lines if ln and not ln.startswith("#")]
    assert code[0] == CPU_INDEX
    assert any(re.fullmatch(r"torch==[\d.]+", ln) for ln in code)


def test_shared_config_lets_streamlit_open_a_browser():
    """Test that .streamlit/config.toml does not force headless mode (servers in tests pass it)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert "headless" not in config.get("server", {})
