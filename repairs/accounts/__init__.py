"""Staff accounts: signing in (password, then an authenticator code or a recovery code),
and what an admin does to accounts. No web framework here; the staff blueprint calls it."""

from repairs.accounts.admin import (
    AddStaff,
    add_staff,
    change_role,
    reset_password,
    reset_two_factor,
    set_active,
    set_two_factor_required,
)
from repairs.accounts.passwords import authenticate, change_password, password_problem
from repairs.accounts.second_factor import (
    accept_totp,
    confirm_totp,
    issue_recovery_codes,
    needs_two_factor,
    provisioning_uri,
    start_totp,
    use_recovery_code,
)

__all__ = [
    "AddStaff",
    "accept_totp",
    "add_staff",
    "authenticate",
    "change_password",
    "change_role",
    "confirm_totp",
    "issue_recovery_codes",
    "needs_two_factor",
    "password_problem",
    "provisioning_uri",
    "reset_password",
    "reset_two_factor",
    "set_active",
    "set_two_factor_required",
    "start_totp",
    "use_recovery_code",
]
