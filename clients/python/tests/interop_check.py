"""Interop check: stock Python grpcio against the OperandoRig daemon's gRPC layer.

Run one case per invocation; prints ``key=value`` figures, exits 0 when the case's checks pass and 1 otherwise
(with the reason on stderr). The MSTest interop tests (tests/Daemon/Api) start the daemon's services and run this.

    /usr/bin/python3 clients/python/tests/interop_check.py --target 127.0.0.1:50051 stream --count 10000

Needs the operando.v1 message modules on PYTHONPATH (protoc --python_out), see clients/python/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import grpc  # noqa: E402

from operando_client import OperandoClient  # noqa: E402


class CheckFailed(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def emit(**figures: object) -> None:
    for key, value in figures.items():
        print(f"{key}={value}", flush=True)


def case_unary(client: OperandoClient, args: argparse.Namespace) -> None:
    payload = "interop ✓ " + uuid.uuid4().hex
    reply = client.ping(payload, timeout=args.timeout)
    check(reply.payload == payload, f"payload came back as {reply.payload!r}, expected {payload!r}")
    check(reply.server_time_unix_s > 1e9, f"server_time_unix_s {reply.server_time_unix_s} is not a Unix time")
    emit(payload_ok="true", server_time_unix_s=reply.server_time_unix_s)


def case_stream(client: OperandoClient, args: argparse.Namespace) -> None:
    received = 0
    in_order = True
    for tick in client.stream_ticks(count=args.count, tag="interop-stream-" + uuid.uuid4().hex, timeout=args.timeout):
        if tick.index != received:
            in_order = False
        received += 1
    check(received == args.count, f"received {received} ticks, expected {args.count}")
    check(in_order, "ticks arrived out of order")
    emit(received=received, in_order="true" if in_order else "false")


def case_error(client: OperandoClient, args: argparse.Namespace) -> None:
    code = grpc.StatusCode.FAILED_PRECONDITION
    try:
        client.fail(code.value[0], args.message, timeout=args.timeout)
    except grpc.RpcError as error:
        check(error.code() == code, f"status {error.code()}, expected {code}")
        check(error.details() == args.message, f"details {error.details()!r}, expected {args.message!r}")
        emit(code=error.code().name, details=error.details())
        return
    raise CheckFailed("Fail returned a reply instead of an error status")


def case_deadline(client: OperandoClient, args: argparse.Namespace) -> None:
    try:
        client.sleep(duration_s=60.0, timeout=args.deadline_s)
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, f"status {error.code()}, expected DEADLINE_EXCEEDED")
        emit(code=error.code().name)
        return
    raise CheckFailed("Sleep(60 s) returned within its deadline")


def case_cancel(client: OperandoClient, args: argparse.Namespace) -> None:
    tag = "interop-cancel-" + uuid.uuid4().hex
    call = client.stream_ticks(count=0, tag=tag)  # 0 = until cancelled
    received = 0
    for _ in call:
        received += 1
        if received == args.count:
            break
    call.cancel()
    try:
        for _ in call:
            pass
        raise CheckFailed("the stream ended normally after cancel()")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.CANCELLED, f"status {error.code()} after cancel(), expected CANCELLED")

    # Wait (by asking, no fixed sleep) until the daemon reports the stream ended, then check it stays quiet.
    give_up = time.monotonic() + args.timeout
    stats = client.stream_stats(tag, timeout=args.timeout)
    while stats.active != 0:
        check(time.monotonic() < give_up, f"the stream was still active {args.timeout} s after cancel(): {stats}")
        stats = client.stream_stats(tag, timeout=args.timeout)
    produced = stats.produced
    for _ in range(20):
        client.ping("still there?", timeout=args.timeout)
    after = client.stream_stats(tag, timeout=args.timeout)
    check(after.produced == produced, f"produced grew from {produced} to {after.produced} after the stream ended")
    check(after.cancelled == 1, f"cancelled is {after.cancelled}, expected 1")
    check(produced >= received, f"produced {produced} < received {received}")
    emit(received=received, produced=produced, produced_after=after.produced, active=after.active, cancelled=after.cancelled)


SAMPLES_PROTOCOL = """
name: python-e2e
steps:
  - Rest for 20 s
  - Charge at 1 mA for 60 s
  - Discharge at 1 mA for 1 min
