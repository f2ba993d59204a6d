"""Multi-user sessions (IF-SES-001..005): the harness's simulated participants and what their
record shows.

N participants (the standard's N: 8, and 32 under load) join one shared space through the
WebSocket binding annex D defines (``GET {sessions.join}`` upgraded, JSON-RPC 2.0 messages,
schemas/interfaces/session-message.json), all in one asyncio loop of the harness, so every
send and every receipt is read on one clock (``time.perf_counter_ns``) and no two clocks need
synchronising. Each participant publishes ``updates`` states (pose, voice activity with a
100 ms frame of G.711 voice while it speaks, avatar),
``interval`` apart, the participants' schedules staggered evenly over one interval. Once every
update has arrived everywhere (or ``settle`` after the last one was sent), each asks the space
for its snapshot. The record is judged afterwards, never while the clock runs: every message
against the schema (IF-SES-001), each delivery's latency (IF-SES-002), the deliveries missing
(IF-SES-003), each sender's order at each recipient (IF-SES-004), each snapshot against the
last state each participant published (IF-SES-005) and each voice frame received against the
one sent, and each frame sent looked for at every other participant (IF-SES-006).

The loop that reads the clock is also the apparatus: a probe on it records the harness's own
scheduling delay while the participants run (``Record.lateness_ms``; :mod:`.apparatus` says how a
measurement is judged valid, :func:`overrun` applies it to IF-SES-002's two statistics).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import math
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import orjson

from conformance import msg
from conformance.area import REQUEST_TIME_LIMIT_S

from .._shared.discovery import declared_member
from .._shared.jsonrpc_ws import MAX_MESSAGE_BYTES, SUBPROTOCOL, over_bound, ws_url
from .._shared.jsonrpc_ws import request as _rpc
from .._shared.uncertainty import ONE_READING, u_percentile, u_proportion
from . import apparatus
from .latency import percentile

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject
    from websockets.asyncio.client import ClientConnection

MESSAGE_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/session-message.json"
#: a voice frame: 100 ms (the standard's update interval) of G.711 mu-law at 8 kHz, a byte a sample
VOICE_RATE, VOICE_SAMPLES = 8000, 800
ANSWER_LIMIT_S = REQUEST_TIME_LIMIT_S  # IF-SES-001/-005's fixed 10 s to connect and be answered, never the IXIT's


@dataclass(frozen=True)
class Plan:
    """One measurement: how many participants, how many updates each, how far apart, and how
    long after the last send the record waits for stragglers (all the standard's numbers)."""

    participants: int
    updates: int
    interval_s: float
    settle_s: float
    timeout_s: float = ANSWER_LIMIT_S
    #: whether a late joiner follows the snapshots (IF-SES-001, -004 judge its join answer; IF-CODE-009 has none)
    late: bool = True


@dataclass
class Record:
    """What the participants saw. Keys: ``(sender, seq)``; participants by index (0..N-1), the
    platform's participant IDs mapped to them once joined."""

    plan: Plan
    ids: list[str | None] = field(default_factory=list)
    #: (sender index, seq) -> when it was sent (ns), and the state sent
    sent: dict[tuple[int, int], int] = field(default_factory=dict)
    last_state: dict[int, JsonObject] = field(default_factory=dict)
    #: recipient index -> [(sender index, seq, received ns)], in the order received
    received: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    #: recipient index -> the participant IDs whose arrival was announced to it (session.joined)
    joined: dict[int, list[str]] = field(default_factory=dict)
    #: recipient index -> the snapshot's state (participant ID -> state), None: not answered;
    #: index N is the late joiner, its state the one its session.join answer gave
    snapshots: dict[int, JsonObject | None] = field(default_factory=dict)
    #: what went wrong joining or reading (participant index, text): one of the *N* participants
    failures: list[tuple[int, str]] = field(default_factory=list)
    #: the late joiner's connection refused or its join not answered in time (text): IF-SES-005's
    #: state to compare, not obtained; never a failure of the session the *N* held (IF-SES-001 R1)
    late_failure: str | None = None
    #: a connection the test equipment closed for a message over 5.1's bound 「会话消息的大小」: the run is unjudged
    over_bound: str | None = None
    #: every message the platform sent, as text -> how many times it arrived, for the schema: all judged (a relayed
    #: state is one text to every recipient, so the distinct texts are about the states sent; sixty-ninth reading)
    messages: dict[str, int] = field(default_factory=dict)
    #: state messages naming a sender or a seq the run never sent
    strays: int = 0
    #: voice frames owed in the states received, and (recipient, sender, seq) of those not as sent
    voice_frames: int = 0
    voice_altered: list[tuple[int, int, int]] = field(default_factory=list)
    elapsed_s: float = 0.0
    #: the apparatus probe: each tick's wake-up lateness (ms) while the participants ran
    lateness_ms: list[float] = field(default_factory=list)


def declaration(api: HttpTarget, rule: str | None = None) -> JsonObject:
    """The discovery document's ``sessions`` object. Without a join path it is a non-conformance of
    ``rule`` (the rule of the judging requirement that the session serves first): every requirement
    reading it belongs to the session profile, whose product offers sessions by claiming it."""
    return declared_member(api, ("sessions",), msg("interfaces.ses-no-declaration"), holds=_joinable,
                           pointer="/sessions/join", rule=rule)


def _joinable(declared: JsonObject) -> bool:
    """A join path a participant can take: absolute, with the space's place."""
    join = declared.get("join")
    return isinstance(join, str) and join.startswith("/") and "{space}" in join


def mu_law(samples: npt.ArrayLike) -> bytes:
    """16-bit linear samples encoded as G.711 mu-law (14-bit magnitude, bias 33, eight segments,
    the code word's bits inverted), as ITU-T's reference coder does."""
    pcm = np.asarray(samples, dtype=np.int32) >> 2
    mask = np.where(pcm < 0, 0x7F, 0xFF)
    # the reference coder clips at 8159 and answers past its last segment with the top code word:
    # clipping at 8158 gives that code word and keeps the segment within 0..7
    magnitude = np.minimum(np.abs(pcm), 8158) + 33
    segment = np.clip(np.floor(np.log2(magnitude)).astype(np.int32) - 5, 0, 7)
    code = (segment << 4) | ((magnitude >> (segment + 1)) & 0x0F)
    return (code ^ mask).astype(np.uint8).tobytes()


@functools.lru_cache(maxsize=4096)
def voice_frame(index: int, seq: int) -> str | None:
    """The voice frame (base64) participant ``index`` sends with update ``seq``, None when it is
    silent then: a tone of its own pitch (200 Hz + 20 Hz an index), continuing from frame to frame."""
    if seq % 2:
        return None
    t = (seq * VOICE_SAMPLES + np.arange(VOICE_SAMPLES)) / VOICE_RATE
    return base64.b64encode(mu_law(np.round(8000 * np.sin(2 * np.pi * (200 + 20 * index) * t)))).decode()


def state_for(index: int, seq: int) -> JsonObject:
    """The state participant ``index`` publishes as its update ``seq``: a pose (metres, a unit
    quaternion, OpenXR's conventions), voice activity (with a frame of its voice while it speaks)
    and an avatar, each telling the update apart."""
    angle = seq * math.pi / 16
    frame = voice_frame(index, seq)
    voice: JsonObject = {"active": frame is not None}
    if frame is not None:
        voice["audio"] = {"codec": "PCMU", "rate": VOICE_RATE, "data": frame}
    return {"pose": {"position": [float(index), 1.6, round(0.1 * seq, 6)],
                     "orientation": [0.0, round(math.sin(angle / 2), 9), 0.0, round(math.cos(angle / 2), 9)]},
            "voice": voice,
            "avatar": {"uri": f"https://conformance.invalid/avatars/{index}.vrm", "variant": seq}}


def join_url(base_url: str, join_path: str, space: str) -> str:
    """The ws(s) URL of ``space``: the target's base URL, its scheme made ws or wss."""
    return ws_url(base_url, join_path, space=space)


async def _run(url: str, tokens: Sequence[str], plan: Plan, tls: ssl.SSLContext | None, record: Record) -> Record:
    from websockets.asyncio.client import connect  # the reference extra's dependency: loaded when a session runs
    from websockets.exceptions import WebSocketException
    from websockets.typing import Subprotocol

    n, updates = plan.participants, plan.updates
    expected_each = (n - 1) * updates
    counts = [0] * n
    done = [asyncio.Event() for _ in range(n)]
    index_of: dict[str, int] = {}
    answers: dict[int, asyncio.Future[JsonObject]] = {}
    start = time.perf_counter()

    #: a state's text -> (sender, seq, whether it owes a voice frame, whether that frame is altered):
    #: a relayed state reaches each other participant as the same text, read and compared once
    relayed: dict[str, tuple[int, int, bool, bool]] = {}

    def read(i: int, text: str) -> tuple[int, int, bool, bool] | None:
        """A state the run sent, as it arrived; None for anything else (an answer or arrival is taken here)."""
        try:
            message = orjson.loads(text)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(message, dict):
            return None
        answered = message.get("id")
        if isinstance(answered, int) and answered in answers and not answers[answered].done():
            answers[answered].set_result(message)
            return None
        params = message.get("params")
        if message.get("method") == "session.joined" and isinstance(params, dict):
            record.joined.setdefault(i, []).append(str(params.get("participant")))
            return None
        if message.get("method") != "session.state" or not isinstance(params, dict):
            return None
        sender, seq = index_of.get(str(params.get("from"))), params.get("seq")
        if sender is None or not isinstance(seq, int) or (sender, seq) not in record.sent:
            record.strays += 1
            return None
        sent_voice = voice_frame(sender, seq)
        voice = params.get("voice")
        audio = voice.get("audio") if isinstance(voice, dict) else None
        # judged afterwards (IF-SES-006); a comparison, not a decode
        altered = not isinstance(audio, dict) or audio.get("data") != sent_voice or audio.get("codec") != "PCMU"
        state = (sender, seq, sent_voice is not None, altered)
        if not isinstance(answered, int):  # never an answer: the same text is the same state wherever it arrives
            relayed[text] = state
        return state

    async def reader(i: int, ws: ClientConnection) -> None:
        record.received[i] = []
        try:
            async for raw in ws:
                now = time.perf_counter_ns()
                text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
                record.messages[text] = record.messages.get(text, 0) + 1
                state = relayed.get(text) or read(i, text)
                if state is None:
                    continue
                sender, seq, voiced, altered = state
                record.received[i].append((sender, seq, now))
                if voiced:
                    record.voice_frames += 1
                    if altered:
                        record.voice_altered.append((i, sender, seq))
                counts[i] += 1
                if counts[i] >= expected_each:
                    done[i].set()
        except WebSocketException as exc:  # closed for a message past the bound: the run is unjudged (h133-ws)
            record.over_bound = record.over_bound or (f"{url}: participant {i}" if over_bound(exc) else None)
            raise

    async def ask(ws: ClientConnection, request_id: int, method: str, params: JsonObject) -> JsonObject:
        answers[request_id] = asyncio.get_running_loop().create_future()
        await ws.send(_rpc(method, params, request_id))
        return await asyncio.wait_for(answers[request_id], plan.timeout_s)

    sockets: list[ClientConnection] = []
    readers: list[asyncio.Task[None]] = []
    try:
        for i in range(n):
            ws = await connect(url, ssl=tls, subprotocols=[Subprotocol(SUBPROTOCOL)], max_size=MAX_MESSAGE_BYTES,
                               open_timeout=plan.timeout_s, close_timeout=1, ping_interval=None,
                               compression=None)
            sockets.append(ws)
            readers.append(asyncio.create_task(reader(i, ws)))
        for i, ws in enumerate(sockets):
            answer = await ask(ws, 1_000 + i, "session.join", {"token": tokens[i], "avatar": state_for(i, 0)["avatar"]})
            result = answer.get("result") if isinstance(answer, dict) else None
            pid = result.get("participant") if isinstance(result, dict) else None
            if not isinstance(pid, str):
                record.failures.append((i, orjson.dumps(answer).decode()[:300]))
                return record
            record.ids[i] = pid
            index_of[pid] = i

        async def publisher(i: int, ws: ClientConnection) -> None:
            await asyncio.sleep(plan.interval_s * i / n)
            for seq in range(updates):
                state = state_for(i, seq)
                record.last_state[i] = {"seq": seq, **state}
                # known before it can arrive: the readers tell strays from late ones
                record.sent[(i, seq)] = time.perf_counter_ns()
                await ws.send(_rpc("session.publish", {"seq": seq, **state}))
                await asyncio.sleep(plan.interval_s)

        async with apparatus.probing(record.lateness_ms):  # while the participants publish and their updates arrive
            await asyncio.gather(*(publisher(i, ws) for i, ws in enumerate(sockets)))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(*(d.wait() for d in done)), plan.settle_s)
        snapshots = await asyncio.gather(*(ask(ws, 2_000 + i, "session.snapshot", {})
                                           for i, ws in enumerate(sockets)), return_exceptions=True)
        for i, snapshot in enumerate(snapshots):
            result = snapshot.get("result") if isinstance(snapshot, dict) else None
            state = result.get("state") if isinstance(result, dict) else None
            record.snapshots[i] = state if isinstance(state, dict) else None
        if not plan.late:
            return record
        # a late joiner: the space's state must reach it in its join answer (IF-SES-005's statement)
        welcome: JsonObject | None = None  # the late joiner's join answer, if any
        try:
            late = await connect(url, ssl=tls, subprotocols=[Subprotocol(SUBPROTOCOL)], max_size=MAX_MESSAGE_BYTES,
                                 open_timeout=plan.timeout_s, close_timeout=1, ping_interval=None, compression=None)
            sockets.append(late)
            readers.append(asyncio.create_task(reader(n, late)))
            welcome = await ask(late, 3_000, "session.join",
                                {"token": tokens[n], "avatar": state_for(n, 0)["avatar"]})
        except (OSError, TimeoutError, WebSocketException, ssl.SSLError) as exc:
            record.late_failure = f"{url}: {type(exc).__name__}: {str(exc)[:300]}"
        result = welcome.get("result") if isinstance(welcome, dict) else None
        state = result.get("state") if isinstance(result, dict) else None
        record.snapshots[n] = state if isinstance(state, dict) else None
    finally:
        # closed together while the readers still read: a reader stopped first leaves the
        # platform's last messages unread, and each close would wait out its timeout
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    record.elapsed_s = time.perf_counter() - start
    return record


