"""A school year of incidents, handled the way directors handle them, through the services.

Everything runs on a clock that moves through the year: each step (record, decide, do the
duties, close) is scheduled at its own moment and played in time order, so that earlier
decisions count when later cases are recommended, as they would in real life.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
from faker import Faker

from pcc_cases import services as sv
from pcc_cases.demo.organisation import LOCATIONS, Organisation, build_organisation
from pcc_cases.domain.calendar import Holiday, SchoolCalendar
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.lifecycle import OPEN_STATES
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import load_protocol
from pcc_cases.domain.time import FixedClock, local_date
from pcc_cases.interchange.people_csv import import_people
from pcc_cases.services.ports import UnitOfWorkPort

YEAR_START = pendulum.datetime(2025, 8, 25, tz="Europe/Amsterdam")
YEAR_END = pendulum.datetime(2026, 7, 3, 17, tz="Europe/Amsterdam")
HOLIDAYS_2025_2026 = (
    Holiday("herfstvakantie", dt.date(2025, 10, 18), dt.date(2025, 10, 26)),
    Holiday("kerstvakantie", dt.date(2025, 12, 20), dt.date(2026, 1, 4)),
    Holiday("voorjaarsvakantie", dt.date(2026, 2, 14), dt.date(2026, 2, 22)),
    Holiday("meivakantie", dt.date(2026, 4, 25), dt.date(2026, 5, 10)),
    Holiday("zomervakantie", dt.date(2026, 7, 4), dt.date(2026, 8, 16)),
)
# Social-media incidents by month: a busy autumn, a dip in December, a busy spring.
MONTH_WEIGHT = {
    8: 0.4,
    9: 1.3,
    10: 1.2,
    11: 1.3,
    12: 0.7,
    1: 1.0,
    2: 1.0,
    3: 1.3,
    4: 1.0,
    5: 0.9,
    6: 0.8,
    7: 0.2,
}
PLATFORMS = {
    "instagram": 5,
    "tiktok": 5,
    "snapchat": 6,
    "whatsapp": 7,
    "x": 1,
    "youtube": 1,
    "other": 1,
}
STUDENT_CLAUSES = {
    "1.1": 6,
    "1.2": 5,
    "1.3": 3,
    "2.1": 1,
    "3.2": 2,
    "3.3": 1,
    "5.1": 1,
    "6.3": 3,
    "6.8": 1,
}
STAFF_CLAUSES = {"3.1": 3, "3.3": 1, "1.2": 1, "6.8": 1}
SUMMARIES = (
    "Foto van een docent zonder toestemming gedeeld met spottende tekst",
    "Kwetsende opmerkingen over een klasgenoot in een groepsapp",
    "Filmpje uit de les op TikTok gezet",
    "Nepaccount op naam van een medeleerling aangemaakt",
    "Screenshot van een privégesprek doorgestuurd",
    "Bedreigend bericht aan een medeleerling gestuurd",
    "Bericht namens de school geplaatst zonder toestemming",
    "Leerling gevolgd en aangesproken via privé-account",
)


@attrs.define
class DemoResult:
    people: int
    cases: int
    states: Counter[str]
    severities: Counter[int]
    steps: Counter[str]
    open_obligations: int
    overdue_obligations: int
    expulsion_case: str | None
    ended_at: pendulum.DateTime
    board_member: str
    settings: sv.Settings
    accounts: dict[str, str] = attrs.field(factory=dict)
    """Who to log in as, by what they show: mentor, director, board, privacy officer."""


def demo_calendar() -> SchoolCalendar:
    return SchoolCalendar.of(HOLIDAYS_2025_2026)


def run_scenario(
    new_uow: Callable[[], Any],
    seed: int,
    cases: int = 250,
    on_recorded: Callable[[], None] | None = None,
) -> DemoResult:
    """Import the organisation and play ``cases`` incidents through the services.

    ``on_recorded`` is called after each incident is recorded (for a progress bar).
    """
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    org = build_organisation(rng, fake)
    clock = FixedClock(YEAR_START.subtract(days=7).in_timezone("UTC"))
    policy = attrs.evolve(default_policy(), calendar=demo_calendar())
    settings = sv.Settings(protocol=load_protocol(), policy=policy, clock=clock)
    with new_uow() as uow:
        import_people(uow, None, org.csv_bytes, settings=settings)
    play = _Play(org, rng, settings, clock, new_uow, on_recorded or (lambda: None))
    for moment in _incident_moments(rng, cases, policy.calendar):
        play.schedule(moment, play.record)
    play.run()
    with new_uow() as uow:
        views = sv.list_obligations(uow, org.cvb, settings=settings)
        everything = sv.list_cases(uow, org.cvb, settings=settings)
        mentor = _busiest_mentor(uow, everything, org.staff[LOCATIONS[0]][0])
        location = uow.people.get(mentor).location
    return DemoResult(
        people=org.people,
        cases=len(everything),
        states=Counter(c.state.value for c in everything),
        severities=Counter(c.severity for c in everything if c.severity),
        steps=Counter(d.step for c in everything for d in c.decisions if not d.revoked),
        open_obligations=len(views),
        overdue_obligations=sum(v.overdue for v in views),
        expulsion_case=play.expulsion_case,
        ended_at=clock.now,
        board_member=org.cvb,
        settings=attrs.evolve(settings, clock=FixedClock(clock.now)),
        accounts={
            "mentor": mentor,
            "director": org.directors[location],
            "board": org.cvb,
            "privacy": org.fg,
        },
    )


def _busiest_mentor(uow: Any, cases: list[Any], fallback: str) -> str:
    """The mentor whose students are offenders in the most open cases (the demo's mentor);
    ``fallback`` when no open case has a student with a mentor.
    """
    offenders = [o for c in cases if c.state in OPEN_STATES for o in c.offender_ids]
    people = uow.people.find_many(sorted(set(offenders)))
    mentors = Counter(people[o].mentor_id for o in offenders if o in people)
    mentors.pop(None, None)
    if not mentors:
        return fallback
    return str(min(mentors.items(), key=lambda item: (-item[1], str(item[0])))[0])


def _incident_moments(
    rng: random.Random, count: int, calendar: SchoolCalendar
) -> list[pendulum.DateTime]:
    days = []
    day = YEAR_START.date()
    while day <= YEAR_END.date():
        weight = MONTH_WEIGHT[day.month] * (1.0 if calendar.is_school_day(day) else 0.15)
        days.append((day, weight))
        day += dt.timedelta(days=1)
    chosen = rng.choices([d for d, _w in days], weights=[w for _d, w in days], k=count)
    moments = []
    for day in sorted(chosen):
        hour = rng.choice([8, 12, 13, 16, 18, 19, 20, 21, 21, 22, 22, 23])
        moments.append(
            pendulum.datetime(
                day.year, day.month, day.day, hour, rng.randrange(60), tz="Europe/Amsterdam"
            )
        )
    return moments


class _Play:
    """The scheduled steps of every case, played in time order on one clock."""

    def __init__(
        self,
        org: Organisation,
        rng: random.Random,
        settings: sv.Settings,
        clock: FixedClock,
        new_uow: Callable[[], Any],
        on_recorded: Callable[[], None],
    ) -> None:
        self.on_recorded = on_recorded
        self.org, self.rng, self.settings, self.clock, self.new_uow = (
            org,
            rng,
            settings,
            clock,
            new_uow,
        )
        self.queue: list[tuple[pendulum.DateTime, int, Callable[..., None], tuple[Any, ...]]] = []
        self.order = itertools.count()
        self.frequent = {loc: rng.sample(students, 12) for loc, students in org.students.items()}
        self.expulsion_case: str | None = None

    def schedule(self, at: pendulum.DateTime, step: Callable[..., None], *args: Any) -> None:
        heapq.heappush(self.queue, (at.in_timezone("UTC"), next(self.order), step, args))

    def run(self) -> None:
        while self.queue:
            at, _n, step, args = heapq.heappop(self.queue)
            if at > YEAR_END and step != self.record:
                continue  # the year ends: what is still open stays open
            self.clock.now = at
            with self.new_uow() as uow:
                step(uow, at, *args)

    def later(self, at: pendulum.DateTime, school_days: int, hour: int = 10) -> pendulum.DateTime:
        day = self.settings.policy.calendar.add_school_days(local_date(at), school_days)
        return pendulum.datetime(
            day.year, day.month, day.day, hour, self.rng.randrange(60), tz="Europe/Amsterdam"
        )

    # ------------------------------------------------------------------ steps
    def record(self, uow: UnitOfWorkPort, at: pendulum.DateTime) -> None:
        rng, org = self.rng, self.org
        location = rng.choices(list(org.students), weights=[5, 3, 4])[0]
        staff_case = rng.random() < 0.04
        if staff_case:
            offenders = [rng.choice(org.staff[location])]
            clauses = _pick(rng, STAFF_CLAUSES, rng.choice([1, 1, 2]))
        else:
            pool = self.frequent[location] if rng.random() < 0.15 else org.students[location]
            offenders = rng.sample(pool, rng.choice([1, 1, 1, 2]))
            clauses = _pick(rng, STUDENT_CLAUSES, rng.choice([1, 1, 2]))
        targets = [rng.choice(org.students[location] + org.staff[location])]
        targets = [t for t in targets if t not in offenders]
        reach = rng.choices(["private", "group", "public", "viral"], weights=[8, 12, 4, 1])[0]
        factors = Factors(
            reach=reach,
            intent=rng.choices(["accidental", "negligent", "deliberate"], weights=[3, 6, 2])[0],
            harm=rng.choices(
                ["none", "embarrassment", "reputation", "person"], weights=[2, 5, 2, 2]
            )[0],
            confidential=rng.random() < 0.05,
            criminal=rng.random() < 0.03,
            removed_and_apologised=rng.random() < 0.35,
        )
        occurred = at.subtract(hours=rng.randrange(1, 40))
        recorder = rng.choice([org.directors[location], *org.teamleiders[location]])
        case = sv.record_incident(
            uow,
            recorder,
            occurred_at=occurred,
            platform=_pick(rng, PLATFORMS, 1)[0],
            location=location,
            summary=rng.choice(SUMMARIES),
            offenders=offenders,
            clauses=clauses,
            targets=targets,
            factors=factors,
            settings=self.settings,
        )
        number = case.number or ""
        self.on_recorded()
        if rng.random() < 0.07:
            self.schedule(self.later(at, 2), self.dismiss, number, recorder)
        else:
            self.schedule(self.later(at, rng.choice([1, 2, 3])), self.decide, number, location)

    def dismiss(self, uow: UnitOfWorkPort, at: pendulum.DateTime, number: str, actor: str) -> None:
        sv.dismiss_case(uow, actor, number, "Na gesprek ongegrond gebleken", settings=self.settings)

    def decide(
        self, uow: UnitOfWorkPort, at: pendulum.DateTime, number: str, location: str
    ) -> None:
        director = self.org.directors[location]
        recs = sv.recommend_steps(uow, director, number, settings=self.settings)
        for offender, rec in recs.items():
            if rec is None:  # pragma: no cover - the demo assesses every offender first
                continue
            step, days, reason, decider = rec.step, None, None, director
            if self.settings.policy.ladder(_kind(offender)).step(step).has_length:
                days = self.rng.choice([1, 2, 3])
            grave_repeat = rec.consider or (rec.severity == 4 and rec.prior_cases >= 1)
            if grave_repeat and self.expulsion_case is None and at.month >= 3 and at.month < 7:
                step, days, decider = "expulsion", None, self.org.cvb
                reason = "Herhaalde ernstige overtredingen na eerdere schorsingen"
                self.expulsion_case = number
                self.prepare_expulsion(uow, at, number, offender, director)
            if (
                step in ("reprimand", "suspension", "dismissal")
                and _kind(offender) is PersonKind.STAFF
            ):
                decider = self.org.cvb
            sv.decide_step(
                uow, decider, number, offender, step, days, reason, settings=self.settings
            )
        self.schedule(self.later(at, 0, 15), self.do_duties, number, location)

    def prepare_expulsion(
        self,
        uow: UnitOfWorkPort,
        at: pendulum.DateTime,
        number: str,
        offender: str,
        director: str,
    ) -> None:
        """What the law asks before an expulsion: everyone heard, the Inspectie consulted."""
        sv.prepare_step(uow, director, number, offender, "expulsion", settings=self.settings)
        case = sv.record_hearing(
            uow,
            self.org.cvb,
            number,
            offender,
            held_on=local_date(at),
            heard=["student", "parents", "teachers"],
            attendees="CvB, vestigingsdirecteur, mentor, leerling, ouders",
            views="De leerling erkent de berichten; de ouders vragen om begeleiding.",
            settings=self.settings,
        )
        consult = [o for o in case.obligations if o.kind == "consult-inspectie" and o.is_open]
        for obligation in consult:
            sv.complete_obligation(
                uow, self.org.cvb, number, obligation.seq, settings=self.settings
            )

    def do_duties(
        self, uow: UnitOfWorkPort, at: pendulum.DateTime, number: str, location: str
    ) -> None:
        case = sv.show_case(uow, self.org.directors[location], number, settings=self.settings)
        for obligation in case.obligations:
            if not obligation.is_open or number == self.expulsion_case:
                continue
            if self.rng.random() < 0.06:
                continue  # forgotten: it will show as overdue
            done = self.later(at, self.rng.choice([0, 1]), 11)
            self.schedule(done, self.complete, number, obligation.seq, location)
        if number != self.expulsion_case:
            self.schedule(self.later(at, 8, 16), self.close, number, location)

    def complete(
        self, uow: UnitOfWorkPort, at: pendulum.DateTime, number: str, seq: int, location: str
    ) -> None:
        sv.complete_obligation(
            uow, self.org.directors[location], number, seq, settings=self.settings
        )

    def close(self, uow: UnitOfWorkPort, at: pendulum.DateTime, number: str, location: str) -> None:
        sv.close_case(
            uow, self.org.directors[location], number, "Afgehandeld", settings=self.settings
        )


def _kind(person_id: str) -> PersonKind:
    """Staff ids start with P in the demo organisation, students with L."""
    return PersonKind.STAFF if person_id.startswith("P") else PersonKind.STUDENT


def _pick(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < k:
        item = rng.choices(list(weights), weights=list(weights.values()))[0]
        if item not in chosen:
            chosen.append(item)
    return chosen
