"""The one exception type that carries a message meant for the person at the desk."""


class DeskError(Exception):
    """A refusal or failure the user must read; `message` is Dutch and complete.

    Every layer raises this (or a subclass) for bad input and expected failures, so the UI and the
    command line can show it as it is, without knowing where it came from.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DatabaseUnreachable(DeskError):
    """The database could not be reached (server gone, refused, timed out; file away or unreadable).

    Raised by the persistence layer only, which classifies the driver's errors of both engines
    once; the window turns it into its offline state instead of a dialog. `writing` says whether
    the failed unit of work would have saved something (its message then says "niet opgeslagen").
    """

    def __init__(self, message: str, *, writing: bool = False) -> None:
        super().__init__(message)
        self.writing = writing
