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
    from operando.v1 import analytics_pb2, data_pb2, diagnostics_pb2, operando_pb2, rig_pb2
except ImportError as exc:  # pragma: no cover - depends on the caller's setup
    raise ImportError(
        "The operando.v1 message modules are missing. From the repository root run:\n"
        "    protoc -I src/Protocol --python_out=clients/python src/Protocol/operando/v1/*.proto\n"
        "(Debian/Ubuntu: apt-get install protobuf-compiler python3-protobuf python3-grpcio)"
    ) from exc

__all__ = ["OperandoClient", "data_pb2", "diagnostics_pb2", "operando_pb2", "rig_pb2", "grpc"]

_DIAGNOSTICS = "/operando.v1.Diagnostics/"
_RIG = "/operando.v1.Rig/"
_ANALYTICS = "/operando.v1.Analytics/"
_DATA = "/operando.v1.Data/"
_OPERANDO = "/operando.v1.Operando/"


class OperandoClient:
    """Calls the daemon's Diagnostics, Rig, Analytics, Data and Operando services over one gRPC channel.

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
        self._check_protocol = self._unary(_RIG + "CheckProtocol", r.StartProtocolRequest, r.ProtocolCheckReply)
        self._stream_samples = self._stream(_RIG + "StreamSamples", r.StreamSamplesRequest, r.SampleMessage)
        self._cycle_summaries = self._unary(_ANALYTICS + "GetCycleSummaries", a.CycleSummariesRequest, a.CycleSummariesReply)
        self._spectra = self._unary(_ANALYTICS + "GetImpedanceSpectra", a.ImpedanceSpectraRequest, a.ImpedanceSpectraReply)
        self._dqdv = self._unary(_ANALYTICS + "GetDifferentialCapacity", a.DifferentialCapacityRequest, a.DifferentialCapacityReply)
        self._control_run = self._unary(_RIG + "ControlRun", r.ControlRunRequest, r.ChannelStatusMessage)
        self._channel_status = self._unary(_RIG + "GetChannelStatus", r.GetChannelStatusRequest, r.ChannelStatusMessage)
        g = data_pb2
        self._follow_events = self._stream(_DATA + "FollowEvents", g.FollowEventsRequest, g.FollowEventsReply)
        self._query_samples = self._stream(_DATA + "QuerySamples", g.QuerySamplesRequest, r.SampleMessage)
        self._query_events = self._stream(_DATA + "QueryEvents", g.QueryEventsRequest, g.EventMessage)
        self._pipeline_stats = self._unary(_DATA + "GetPipelineStats", g.PipelineStatsRequest, g.PipelineStats)
        o = operando_pb2
        self._watch_sync_points = self._stream(_OPERANDO + "WatchSyncPoints", o.WatchSyncPointsRequest, o.SyncPointMessage)
        self._list_sync_points = self._unary(_OPERANDO + "ListSyncPoints", o.ListSyncPointsRequest, o.ListSyncPointsReply)
        self._acknowledge_sync = self._unary(_OPERANDO + "AcknowledgeSync", o.AcknowledgeSyncRequest, o.AcknowledgeSyncReply)

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

    def check_protocol(
        self, channel_id: str, protocol_yaml: str, source_name: str = "", timeout: Optional[float] = None
    ) -> "rig_pb2.ProtocolCheckReply":
        """Validates a protocol without starting it: conditions on device vs daemon (latency), duration estimate."""
        request = rig_pb2.StartProtocolRequest(channel_id=channel_id, protocol_yaml=protocol_yaml, source_name=source_name)
        return self._check_protocol(request, timeout=timeout)

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

    def impedance_spectra(self, run_id: str, timeout: Optional[float] = None) -> "analytics_pb2.ImpedanceSpectraReply":
        """The run's EIS sweeps: points (Hz, Ohm), the cell state at start and end, the equivalent-circuit fit."""
        return self._spectra(analytics_pb2.ImpedanceSpectraRequest(run_id=run_id), timeout=timeout)

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

    # -- Data -----------------------------------------------------------------------------------------------

    def follow_events(self, stream: str, from_seq: int = 0, heartbeat_interval_s: float = 0.0, max_count: int = 0,
                      timeout: Optional[float] = None):
        """An event stream ("<channel>/events", "beamline/events", "operando/events"): the stored events from
        ``from_seq`` on, then live ones. Each reply holds either ``event`` or ``heartbeat`` (``reply.WhichOneof("item")``);
        a heartbeat comes after ``heartbeat_interval_s`` real seconds of silence (0 = 5 s), and one with ``lagged`` set
        when the follower fell behind and the next events come from the store. Iterate; ``.cancel()`` to stop."""
        request = data_pb2.FollowEventsRequest(stream=stream, from_seq=from_seq, heartbeat_interval_s=heartbeat_interval_s,
                                               max_count=max_count)
        return self._follow_events(request, timeout=timeout)

    def iter_events_resuming(self, stream: str, from_seq: int = 1, heartbeat_interval_s: float = 0.0,
                             retry_codes=(grpc.StatusCode.UNAVAILABLE,), max_retries: int = 10):
        """Events of ``stream`` from ``from_seq`` on, forever; when the connection drops with one of ``retry_codes`` the
        follow is reopened from the last sequence number received + 1, so the caller sees no gap and no duplicate.
        Heartbeats are passed through as they come (check ``reply.WhichOneof("item")``)."""
        next_seq = max(from_seq, 1)
        retries = 0
        while True:
            call = self.follow_events(stream, from_seq=next_seq, heartbeat_interval_s=heartbeat_interval_s)
            try:
                for reply in call:
                    retries = 0
                    if reply.WhichOneof("item") == "event":
                        next_seq = reply.event.seq + 1
                    yield reply
                return
            except grpc.RpcError as error:
                if error.code() not in retry_codes or retries >= max_retries:
                    raise
                retries += 1
            finally:
                call.cancel()

    def query_samples(self, run_id: str = "", channel_id: str = "", from_time_unix_s: Optional[float] = None,
                      to_time_unix_s: Optional[float] = None, from_seq: int = 0, to_seq: int = 0, limit: int = 0,
                      timeout: Optional[float] = None):
        """Stored samples of a run and/or channel, bounds inclusive (None/0 = open), in (channel, seq) order."""
        request = data_pb2.QuerySamplesRequest(run_id=run_id, channel_id=channel_id, from_seq=from_seq, to_seq=to_seq, limit=limit)
        if from_time_unix_s is not None:
            request.from_time_unix_s = from_time_unix_s
        if to_time_unix_s is not None:
            request.to_time_unix_s = to_time_unix_s
        return self._query_samples(request, timeout=timeout)

    def query_events(self, run_id: str = "", stream: str = "", from_time_unix_s: Optional[float] = None,
                     to_time_unix_s: Optional[float] = None, from_seq: int = 0, to_seq: int = 0, limit: int = 0,
                     timeout: Optional[float] = None):
        """Stored events of a run and/or stream, bounds inclusive (None/0 = open), in (stream, seq) order."""
        request = data_pb2.QueryEventsRequest(run_id=run_id, stream=stream, from_seq=from_seq, to_seq=to_seq, limit=limit)
        if from_time_unix_s is not None:
            request.from_time_unix_s = from_time_unix_s
        if to_time_unix_s is not None:
            request.to_time_unix_s = to_time_unix_s
        return self._query_events(request, timeout=timeout)

    def pipeline_stats(self, timeout: Optional[float] = None) -> "data_pb2.PipelineStats":
        """Queue depth, storage batches, live subscribers and their lag, InfluxDB forwarding lag."""
        return self._pipeline_stats(data_pb2.PipelineStatsRequest(), timeout=timeout)

    # -- Operando: external sync -----------------------------------------------------------------------------

    def watch_sync_points(self, channel_id: str = "", max_count: int = 0, timeout: Optional[float] = None):
        """The sync points an operando plan's ``sync`` steps publish while they hold a cell: the pending ones, then
        each new one (``channel_id`` "" = every channel). Each carries ``sync_id``, ``label``, ``spots``, the cell
        ``state`` (V, A, Ah, SOC, cycle, step) and ``deadline_unix_s`` (daemon clock; ``server_time_unix_s`` is the
        daemon's time when it was sent). Measure, then ``acknowledge_sync``. Iterate; ``.cancel()`` to stop."""
        request = operando_pb2.WatchSyncPointsRequest(channel_id=channel_id, max_count=max_count)
        return self._watch_sync_points(request, timeout=timeout)

    def list_sync_points(self, channel_id: str = "", timeout: Optional[float] = None) -> "operando_pb2.ListSyncPointsReply":
        """The sync points waiting for an acknowledgement now (``.pending``)."""
        return self._list_sync_points(operando_pb2.ListSyncPointsRequest(channel_id=channel_id), timeout=timeout)

    def acknowledge_sync(self, sync_id: str, outcome: str = "done", message: str = "",
                         timeout: Optional[float] = None) -> "operando_pb2.AcknowledgeSyncReply":
        """Acknowledges a sync point: the held cell's plan goes on. ``outcome`` is "done" or "failed" (recorded with
        ``message``). Raises ``grpc.RpcError``: NOT_FOUND (unknown id), FAILED_PRECONDITION (its deadline passed and
        the plan's fallback was taken), ALREADY_EXISTS (acknowledged before)."""
        outcomes = {"done": operando_pb2.SYNC_OUTCOME_DONE, "failed": operando_pb2.SYNC_OUTCOME_FAILED}
        if outcome not in outcomes:
            raise ValueError(f"outcome: {outcome!r} is not a sync outcome; allowed: {', '.join(outcomes)}")
        request = operando_pb2.AcknowledgeSyncRequest(sync_id=sync_id, outcome=outcomes[outcome], message=message)
        return self._acknowledge_sync(request, timeout=timeout)

    # -- plumbing -------------------------------------------------------------------------------------------

    def _unary(self, path, request_type, reply_type):
        return self.channel.unary_unary(
            path, request_serializer=request_type.SerializeToString, response_deserializer=reply_type.FromString
        )

    def _stream(self, path, request_type, reply_type):
        return self.channel.unary_stream(
            path, request_serializer=request_type.SerializeToString, response_deserializer=reply_type.FromString
        )
