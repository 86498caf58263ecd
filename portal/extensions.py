"""Unbound extensions, created once and wired to the app in ``create_app``."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from portal.database import Database

db = Database()
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
