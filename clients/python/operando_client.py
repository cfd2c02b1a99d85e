"""A thin Python client for the OperandoRig daemon's gRPC API.

Uses stock grpcio and protobuf. Only the *message* modules are generated (by protoc); the calls go through
grpcio's generic ``channel.unary_unary`` / ``channel.unary_stream`` API, so no gRPC code generator plugin is needed.

Generate the message modules once (from the repository root)::

    protoc -I src/Protocol --python_out=clients/python src/Protocol/operando/v1/*.proto

Example::

    from operando_client import OperandoClient

    with OperandoClient("127.0.0.1:50051") as rig:
        print(rig.ping("hello").server_time_unix_s)
        for sample in rig.stream_samples("ch1", from_seq=0, max_count=100):
            print(sample.seq, sample.voltage_v, sample.current_a)
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence, Tuple

import grpc

try:
    from operando.v1 import analytics_pb2, diagnostics_pb2, rig_pb2
except ImportError as exc:  # pragma: no cover - depends on the caller's setup
    raise ImportError(
        "The operando.v1 message modules are missing. From the repository root run:\n"
        "    protoc -I src/Protocol --python_out=clients/python src/Protocol/operando/v1/*.proto\n"
        "(Debian/Ubuntu: apt-get install protobuf-compiler python3-protobuf python3-grpcio)"
    ) from exc

__all__ = ["OperandoClient", "diagnostics_pb2", "rig_pb2", "grpc"]

_DIAGNOSTICS = "/operando.v1.Diagnostics/"
_RIG = "/operando.v1.Rig/"
_ANALYTICS = "/operando.v1.Analytics/"


class OperandoClient:
    """Calls the daemon's Diagnostics and Rig services over one gRPC channel.

    Unary methods return the reply message and raise ``grpc.RpcError`` (with ``.code()`` and ``.details()``) on
    an error status. Streaming methods return grpcio's call object: iterate it for messages, call ``.cancel()``
    to stop the stream (the daemon stops producing). ``timeout`` is in seconds and becomes the call's deadline.
    """

    def __init__(
        self,
        target: str = "127.0.0.1:50051",
        *,
        channel: Optional[grpc.Channel] = None,
        options: Optional[Sequence[Tuple[str, object]]] = None,
    ) -> None:
        self._owns_channel = channel is None
        self.channel = channel if channel is not None else grpc.insecure_channel(target, options=list(options or []))
        a, d, r = analytics_pb2, diagnostics_pb2, rig_pb2
        self._ping = self._unary(_DIAGNOSTICS + "Ping", d.PingRequest, d.PingReply)
        self._count = self._stream(_DIAGNOSTICS + "Count", d.CountRequest, d.Tick)
        self._sleep = self._unary(_DIAGNOSTICS + "Sleep", d.SleepRequest, d.PingReply)
        self._fail = self._unary(_DIAGNOSTICS + "Fail", d.FailRequest, d.PingReply)
        self._stats = self._unary(_DIAGNOSTICS + "GetStreamStats", d.StreamStatsRequest, d.StreamStats)
        self._rig_info = self._unary(_RIG + "GetRigInfo", r.GetRigInfoRequest, r.RigInfo)
        self._start_protocol = self._unary(_RIG + "StartProtocol", r.StartProtocolRequest, r.StartProtocolReply)
        self._stream_samples = self._stream(_RIG + "StreamSamples", r.StreamSamplesRequest, r.SampleMessage)
        self._cycle_summaries = self._unary(_ANALYTICS + "GetCycleSummaries", a.CycleSummariesRequest, a.CycleSummariesReply)
        self._dqdv = self._unary(_ANALYTICS + "GetDifferentialCapacity", a.DifferentialCapacityRequest, a.DifferentialCapacityReply)
        self._control_run = self._unary(_RIG + "ControlRun", r.ControlRunRequest, r.ChannelStatusMessage)
        self._channel_status = self._unary(_RIG + "GetChannelStatus", r.GetChannelStatusRequest, r.ChannelStatusMessage)

    # -- lifetime -------------------------------------------------------------------------------------------

    def wait_ready(self, timeout: float = 10.0) -> None:
        """Blocks until the channel is connected; raises ``grpc.FutureTimeoutError`` after ``timeout`` seconds."""
        grpc.channel_ready_future(self.channel).result(timeout=timeout)

    def close(self) -> None:
        if self._owns_channel:
            self.channel.close()

    def __enter__(self) -> "OperandoClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- Diagnostics ----------------------------------------------------------------------------------------

    def ping(self, payload: str = "", timeout: Optional[float] = None) -> "diagnostics_pb2.PingReply":
        """Round trip; the reply carries the payload and the daemon clock (Unix seconds)."""
        return self._ping(diagnostics_pb2.PingRequest(payload=payload), timeout=timeout)

    def stream_ticks(self, count: int = 0, interval_s: float = 0.0, tag: str = "", timeout: Optional[float] = None):
        """Server stream of ``count`` ticks (0 = until cancelled), ``interval_s`` apart on the daemon clock."""
        return self._count(diagnostics_pb2.CountRequest(count=count, interval_s=interval_s, tag=tag), timeout=timeout)

    def sleep(self, duration_s: float, timeout: Optional[float] = None) -> "diagnostics_pb2.PingReply":
        """Waits ``duration_s`` on the daemon clock, then replies (for checking deadlines)."""
        return self._sleep(diagnostics_pb2.SleepRequest(duration_s=duration_s), timeout=timeout)

    def fail(self, code: int, message: str = "", timeout: Optional[float] = None) -> "diagnostics_pb2.PingReply":
        """Makes the daemon fail with status ``code`` (1..16) and ``message``; always raises ``grpc.RpcError``."""
        return self._fail(diagnostics_pb2.FailRequest(code=code, message=message), timeout=timeout)

    def stream_stats(self, tag: str = "", timeout: Optional[float] = None) -> "diagnostics_pb2.StreamStats":
        """What the tick streams with ``tag`` have produced, how many are active and how many were cancelled."""
        return self._stats(diagnostics_pb2.StreamStatsRequest(tag=tag), timeout=timeout)

    # -- Rig ------------------------------------------------------------------------------------------------

    def rig_info(self, timeout: Optional[float] = None) -> "rig_pb2.RigInfo":
        """The rig: its channels, their capabilities and what they are doing now."""
        return self._rig_info(rig_pb2.GetRigInfoRequest(), timeout=timeout)

    def start_protocol(
        self, channel_id: str, protocol_yaml: str, source_name: str = "", timeout: Optional[float] = None
    ) -> "rig_pb2.StartProtocolReply":
        """Validates and starts a protocol (YAML text) on a channel; returns the run id and estimated duration."""
        request = rig_pb2.StartProtocolRequest(channel_id=channel_id, protocol_yaml=protocol_yaml, source_name=source_name)
        return self._start_protocol(request, timeout=timeout)

    def stream_samples(self, channel_id: str, from_seq: int = 0, max_count: int = 0, timeout: Optional[float] = None):
        """Samples of a channel: the stored ones from ``from_seq`` on, then live ones; stops after ``max_count``
        samples (0 = until cancelled). Iterate the result; call ``.cancel()`` on it to stop early."""
        request = rig_pb2.StreamSamplesRequest(channel_id=channel_id, from_seq=from_seq, max_count=max_count)
        return self._stream_samples(request, timeout=timeout)

    def iter_samples(self, channel_id: str, from_seq: int = 0, max_count: int = 0) -> Iterator["rig_pb2.SampleMessage"]:
        """Like ``stream_samples`` but a plain generator that cancels the call when the caller stops iterating."""
        call = self.stream_samples(channel_id, from_seq=from_seq, max_count=max_count)
        try:
            for sample in call:
                yield sample
        finally:
            call.cancel()

    def channel_status(self, channel_id: str, timeout: Optional[float] = None) -> "rig_pb2.ChannelStatusMessage":
        """A channel's state, step, cycle, charge/energy tallies (Ah, Wh) and last reading (V, A, s)."""
        return self._channel_status(rig_pb2.GetChannelStatusRequest(channel_id=channel_id), timeout=timeout)

    def pause(self, channel_id: str, hold: str = "open_circuit", reason: str = "", timeout: Optional[float] = None):
        """Pauses the run; the cell is held by ``hold``: "open_circuit", "hold_voltage" or "keep_current"."""
        kinds = {"open_circuit": rig_pb2.HOLD_POLICY_KIND_OPEN_CIRCUIT, "hold_voltage": rig_pb2.HOLD_POLICY_KIND_HOLD_VOLTAGE,
                 "keep_current": rig_pb2.HOLD_POLICY_KIND_KEEP_CURRENT}
        if hold not in kinds:
            raise ValueError(f"hold: {hold!r} is not a hold policy; allowed: {', '.join(kinds)}")
        return self._control(channel_id, rig_pb2.RUN_CONTROL_ACTION_PAUSE, reason, timeout, kinds[hold])

    def resume(self, channel_id: str, reason: str = "", timeout: Optional[float] = None):
        """Resumes a paused or suspended run where it was held."""
        return self._control(channel_id, rig_pb2.RUN_CONTROL_ACTION_RESUME, reason, timeout)

    def stop(self, channel_id: str, reason: str = "", timeout: Optional[float] = None):
        """Stops the run cleanly (cell to open circuit, ends Finished); returns when its data is stored."""
        return self._control(channel_id, rig_pb2.RUN_CONTROL_ACTION_STOP, reason, timeout)

    def abort(self, channel_id: str, reason: str = "", timeout: Optional[float] = None):
        """As ``stop``, but the run is recorded as failed (Aborted)."""
        return self._control(channel_id, rig_pb2.RUN_CONTROL_ACTION_ABORT, reason, timeout)

    def halt(self, channel_id: str, reason: str = "", timeout: Optional[float] = None):
        """Halts at once without clean-up (Halted)."""
        return self._control(channel_id, rig_pb2.RUN_CONTROL_ACTION_HALT, reason, timeout)

    def cycle_summaries(self, run_id: str, active_mass_mg: float = 0.0, discharge_first: bool = False,
                        timeout: Optional[float] = None) -> "analytics_pb2.CycleSummariesReply":
        """Per-cycle capacities (Ah), energies (Wh), coulombic efficiency, mean voltages (V), hysteresis, retention."""
        request = analytics_pb2.CycleSummariesRequest(run_id=run_id, active_mass_mg=active_mass_mg, discharge_first=discharge_first)
        return self._cycle_summaries(request, timeout=timeout)

    def differential_capacity(self, run_id: str, cycle: int, direction: str = "charge", bin_width_v: float = 0.0,
                              timeout: Optional[float] = None) -> "analytics_pb2.DifferentialCapacityReply":
        """dQ/dV (Ah/V at bin centres, V) of one cycle's "charge" or "discharge"; bin width 0 = 5 mV."""
        halves = {"charge": analytics_pb2.HALF_CYCLE_CHARGE, "discharge": analytics_pb2.HALF_CYCLE_DISCHARGE}
        if direction not in halves:
            raise ValueError(f"direction: {direction!r} is not a half-cycle; allowed: charge, discharge")
        request = analytics_pb2.DifferentialCapacityRequest(run_id=run_id, cycle=cycle, direction=halves[direction], bin_width_v=bin_width_v)
        return self._dqdv(request, timeout=timeout)

    def _control(self, channel_id, action, reason, timeout, hold=0):
        request = rig_pb2.ControlRunRequest(channel_id=channel_id, action=action, hold=hold, reason=reason)
        return self._control_run(request, timeout=timeout)

    # -- plumbing -------------------------------------------------------------------------------------------

    def _unary(self, path, request_type, reply_type):
        return self.channel.unary_unary(
            path, request_serializer=request_type.SerializeToString, response_deserializer=reply_type.FromString
        )

    def _stream(self, path, request_type, reply_type):
        return self.channel.unary_stream(
            path, request_serializer=request_type.SerializeToString, response_deserializer=reply_type.FromString
        )
