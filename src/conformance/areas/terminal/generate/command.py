"""``conformance generate capture``: a synthetic capture to a file or to standard output."""

from __future__ import annotations

import argparse
import os
import sys
import time

from rich.console import Console

from conformance import HarnessInputError
from conformance.area import check_output_file


class Lines:
    """A long capture says how far it has come: a line on standard error every few seconds
    (a capture of an hour takes minutes to write), none for a short one."""

    def __init__(self, console: Console, interval: float = 3.0) -> None:
        self.console, self.interval = console, interval
        self.last = time.monotonic()

    def __call__(self, done: float, seconds: float) -> None:
        now = time.monotonic()
        if now - self.last >= self.interval and done < seconds:
            self.last = now
            self.console.print(f"generating: {done:.0f} of {seconds:.0f} s of capture written "
                               f"({100 * done / seconds:.0f} %)", highlight=False, soft_wrap=True)


def generate_capture(args: argparse.Namespace, console: Console) -> int:
    from . import capture, faults

    if args.list_faults:
        for name, fault in faults.FAULTS.items():
            # written to the stream itself: rich would expand each tab into spaces (`cut -f1` gives the names)
            console.file.write(f"{name}\t{fault.requirement}\t{fault.description}\n")
        return 0
    for option in ("device", "seconds"):
        if getattr(args, option) is None:
            raise HarnessInputError("generate capture", f"--{option} is required", "see --help")
    capture.check_arguments(args.device, args.seconds, args.fault)
    if args.out is None:
        try:
            capture.generate(sys.stdout.buffer, args.device, args.seconds, args.fault, args.seed)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (| head): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    check_output_file(args.out, "--out")
    try:
        frames = capture.write(args.out, args.device, args.seconds, args.fault, args.seed,
                               progress=Lines(Console(stderr=True)))
    except OSError as exc:  # e.g. a folder that vanished meanwhile (a full disk is OutputFailed: exit 3)
        raise HarnessInputError(f"--out {args.out}", f"cannot be written: {exc.strerror or exc}") from None
    console.print(f"wrote {frames} frames to {args.out}", highlight=False, style="dim")
    return 0
