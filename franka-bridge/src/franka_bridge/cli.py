"""franka-bridge's command line: serve, check, status, recover.

Exit status: 0 on success (and after SIGTERM/SIGINT: the arm is stopped first), 1 when the robot,
the port or the admin socket fails, 2 for a bad command line or configuration (nothing started).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from franka_bridge import config as configs

LOG = logging.getLogger("franka_bridge")

EPILOG = """\
examples:
  franka-bridge serve --config franka-bridge/config/kinematic.example.toml
  franka-bridge serve --config /etc/franka-bridge/franky.toml --listen 0.0.0.0:50061
  franka-bridge check --config /etc/franka-bridge/franky.toml
  franka-bridge recover --config /etc/franka-bridge/franky.toml

Configuration keys: franka-bridge/README.md. Point the service at the bridge with
`robot.source: bridge` and `robot.bridge.address: HOST:PORT`.
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="franka-bridge",
        description="The latentmpc.bridge.v1 robot bridge for a Franka Panda or FR3.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--config", required=True, metavar="FILE.toml", help="bridge configuration (TOML)")
        sp.add_argument("--listen", metavar="HOST:PORT", help="overrides server.listen (port 0 = any free port)")
        sp.add_argument("--driver", choices=configs.DRIVERS, help="overrides robot.driver")

    serve = sub.add_parser("serve", help="serve the robot over gRPC until SIGTERM/SIGINT")
    common(serve)
    serve.add_argument(
        "--ready-file",
        metavar="PATH",
        help="once serving, atomically write the bound HOST:PORT here",
    )
    serve.add_argument("--check", action="store_true", help="print the effective configuration and exit")
    serve.add_argument("--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    check = sub.add_parser("check", help="validate the configuration and print the effective one")
    common(check)
    status = sub.add_parser("status", help="ask a running bridge (admin socket) whether a robot error is latched")
    status.add_argument("--config", required=True, metavar="FILE.toml")
    recover = sub.add_parser(
        "recover", help="after a robot error: run the robot's error recovery and allow motion again"
    )
    recover.add_argument("--config", required=True, metavar="FILE.toml")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        config = configs.load(
            args.config, getattr(args, "listen", None), getattr(args, "driver", None)
        )
    except configs.ConfigError as e:
        print(f"franka-bridge: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"franka-bridge: cannot read the configuration: {e}", file=sys.stderr)
        return 2
    if args.command == "check" or (args.command == "serve" and args.check):
        print(configs.describe(config), end="")
        return 0
    if args.command in ("status", "recover"):
        return _admin(config, args.command)
    return _serve(config, args.ready_file, args.log_level)


def _admin(config: configs.Config, command: str) -> int:
    from franka_bridge import admin

    if not config.admin.socket:
        print(
            f"franka-bridge: {config.source} sets no admin.socket, so the running bridge takes no "
            "admin commands; set [admin] socket and restart it (a restart also clears the latch, "
            "but not the robot's own error state)",
            file=sys.stderr,
        )
        return 2
    try:
        reply = admin.send(config.admin.socket, command)
    except OSError as e:
        print(f"franka-bridge: no bridge answers on {config.admin.socket}: {e}", file=sys.stderr)
        return 1
    print(reply)
    return 0 if reply.startswith("ok") else 1


def _serve(config: configs.Config, ready_file: str | None, log_level: str) -> int:
    logging.basicConfig(
        level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    from franka_bridge.drivers.base import RobotError
    from franka_bridge.server import BridgeServer, write_ready_file

    stop = threading.Event()

    def on_signal(signum, frame):
        LOG.info("received %s: stopping the arm and shutting down", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    server = BridgeServer(config)
    try:
        address = server.start()
    except (RobotError, OSError, ValueError) as e:
        LOG.error("cannot start: %s", e)
        return 1
    except Exception as e:  # noqa: BLE001 - e.g. the camera; a message, not a trace
        LOG.error("cannot start: %s: %s", type(e).__name__, e)
        return 1
    try:
        if ready_file:
            write_ready_file(ready_file, address)
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0
