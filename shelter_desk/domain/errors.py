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
