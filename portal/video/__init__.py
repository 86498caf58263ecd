"""Video calls in the portal: staff start and run them, tenants join from a texted link.

The media go through the video service (the ``video`` package, its own process), which
``flask video serve`` starts with this app's settings.
"""

from flask import Flask

from portal.video import staff_views, tenant_views  # noqa: F401  (registers the routes)
from portal.video.blueprints import staff_bp, tenant_bp


def register_video(app: Flask) -> None:
    if not app.config.get("VIDEO_ENABLED", True):
        return
    app.register_blueprint(staff_bp, url_prefix="/staff/video")
    app.register_blueprint(tenant_bp, url_prefix="/video")