"""


def case_samples(client: OperandoClient, args: argparse.Namespace) -> None:
    """Starts a timed protocol on a channel and receives its samples: stored ones, then live ones."""
    reply = client.start_protocol(args.channel, SAMPLES_PROTOCOL, source_name="python-e2e.yaml", timeout=args.timeout)
    samples = list(client.stream_samples(args.channel, from_seq=1, max_count=args.count, timeout=args.timeout))
    check(len(samples) == args.count, f"received {len(samples)} samples, expected {args.count}")
    seqs = [s.seq for s in samples]
    check(seqs == list(range(1, args.count + 1)), f"sequence numbers are not 1..{args.count}: {seqs[:5]}...")
    check(all(s.run_id == reply.run_id for s in samples), "a sample carries another run id")
    steps = sorted({s.step_index for s in samples})
    gaps = [b.time_unix_s - a.time_unix_s for a, b in zip(samples, samples[1:])]
    emit(received=len(samples), run_id=reply.run_id, estimated_duration_s=reply.estimated_duration_s,
         span_s=round(samples[-1].time_unix_s - samples[0].time_unix_s, 6), min_gap_s=round(min(gaps), 6),
         max_gap_s=round(max(gaps), 6), steps=",".join(map(str, steps)),
         charge_after_charge_ah=samples[80].charge_ah, last_charge_ah=samples[-1].charge_ah)


def case_control(client: OperandoClient, args: argparse.Namespace) -> None:
    """Starts a long charge, pauses it at open circuit, resumes, stops; a resume after the end is refused."""
    client.start_protocol(args.channel, "steps: [Charge at 1 mA for 10 h]", source_name="python-control.yaml", timeout=args.timeout)

    def wait(condition, what):
        return _wait_status(client, args, condition, what)

    wait(lambda s: s.sample_count >= 10, "ten samples")
    paused = client.pause(args.channel, hold="open_circuit", reason="python: beam refill", timeout=args.timeout)
    check(paused.state == "Paused", f"state after pause is {paused.state}")
    held = wait(lambda s: s.sample_count > paused.sample_count + 5, "samples while paused")
    check(abs(held.current_a) < 1e-6, f"current while held at open circuit is {held.current_a} A")
    resumed = client.resume(args.channel, reason="python: beam back", timeout=args.timeout)
    check(resumed.state == "Running", f"state after resume is {resumed.state}")
    flowing = wait(lambda s: s.sample_count > resumed.sample_count + 5, "samples after resume")
    check(abs(flowing.current_a - 1e-3) < 1e-7, f"current after resume is {flowing.current_a} A")
    stopped = client.stop(args.channel, reason="python: done", timeout=args.timeout)
    check(stopped.state == "Finished", f"state after stop is {stopped.state}")
    try:
        client.resume(args.channel, timeout=args.timeout)
        check(False, "resume after the end was accepted")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.FAILED_PRECONDITION, f"resume after the end: {error.code()}")
        refused = error.details()
    try:
        client.pause(args.channel, hold="sideways")
        check(False, "an unknown hold policy was accepted")
    except ValueError as error:
        check("hold: 'sideways'" in str(error), f"unknown hold policy: {error}")
    cycles = client.cycle_summaries(stopped.run_id, timeout=args.timeout).cycles
    check(len(cycles) == 1, f"{len(cycles)} cycle summaries, expected 1")
    check(abs(cycles[0].charge_capacity_ah - stopped.total.charge_ah) <= 1e-9 * max(1.0, stopped.total.charge_ah) + 1e-15,
          f"cycle charge {cycles[0].charge_capacity_ah} Ah != run total {stopped.total.charge_ah} Ah")
    spectra = client.impedance_spectra(stopped.run_id, timeout=args.timeout)
    check(spectra.channel_id == args.channel and len(spectra.spectra) == 0, f"a run without EIS has spectra: {spectra}")
    emit(paused=paused.state, held_current_a=held.current_a, resumed=resumed.state, stopped=stopped.state,
         end_reason=stopped.end_reason, charge_ah=stopped.total.charge_ah, refused=refused)


def case_follow_resume(client: OperandoClient, args: argparse.Namespace) -> None:
    """Follows an event stream while it is written, disconnects after ``--first`` events, resumes from the last
    sequence number + 1 until event ``--count``, then waits for an idle heartbeat: no gap, no duplicate."""
    first = []
    call = client.follow_events(args.stream, from_seq=1, heartbeat_interval_s=args.heartbeat_s, timeout=args.timeout)
    for reply in call:
        if reply.WhichOneof("item") == "event":
            first.append(reply.event)
            if len(first) == args.first:
                break
    call.cancel()
    check(len(first) == args.first, f"the first follow ended after {len(first)} events, expected {args.first}")

    second = []
    heartbeats = 0
    idle_last_seq = -1
    resumed_from = first[-1].seq + 1
    for reply in client.iter_events_resuming(args.stream, from_seq=resumed_from, heartbeat_interval_s=args.heartbeat_s):
        if reply.WhichOneof("item") == "event":
            second.append(reply.event)
            continue
        heartbeats += 1
        if second and second[-1].seq >= args.count:
            idle_last_seq = reply.heartbeat.last_seq  # silence after the last event
            break

    events = first + second
    seqs = [e.seq for e in events]
    duplicates = len(seqs) - len(set(seqs))
    gaps = sum(1 for a, b in zip(seqs, seqs[1:]) if b != a + 1)
    check(duplicates == 0, f"{duplicates} duplicate sequence numbers")
    check(seqs == list(range(1, args.count + 1)), f"sequence numbers are not 1..{args.count} ({gaps} gaps): {seqs[:3]}...{seqs[-3:]}")
    check(all(e.message == f"e{e.seq}" and e.stream == args.stream for e in events), "an event's text or stream does not match its seq")
    check(idle_last_seq == args.count, f"the idle heartbeat names last_seq {idle_last_seq}, expected {args.count}")
    fields = json.loads(events[-1].fields_json)
    emit(received=len(events), first=len(first), resumed_from=resumed_from, duplicates=duplicates, gaps=gaps,
         heartbeats=heartbeats, idle_last_seq=idle_last_seq, last_field_i=fields.get("i", ""))


def case_query(client: OperandoClient, args: argparse.Namespace) -> None:
    """Runs the timed protocol, then queries its samples and events by run, channel, time and sequence range."""
    reply = client.start_protocol(args.channel, SAMPLES_PROTOCOL, source_name="python-query.yaml", timeout=args.timeout)
    streamed = list(client.stream_samples(args.channel, from_seq=1, max_count=args.count, timeout=args.timeout))
    by_run = list(client.query_samples(run_id=reply.run_id, timeout=args.timeout))
    check(len(by_run) >= args.count, f"query by run gave {len(by_run)} samples, {args.count} were streamed")
    check([s.seq for s in by_run[:args.count]] == [s.seq for s in streamed], "query by run and the stream disagree")
    check(by_run[:args.count] == streamed, "a queried sample differs from the streamed one")
    window = list(client.query_samples(channel_id=args.channel, from_seq=20, to_seq=40, timeout=args.timeout))
    check([s.seq for s in window] == list(range(20, 41)), f"seq 20..40 gave {[s.seq for s in window]}")
    t0 = streamed[0].time_unix_s
    timed = list(client.query_samples(channel_id=args.channel, from_time_unix_s=t0 + 10, to_time_unix_s=t0 + 19.5, timeout=args.timeout))
    check([s.seq for s in timed] == [s.seq for s in streamed if t0 + 10 <= s.time_unix_s <= t0 + 19.5], "time window mismatch")
    events = list(client.query_events(run_id=reply.run_id, timeout=args.timeout))
    states = [json.loads(e.fields_json)["to"] for e in events if e.kind == "state.changed"]
    check(states[:1] == ["Running"], f"the run's first state change is {states[:1]}, expected Running")
    try:
        list(client.query_samples(channel_id=args.channel, from_seq=40, to_seq=20, timeout=args.timeout))
        check(False, "from_seq 40 > to_seq 20 was accepted")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.INVALID_ARGUMENT, f"bad range: {error.code()}")
        refused = error.details()
    stats = client.pipeline_stats(timeout=args.timeout)
    check(stats.stored_samples >= args.count, f"pipeline stored {stats.stored_samples} samples, {args.count} were streamed")
    emit(by_run=len(by_run), window=len(window), timed=len(timed), states=",".join(states), refused=refused,
         stored_samples=stats.stored_samples, stored_events=stats.stored_events, batches=stats.batches)


def _wait_status(client: OperandoClient, args: argparse.Namespace, condition, what: str):
    give_up = time.monotonic() + args.timeout
    while True:
        status = client.channel_status(args.channel, timeout=args.timeout)
        if condition(status):
            return status
        check(time.monotonic() < give_up, f"{what} never happened: {status}")
        time.sleep(0.02)


def case_sync(client: OperandoClient, args: argparse.Namespace) -> None:
    """Watches the sync points of an operando plan's ``sync`` step, sees the cell held, acknowledges, and sees the
    protocol resume; a second acknowledgement and an unknown id are refused."""
    call = client.watch_sync_points(args.channel, max_count=1, timeout=args.timeout)
    points = list(call)
    check(len(points) == 1, f"the watch ended after {len(points)} sync points, expected 1")
    point = points[0]
    check(point.channel_id == args.channel, f"sync point of channel {point.channel_id!r}")
    check(point.deadline_unix_s > point.server_time_unix_s, f"deadline {point.deadline_unix_s} already passed at {point.server_time_unix_s}")
    check(point.HasField("state"), "the sync point carries no cell state")
    held = client.channel_status(args.channel, timeout=args.timeout)
    check(held.state == "Paused", f"the cell is {held.state} while its sync point is pending, expected Paused")
    check(held.run_id == point.run_id, f"sync point run {point.run_id} vs channel run {held.run_id}")
    pending = [p.sync_id for p in client.list_sync_points(args.channel, timeout=args.timeout).pending]
    check(point.sync_id in pending, f"{point.sync_id} not in the pending list {pending}")
    ack = client.acknowledge_sync(point.sync_id, "done", "python: tomography, 181 projections", timeout=args.timeout)
    check(ack.sync_id == point.sync_id, f"acknowledged {ack.sync_id}, expected {point.sync_id}")
    codes = {}
    for name, sync_id in (("again", point.sync_id), ("unknown", "no-such-sync")):
        try:
            client.acknowledge_sync(sync_id, timeout=args.timeout)
            check(False, f"acknowledging {sync_id} ({name}) was accepted")
        except grpc.RpcError as error:
            codes[name] = error.code().name
    check(codes == {"again": "ALREADY_EXISTS", "unknown": "NOT_FOUND"}, f"refusals: {codes}")
    resumed = _wait_status(client, args, lambda s: s.state != "Paused", "the resume after the acknowledgement")
    check(resumed.state in ("Running", "Finished"), f"the cell is {resumed.state} after the acknowledgement")
    emit(sync_id=point.sync_id, label=point.label, trigger_id=point.trigger_id, run_id=point.run_id, soc=point.state.soc,
         held_state=held.state, waited_s=ack.waited_s, after_ack=resumed.state, again=codes["again"], unknown=codes["unknown"])


def case_sync_late(client: OperandoClient, args: argparse.Namespace) -> None:
    """Watches a sync point and lets its deadline pass without acknowledging: it leaves the pending list, and a late
    acknowledgement is refused (the plan's fallback was taken)."""
    points = list(client.watch_sync_points(args.channel, max_count=1, timeout=args.timeout))
    check(len(points) == 1, f"the watch ended after {len(points)} sync points, expected 1")
    point = points[0]
    give_up = time.monotonic() + args.timeout
    while point.sync_id in [p.sync_id for p in client.list_sync_points(args.channel, timeout=args.timeout).pending]:
        check(time.monotonic() < give_up, f"{point.sync_id} never expired")
        time.sleep(0.05)
    try:
        client.acknowledge_sync(point.sync_id, timeout=args.timeout)
        check(False, "a late acknowledgement was accepted")
    except grpc.RpcError as error:
        check(error.code() == grpc.StatusCode.FAILED_PRECONDITION, f"late acknowledgement: {error.code()}")
        late = error.details()
    emit(sync_id=point.sync_id, late=late)


CASES = {
    "sync": case_sync,
    "sync-late": case_sync_late,
    "follow-resume": case_follow_resume,
    "query": case_query,
    "control": case_control,
    "samples": case_samples,
    "unary": case_unary,
    "stream": case_stream,
    "error": case_error,
    "deadline": case_deadline,
    "cancel": case_cancel,
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("--target", default="127.0.0.1:50051", help="host:port of the daemon's gRPC endpoint")
    parser.add_argument("--count", type=int, default=10_000, help="stream: ticks to receive; cancel: ticks before cancel()")
    parser.add_argument("--message", default="cell 3 is not ready — 100% sure", help="error: the status message")
    parser.add_argument("--deadline-s", type=float, default=0.5, help="deadline: the call's deadline in seconds")
    parser.add_argument("--channel", default="ch1", help="samples: the channel to start the protocol on")
    parser.add_argument("--stream", default="test/events", help="follow-resume: the event stream")
    parser.add_argument("--first", type=int, default=500, help="follow-resume: events before the disconnect")
    parser.add_argument("--heartbeat-s", type=float, default=0.2, help="follow-resume: heartbeat interval in seconds")
    parser.add_argument("--timeout", type=float, default=60.0, help="upper bound for any one call, in seconds")
    args = parser.parse_args(argv)

    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    with OperandoClient(args.target) as client:
        client.wait_ready(timeout=args.timeout)
        try:
            CASES[args.case](client, args)
        except CheckFailed as failure:
            print(f"FAILED {args.case}: {failure}", file=sys.stderr, flush=True)
            return 1
    emit(result="ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
