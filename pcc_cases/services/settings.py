"""What every service call works with besides storage: protocol, policy and the clock."""

from __future__ import annotations

import attrs

from pcc_cases.domain.policy import Policy
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import Protocol, load_protocol
from pcc_cases.domain.time import Clock, system_clock


@attrs.frozen
class Settings:
    """The protocol catalogue, the school's policy and the clock (injected for tests)."""

    protocol: Protocol = attrs.field(factory=load_protocol)
    policy: Policy = attrs.field(factory=default_policy)
    clock: Clock = system_clock

    def __attrs_post_init__(self) -> None:
        self.policy.check_against(self.protocol)


DEFAULT_SETTINGS = Settings()
