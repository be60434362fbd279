"""A made-up school organisation (Faker nl_NL), as the people CSV the admin system exports."""

from __future__ import annotations

import csv
import io
import random

import attrs
from faker import Faker

from pcc_cases.interchange.people_csv import COLUMNS

NAME = "PCC (demo)"  # the organisation's name on the demo's report
LOCATIONS = ("Alkmaar", "Bergen", "Heiloo")
STUDENTS_PER_LOCATION = 500
MENTORS_PER_LOCATION = 30
TEAMLEIDERS_PER_LOCATION = 3
TEACHERS_PER_LOCATION = 5


@attrs.define
class Organisation:
    """Who is who: the CSV to import, and the ids the scenario needs per location."""

    csv_bytes: bytes
    students: dict[str, list[str]]
    staff: dict[str, list[str]]  # staff without a leading role, who may also offend
    directors: dict[str, str]
    teamleiders: dict[str, list[str]]
    cvb: str
    pr: str
    fg: str
    people: int


def build_organisation(rng: random.Random, fake: Faker) -> Organisation:
    rows: list[list[str]] = []

    def person(
        pid: str,
        kind: str,
        location: str = "",
        klass: str = "",
        mentor: str = "",
        roles: str = "",
        left: str = "",
    ) -> str:
        rows.append(
            [pid, kind, fake.first_name(), fake.last_name(), location, klass, mentor, roles, left]
        )
        return pid

    cvb = person("P0001", "staff", roles="cvb")
    person("P0002", "staff", roles="cvb")
    fg = person("P0003", "staff", roles="fg")
    pr = person("P0004", "staff", roles="pr")
    person("P0005", "staff", roles="pr")
    staff_no = 6
    students: dict[str, list[str]] = {}
    staff: dict[str, list[str]] = {}
    directors: dict[str, str] = {}
    teamleiders: dict[str, list[str]] = {}
    student_no = 100001
    for location in LOCATIONS:
        directors[location] = person(
            f"P{staff_no:04d}", "staff", location, roles="vestigingsdirecteur"
        )
        staff_no += 1
        teamleiders[location] = []
        for _ in range(TEAMLEIDERS_PER_LOCATION):
            teamleiders[location].append(
                person(f"P{staff_no:04d}", "staff", location, roles="teamleider")
            )
            staff_no += 1
        mentors = []
        for _ in range(MENTORS_PER_LOCATION):
            mentors.append(person(f"P{staff_no:04d}", "staff", location, roles="mentor"))
            staff_no += 1
        staff[location] = list(mentors)
        for _ in range(TEACHERS_PER_LOCATION):
            staff[location].append(person(f"P{staff_no:04d}", "staff", location))
            staff_no += 1
        students[location] = []
        for index in range(STUDENTS_PER_LOCATION):
            mentor = mentors[index % len(mentors)]
            klass = f"{1 + index % 6}{'ABCDE'[index % 5]}"
            left = "2026-07-10" if rng.random() < 0.08 else ""
            students[location].append(
                person(f"L{student_no}", "student", location, klass, mentor, left=left)
            )
            student_no += 1
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return Organisation(
        csv_bytes=("\ufeff" + out.getvalue()).encode(),
        students=students,
        staff=staff,
        directors=directors,
        teamleiders=teamleiders,
        cvb=cvb,
        pr=pr,
        fg=fg,
        people=len(rows),
    )
