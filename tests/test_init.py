"""`monitor init`: a commented config that loads as written, and never over an existing file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from monitor.cli import EXIT_OK, EXIT_USAGE, main
from monitor.config import load_config
from monitor.sources import PROFILES


def test_init_writes_a_config_that_loads(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "monitor.toml"
    assert main(["init", str(path)]) == EXIT_OK
    assert f"wrote {path}" in capsys.readouterr().out
    config = load_config(str(path))
    assert sorted(s.name for s in config.sources) == sorted(PROFILES)
    (watch,) = config.watches
    assert (watch.name, watch.company, watch.city) == ("xiaomi-sf", "Xiaomi", "San Francisco")
    assert config.notify_urls == ()  # examples only: alerts print until the user picks targets
    text = path.read_text(encoding="utf-8")
    # Email and Slack examples are there, commented out.
    assert '# "mailtos://' in text and '# "slack://' in text
    assert "\n# [[notify.targets]]" in text
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 20


def test_uncommenting_the_examples_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    assert main(["init", str(path)]) == EXIT_OK
    text = path.read_text(encoding="utf-8")
    text = text.replace('    # "mailtos://', '    "mailtos://').replace('    # "slack://',
                                                                   '    "slack://')
    for key in ("timeout = 10", "max_attempts = 8", "user_agent_contact", "[[notify.targets]]",
                'url = "mailtos', 'tags = ["details"]', 'digest = "daily"'):
        text = text.replace(f"# {key}", key)
    path.write_text(text, encoding="utf-8")
    assert tomllib.loads(text)["notify"]["urls"][1].startswith("slack://")
    config = load_config(str(path))
    assert len(config.notify_urls) == 2
    assert config.notify.targets[0].tags == ("details",)


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text("# mine\n", encoding="utf-8")
    assert main(["init", str(path)]) == EXIT_USAGE
    assert "already exists; not overwritten" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "# mine\n"


def test_init_into_a_folder_and_by_default_here(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["init", str(tmp_path)]) == EXIT_OK
    assert (tmp_path / "monitor.toml").is_file()
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["init"]) == EXIT_OK
    assert (here / "monitor.toml").is_file()
    assert main(["init", str(tmp_path / "missing" / "monitor.toml")]) == EXIT_USAGE
