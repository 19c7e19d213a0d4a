"""What happened to one script in the harness (plain data: no TensorFlow)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Optional


class Status(str, Enum):
    RAN = "ran to the end"
    DOWNLOAD = "stopped at a download"
    MISSING_MODULE = "needs a module not installed"
    MISSING_FILE = "needs a data file"
    TIMEOUT = "timed out"
    EXITED = "exited"
    RAISED = "raised"
    KILLED = "killed"
    DIED = "died"
    NOT_RUN = "not run"


@dataclass
class Outcome:
    path: str
    #: The Keras the script is written for (3, 2 or 1; 2 and 1 run in tf-keras).
    keras: int
    why_keras: str = ""
    status: Status = Status.NOT_RUN
    detail: str = ""
    #: The script's line where it stopped (None when it ran to the end).
    stop_line: Optional[int] = None
    seconds: float = 0.0
    models: list[dict[str, Any]] = field(default_factory=list)
    #: Models made with no line of the script on the stack.
    models_elsewhere: int = 0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["status"] = self.status.value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        return cls(**{**data, "status": Status(data["status"])})
