"""Operator commands: ``flask video serve`` and ``flask video purge-recordings``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from portal.video.runtime import call_store, unit_of_work, video_settings
from repairs.services.video import purge_recordings

video_cli = AppGroup("video", help="Video calls: the media service and its recordings.")


@video_cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="Default: VIDEO_PORT.")
def serve(host: str, port: int | None) -> None:
    """Run the video service (aiortc, its own asyncio process) until stopped."""
    from video.serve import run

    app = current_app._get_current_object()
    if not app.config["VIDEO_ENABLED"]:
        raise click.ClickException("video calls are switched off (VIDEO_ENABLED=false)")
    run(
        video_settings(app),
        call_store(app),
        host,
        port or app.config["VIDEO_PORT"],
        log_level=app.config["LOG_LEVEL"],
        log_json=app.config["LOG_JSON"],
    )


@video_cli.command("purge-recordings")
def purge() -> None:
    """Delete recordings and uploaded videos older than VIDEO_RETENTION_DAYS."""
    app = current_app._get_current_object()
    with unit_of_work(app)() as ctx:
        purged = purge_recordings(ctx)
    click.echo(
        f"deleted {purged.files} files ({purged.bytes} bytes) from {purged.calls} calls; "
        f"recordings are kept {app.config['VIDEO_RETENTION_DAYS']} days"
    )