def run(base_url: str, join_path: str, space: str, tokens: Sequence[str], plan: Plan,
        tls: ssl.SSLContext | None) -> Record:
    """Drive ``plan.participants`` participants in ``space``, then a late joiner unless ``plan.late``
    is false (``participants + 1`` tokens, else ``participants``), and return the record; a session that could not be opened or was broken off
    is a failure in it (participant -1), never an exception."""
    from websockets.exceptions import WebSocketException

    url = join_url(base_url, join_path, space)
    record = Record(plan, ids=[None] * (plan.participants + 1))
    try:
        return asyncio.run(_run(url, tokens, plan, tls, record))
    except (OSError, TimeoutError, WebSocketException, ssl.SSLError) as exc:
        record.failures.append((-1, f"{url}: {type(exc).__name__}: {str(exc)[:300]}"))
        record.over_bound = record.over_bound or (url if over_bound(exc) else None)
        return record


# The statistics, each a pure function of the record.

def latencies_ms(record: Record) -> list[float]:
    """Each delivery's latency (its first receipt at each recipient), in milliseconds."""
    found = []
    for recipient, items in record.received.items():
        seen: set[tuple[int, int]] = set()
        for sender, seq, at in items:
            if (sender, seq) in seen or sender == recipient:
                continue
            seen.add((sender, seq))
            found.append((at - record.sent[(sender, seq)]) / 1e6)
    return found


