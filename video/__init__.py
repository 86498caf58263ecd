"""The video service: an aiortc media server for diagnostic calls, its own asyncio
process (aiohttp). ``flask video serve`` starts it with the portal's settings;
``video.app.create_app`` builds it for tests and benchmarks.

Nothing is imported here, so the web app can read ``video.settings`` without loading
aiortc into every web worker.
"""
