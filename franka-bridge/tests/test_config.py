"""Configuration: every key checked, every problem listed with key, value and accepted range."""

from __future__ import annotations

import pytest
from conftest import MODULE

from franka_bridge import config as configs


@pytest.mark.parametrize("name", ["kinematic.example.toml", "franky.example.toml", "polymetis.example.toml"])
def test_the_example_configs_are_valid(name):
    c = configs.load(MODULE / "config" / name)
    assert c.robot.driver == name.split(".")[0]
    assert c.listen_host_port() == ("127.0.0.1", 50061)


def test_all_problems_are_listed_at_once(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text(
        """
[server]
listen = "localhost"
[robot]
driver = "ur5"
[safety]
workspace_min_m = [0.5, 0.0, 0.0]
workspace_max_m = [0.4, 0.3, 0.5]
max_translation_delta_m = 0.5
max_rotation_delta_rad = "big"
tabel_z_m = 0.0
[driver.franky]
relative_dynamics_factor = 2.0
[camera]
source = "webcam"
[security]
tls_cert = "cert.pem"
"""
    )
    with pytest.raises(configs.ConfigError) as e:
        configs.load(f)
    problems = e.value.problems
    assert "safety.max_rotation_delta_rad = 'big': expected a finite number" in problems
    assert any(p.startswith("safety.tabel_z_m: unknown key; known: workspace_min_m") for p in problems)
    assert len(problems) == 2  # type and name problems first; ranges once the types are right
    f.write_text(f.read_text().replace('"big"', "0.3").replace("tabel_z_m", "table_z_m"))
    with pytest.raises(configs.ConfigError) as e:
        configs.load(f)
    assert e.value.problems == [
        "server.listen = 'localhost': expected HOST:PORT",
        "robot.driver = 'ur5': one of kinematic, franky, polymetis",
        "safety.workspace_min_m[0] (x) = 0.5: must be below workspace_max_m[0] = 0.4",
        "safety.max_translation_delta_m = 0.5: must be in [0.0001, 0.25]",
        "driver.franky.relative_dynamics_factor = 2.0: must be in [0.01, 1.0]",
        "camera.source = 'webcam': one of none, opencv",
        "security.tls_cert/tls_key = ('cert.pem', ''): give both (TLS on) or neither (plaintext)",
        "security.tls_cert = 'cert.pem': must name a readable file",
    ]
    assert str(e.value).startswith(f"{f}: 8 problem(s) in the configuration:\n  - server.listen")


def test_bad_toml_and_unknown_sections(tmp_path):
    f = tmp_path / "x.toml"
    f.write_text("[server\nlisten = 1")
    with pytest.raises(configs.ConfigError, match="not valid TOML"):
        configs.load(f)
    f.write_text("[srever]\nlisten = '127.0.0.1:1'\nport = 3\n")
    with pytest.raises(configs.ConfigError) as e:
        configs.load(f)
    assert e.value.problems == ["[srever]: unknown section; known: server, robot, state, safety, driver.kinematic, "
                                "driver.franky, driver.polymetis, camera, security, admin"]


def test_command_line_overrides_win(tmp_path):
    c = configs.load(MODULE / "config" / "kinematic.example.toml", listen="0.0.0.0:0", driver="franky")
    assert (c.server.listen, c.robot.driver) == ("0.0.0.0:0", "franky")
    assert c.listen_host_port() == ("0.0.0.0", 0)


def test_the_kinematic_start_pose_must_lie_in_the_box():
    with pytest.raises(configs.ConfigError) as e:
        configs.from_dict({"driver": {"kinematic": {"start_pose": [0.9, 0, 0.3, 3.14, 0, 0]}}})
    assert e.value.problems == ["driver.kinematic.start_pose[0] (x) = 0.9: must lie in the workspace box [0.3, 0.7]"]


def test_describe_prints_every_key_as_toml():
    import tomllib

    text = configs.describe(configs.load(MODULE / "config" / "franky.example.toml"))
    parsed = tomllib.loads(text)
    assert parsed["driver"]["franky"]["relative_dynamics_factor"] == 0.1
    assert parsed["server"]["workers"] == 16  # a default shown too
    assert configs.from_dict(parsed).franky.host == "172.16.0.2"