@dataclass(frozen=True)
class Latency:
    """p50, p95 and the largest latency (ms) with the standard uncertainty (type A) of each."""

    count: int
    p50: float
    p95: float
    max: float
    u_p50: float
    u_p95: float
    u_max: float = ONE_READING


def latency(values: Sequence[float]) -> Latency | None:
    if not values:
        return None
    return Latency(len(values), percentile(values, 50), percentile(values, 95), max(values),
                   u_percentile(values, 50), u_percentile(values, 95))


def overrun(record: Record, p95_limit_ms: float, max_limit_ms: float) -> apparatus.Overrun | None:
    """IF-SES-002's validity condition on one measurement (:func:`.apparatus.overrun`: the latency's
    p95 and largest value each against its limit, the probe's same statistic against the share of
    it); None when valid, or when there is nothing the apparatus could have decided: a session not
    held, no update arrived (IF-SES-001's and IF-SES-003's)."""
    stats = latency(latencies_ms(record))
    if record.failures or stats is None:
        return None
    judged = (("p95", stats.p95, p95_limit_ms), ("max", stats.max, max_limit_ms))
    return apparatus.overrun(apparatus.apparatus(record.lateness_ms), judged)


@dataclass(frozen=True)
class Loss:
    expected: int
    delivered: int
    #: (recipient, sender, seq) of the first deliveries missing, at most 20
    missing: list[tuple[int, int, int]]

    @property
    def lost(self) -> int:
        return self.expected - self.delivered

    @property
    def ratio(self) -> float:
        return self.lost / self.expected if self.expected else 0.0

    @property
    def u_ratio(self) -> float:
        return u_proportion(self.lost, self.expected)


