"""A small organisation: two locations, every role, for service, CLI and permission tests."""

from __future__ import annotations

import pendulum

from pcc_cases.domain.time import FixedClock
from pcc_cases.services import Settings, import_people

PEOPLE_CSV = """id,kind,first_name,last_name,location,class,mentor_id,roles,left_on
cvb1,staff,Carla,Bestuur,,,,cvb,
fg1,staff,Frank,Gegevens,,,,fg,
pr1,staff,Petra,Relaties,,,,pr,
vd-alk,staff,Vera,Directeur,Alkmaar,,,vestigingsdirecteur,
tl-alk,staff,Tom,Leider,Alkmaar,,,teamleider,
men-alk,staff,Mila,Mentor,Alkmaar,,,mentor,
vd-ber,staff,Victor,Directeur,Bergen,,,vestigingsdirecteur,
tl-ber,staff,Tara,Leider,Bergen,,,teamleider,
men-ber,staff,Max,Mentor,Bergen,,,mentor,
left-tl,staff,Lars,Vertrokken,Alkmaar,,,teamleider,2020-07-31
norole,staff,Nina,Docent,Alkmaar,,,,
s-alk1,student,Sem,de Vries,Alkmaar,2B,men-alk,,
s-alk2,student,Lotte,Jansen,Alkmaar,2B,men-alk,,
s-alk3,student,Daan,Bakker,Alkmaar,3A,,,
s-ber1,student,Emma,Visser,Bergen,1C,men-ber,,
s-ber2,student,Noah,Smit,Bergen,1C,men-ber,,
"""

ROLE_ACTORS = ("men-alk", "tl-alk", "vd-alk", "cvb1", "pr1", "fg1")
"""One actor per role, all of whom are in scope of Alkmaar cases except pr and a mentor of
other students; the permission tests pair them with cases in and out of scope."""

NOW = pendulum.datetime(2025, 10, 6, 9, tz="UTC")  # a Monday in school year 2025


def settings_at(now: pendulum.DateTime = NOW) -> Settings:
    return Settings(clock=FixedClock(now))


def bootstrap(uow: object) -> None:
    import_people(uow, None, PEOPLE_CSV.encode(), settings=settings_at())  # type: ignore[arg-type]
