"""The planning settings, read from the app's configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from common.windows import DEFAULT_WINDOWS, Window, parse_windows


@dataclass(frozen=True)
class Settings:
    windows: tuple[Window, ...] = field(default_factory=lambda: parse_windows(DEFAULT_WINDOWS))
    road_factor: float = 1.3
    speed_kmh: float = 25.0
    min_lead_hours: float = 12.0
    urgent_working_days: int = 5
    routine_working_days: int = 20
    # Emergencies: an operative must arrive within ``attend_hours`` of the dispatch and
    # have made the home safe within ``make_safe_hours``.
    attend_hours: float = 4.0
    make_safe_hours: float = 24.0
    # How long an operative's day may run past its shift when an emergency is fitted in.
    emergency_overtime_minutes: int = 60
    # On call: hours of rest between the end of a call-out and the next shift's work (the
    # Working Time Regulations' daily rest), call-outs one operative takes in a duty (a
    # night), and minutes to get going from home before driving.
    oncall_rest_hours: float = 11.0
    oncall_max_callouts: int = 5
    oncall_mobilise_minutes: float = 15.0
    horizon_days: int = 42
    work_weekends: bool = False
    work_bank_holidays: bool = False
    # How much extra travel (km) a slot outside the tenant's preferences must save to
    # outrank one inside them: large, so preferences win unless nothing else fits.
    preference_penalty_km: float = 50.0
    # Each day later costs this much: a free hour tomorrow is lost if nobody takes it, so
    # without it the diary drifts late and capacity goes to waste. This and the weights
    # below were tuned on the month benchmark (bench/bench_scheduling_month.py); see
    # scheduling/ranking.py for why each one is there.
    km_per_day_later: float = 0.6
    # Each kilometre between the job and the home of an operative whose day already has
    # work: the street is better served by whoever lives near it.
    km_per_home_km: float = 2.0
    # Opening an empty day already pays the round trip from home, so home distance counts
    # less there, and the day's first job gets a credit for the legs later jobs will share.
    new_day_km_per_home_km: float = 1.0
    new_day_credit_km: float = 1.8
    # Each trade an operative holds beyond the job's: keeps scarce second skills free.
    km_per_other_trade: float = 1.5
    # Between trips of about the same length, wider windows leave more room for later jobs.
    km_per_window_hour: float = 0.05

    def __post_init__(self) -> None:
        if self.road_factor < 1 or self.speed_kmh <= 0:
            raise ValueError("the road factor must be at least 1 and the speed above 0")
        if self.min_lead_hours < 0 or self.horizon_days < 1 or self.make_safe_hours <= 0:
            raise ValueError("lead time, horizon and make-safe target must be positive")
        if min(self.urgent_working_days, self.routine_working_days) < 1:
            raise ValueError("targets must be at least one working day")
        if not 0 < self.attend_hours <= self.make_safe_hours:
            raise ValueError("the attend target must be above 0 and no later than make-safe")
        if not 0 <= self.oncall_rest_hours <= 24 or not 0 <= self.oncall_mobilise_minutes <= 120:
            raise ValueError("on-call rest must be 0 to 24 hours, mobilising 0 to 120 minutes")
        if not 0 <= self.emergency_overtime_minutes <= 240:
            raise ValueError("emergency overtime must be 0 to 240 minutes")
        if not 1 <= self.oncall_max_callouts <= 20:
            raise ValueError("an on-call duty must allow 1 to 20 call-outs")

    def window(self, name: str) -> Window:
        for window in self.windows:
            if window.name == name:
                return window
        raise KeyError(name)

    @classmethod
    def from_config(cls, config: Mapping) -> Settings:
        """Settings from a Flask config (``SCHEDULING_*`` keys), defaults for the rest."""
        base = cls()
        get = config.get
        return cls(
            windows=parse_windows(get("SCHEDULING_WINDOWS") or DEFAULT_WINDOWS),
            road_factor=float(get("SCHEDULING_ROAD_FACTOR", base.road_factor)),
            speed_kmh=float(get("SCHEDULING_SPEED_KMH", base.speed_kmh)),
            min_lead_hours=float(get("SCHEDULING_MIN_LEAD_HOURS", base.min_lead_hours)),
            urgent_working_days=int(get("SCHEDULING_URGENT_DAYS", base.urgent_working_days)),
            routine_working_days=int(get("SCHEDULING_ROUTINE_DAYS", base.routine_working_days)),
            attend_hours=float(get("SCHEDULING_ATTEND_HOURS", base.attend_hours)),
            make_safe_hours=float(get("SCHEDULING_MAKE_SAFE_HOURS", base.make_safe_hours)),
            emergency_overtime_minutes=int(
                get("SCHEDULING_EMERGENCY_OVERTIME_MINUTES", base.emergency_overtime_minutes)
            ),
            oncall_rest_hours=float(get("SCHEDULING_ONCALL_REST_HOURS", base.oncall_rest_hours)),
            oncall_max_callouts=int(
                get("SCHEDULING_ONCALL_MAX_CALLOUTS", base.oncall_max_callouts)
            ),
            oncall_mobilise_minutes=float(
                get("SCHEDULING_ONCALL_MOBILISE_MINUTES", base.oncall_mobilise_minutes)
            ),
            horizon_days=int(get("SCHEDULING_HORIZON_DAYS", base.horizon_days)),
            work_weekends=bool(get("SCHEDULING_WORK_WEEKENDS", base.work_weekends)),
            work_bank_holidays=bool(get("SCHEDULING_WORK_BANK_HOLIDAYS", base.work_bank_holidays)),
        )