def loss(record: Record) -> Loss:
    """Deliveries missing: every update of every sender is owed to each other participant."""
    got = {(r, s, q) for r, items in record.received.items() for s, q, _ in items}
    expected = [(r, s, q) for (s, q) in sorted(record.sent) for r in range(record.plan.participants) if r != s]
    missing = [key for key in expected if key not in got]
    return Loss(len(expected), len(expected) - len(missing), missing[:20])


def voice_faults(record: Record) -> tuple[int, list[tuple[int, int, int]]]:
    """(voice frames owed, (recipient, sender, seq) of each not arrived as sent): every frame sent
    is owed to each other participant (IF-SES-006), so one in a state that never arrived is missing
    here as well as an update lost for IF-SES-003, and one in a state that arrived without it, or
    with other bytes, is altered."""
    got = {(r, s, q) for r, items in record.received.items() for s, q, _ in items}
    owed = [(r, s, q) for (s, q) in sorted(record.sent) if voice_frame(s, q) is not None
            for r in range(record.plan.participants) if r != s]
    altered = set(record.voice_altered)
    return len(owed), [key for key in owed if key not in got or key in altered]


def order_violations(record: Record) -> list[tuple[int, int, int, int]]:
    """(recipient, sender, seq, after seq) of each update a recipient got after a later one of
    the same sender: the per-sender order broken."""
    found = []
    for recipient, items in sorted(record.received.items()):
        highest: dict[int, int] = {}
        for sender, seq, _ in items:
            if sender in highest and seq < highest[sender]:
                found.append((recipient, sender, seq, highest[sender]))
            highest[sender] = max(seq, highest.get(sender, seq))
    return found


def divergences(record: Record) -> list[tuple[int, int, str]]:
    """(recipient, participant, what) for each participant whose state in a recipient's snapshot
    is not the last one it published ("missing", "seq N" or "content"); an unanswered snapshot
    is (recipient, -1, "unanswered"); a late joiner that could not join (``late_failure``) has no
    answer to compare and is left out."""
    found: list[tuple[int, int, str]] = []
    for recipient in range(record.plan.participants + (record.late_failure is None)):
        snapshot = record.snapshots.get(recipient)
        if snapshot is None:
            found.append((recipient, -1, "unanswered"))
            continue
        for participant, last in sorted(record.last_state.items()):
            held = snapshot.get(str(record.ids[participant]))
            if not isinstance(held, dict):
                found.append((recipient, participant, "missing"))
            elif held.get("seq") != last["seq"]:
                found.append((recipient, participant, f"seq {held.get('seq')!r}"))
            elif {k: held.get(k) for k in last} != last:
                found.append((recipient, participant, "content"))
    return found
