using System.Runtime.CompilerServices;
using System.Threading.Channels;
using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Potentiostat;

/// <summary>
/// A simulated potentiostat channel driving an <see cref="ICellModel"/> on a <see cref="TimeProvider"/>.
/// The physics is integrated lazily up to "now" whenever the clock reaches a sample time or a command
/// arrives, so pauses and stops land at the exact clock time, and terminations are checked every
/// integration step (as a real instrument checks them faster than it records).
/// </summary>
public sealed class SimulatedChannel : IPotentiostatChannel, IAsyncDisposable
{
    private readonly SimulatedChannelOptions _options;
    private readonly ICellModel _cell;
    private readonly TimeProvider _time;
    private readonly Channel<ChannelRecord> _records = Channel.CreateUnbounded<ChannelRecord>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Lock _gate = new();
    private readonly MeasurementNoise _noise;
    private readonly StepIntegrator _integrator;
    private IReadOnlyList<ChannelStep> _steps = [];
    private CancellationTokenSource? _loopCancellation;
    private Task _loop = Task.CompletedTask;
    private DateTimeOffset _simTime;
    private DateTimeOffset _nextSampleTime;
    private HoldPolicy _hold;
    private double _holdVoltageV;
    private double _holdCurrentA;
    private readonly FaultState _faults = new();
    private TimeSpan _adaptiveStep;
    private DateTimeOffset _lastSampleTime;
    private DateTimeOffset _startTime;

    /// <summary>Creates a channel connected to <paramref name="cell"/>.</summary>
    public SimulatedChannel(SimulatedChannelOptions options, ICellModel cell, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _cell = cell;
        _time = time;
        _noise = new MeasurementNoise(options.NoiseSeed);
        _integrator = new StepIntegrator(cell, options.MaxAbsCurrentA, options.VoltageRangeV);
        Capabilities = options.ToCapabilities(withImpedance: cell is IImpedanceCell);
    }

    /// <inheritdoc />
    public string ChannelId => _options.ChannelId;

    /// <inheritdoc />
    public ChannelCapabilities Capabilities { get; }

    /// <inheritdoc />
    public ChannelState State { get; private set; } = ChannelState.Idle;

    /// <summary>The simulated cell, for tests and for the beamline simulator (which sees its local state).</summary>
    public ICellModel Cell => _cell;

    /// <inheritdoc />
    public async Task LoadAsync(IReadOnlyList<ChannelStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        await ExchangeAsync("LOAD", cancellationToken);
        StepListValidator.Validate(ChannelId, Capabilities, _options.MaxImpedanceAmplitudeV, steps);
        lock (_gate)
        {
            if (State is ChannelState.Running or ChannelState.Paused)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot load a step list while {State}; stop it first");
            }

            _steps = steps;
            State = ChannelState.Loaded;
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ExchangeAsync("START", cancellationToken);
        lock (_gate)
        {
            if (State != ChannelState.Loaded)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot start while {State}; load a step list first");
            }

            _simTime = _time.GetUtcNow();
            _startTime = _simTime;
            _faults.Schedule(_options.Faults, _startTime);
            _integrator.Begin(_steps);
            State = ChannelState.Running;
            EmitSample();
            _nextSampleTime = _simTime + Period;
            _loopCancellation = new CancellationTokenSource();
            _loop = RunLoopAsync(_loopCancellation.Token);
        }
    }

    /// <inheritdoc />
    public async Task PauseAsync(HoldPolicy hold, CancellationToken cancellationToken)
    {
        await ExchangeAsync("PAUSE", cancellationToken);
        lock (_gate)
        {
            if (State != ChannelState.Running)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot pause while {State}");
            }

            CatchUpTo(_time.GetUtcNow());
            if (State != ChannelState.Running)
            {
                return; // the step list ended on its own just before the pause
            }

            EmitEdgeSample(); // the last point under the step's control
            _hold = hold;
            _holdVoltageV = _cell.TerminalVoltageV;
            _holdCurrentA = _integrator.LastCurrentA;
            State = ChannelState.Paused;
        }
    }

    /// <inheritdoc />
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await ExchangeAsync("RESUME", cancellationToken);
        lock (_gate)
        {
            if (State != ChannelState.Paused)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot resume while {State}");
            }

            CatchUpTo(_time.GetUtcNow());
            EmitEdgeSample(); // the last point under the hold
            State = ChannelState.Running;
            _adaptiveStep = StepStartIntegrationStep;
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await ExchangeAsync("STOP", cancellationToken);
        Task loop;
        lock (_gate)
        {
            if (State is ChannelState.Running or ChannelState.Paused)
            {
                CatchUpTo(_time.GetUtcNow());
                if (State is ChannelState.Running or ChannelState.Paused)
                {
                    EmitSample();
                    Finish(ChannelState.Finished, "stopped");
                }
            }

            loop = _loop;
        }

        await loop.WaitAsync(cancellationToken);
    }

    /// <summary>Makes the channel show <paramref name="fault"/> from now on (see <see cref="ChannelFault"/>).</summary>
    public void InjectFault(ChannelFault fault)
    {
        lock (_gate)
        {
            if (State is ChannelState.Running or ChannelState.Paused)
            {
                CatchUpTo(_time.GetUtcNow());
            }

            Apply(fault);
        }
    }

    /// <summary>Ends a <see cref="ChannelFault.Timeout"/> (the instrument answers again); a dropped link stays dropped.</summary>
    public void ClearTimeoutFault()
    {
        lock (_gate)
        {
            _faults.Silent = false;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChannelRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _records.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_records.Reader.TryRead(out var record))
            {
                yield return record;
                if (record is ChannelFinished)
                {
                    yield break;
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? cts;
        Task loop;
        lock (_gate)
        {
            cts = _loopCancellation;
            loop = _loop;
        }

        if (cts is not null)
        {
            await cts.CancelAsync();
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // disposal while running: the loop ends here by design
            }

            cts.Dispose();
        }

        _records.Writer.TryComplete();
    }

    private TimeSpan Period => TimeSpan.FromSeconds(_options.SamplePeriodS);

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset wake;
            lock (_gate)
            {
                if (State is not (ChannelState.Running or ChannelState.Paused))
                {
                    return;
                }

                wake = _nextSampleTime;
            }

            // Timer delays work in whole milliseconds: a shorter wait would complete at once without the
            // clock moving, and the loop would spin. Round up; CatchUpTo integrates exactly to the sample time.
            var wait = wake - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, cancellationToken);
            }

            lock (_gate)
            {
                if (State is ChannelState.Running or ChannelState.Paused)
                {
                    CatchUpTo(_time.GetUtcNow());
                }
            }
        }
    }

    /// <summary>
    /// Integrates the physics from the last simulated instant up to <paramref name="now"/>. The step adapts
    /// to the voltage: it shrinks (down to 1 ms) while the voltage moves more than
    /// <see cref="MaxVoltageChangePerStepV"/> per step, as at the knee of a discharge, and grows back to the
    /// configured step when it is calm, so cut-offs are caught as a real instrument catches them.
    /// </summary>
    private void CatchUpTo(DateTimeOffset now)
    {
        var maxStep = TimeSpan.FromSeconds(Math.Min(_options.IntegrationStepS, _options.SamplePeriodS));
        if (_adaptiveStep <= TimeSpan.Zero || _adaptiveStep > maxStep)
        {
            _adaptiveStep = maxStep;
        }

        while (_simTime < now && State is ChannelState.Running or ChannelState.Paused)
        {
            var next = Min(now, _nextSampleTime, _simTime + _adaptiveStep);
            if (State == ChannelState.Running)
            {
                next = Earliest(next, _integrator.RemainingStepTime);
                next = Earliest(next, _integrator.RemainingToImpedancePoint);
            }

            if (_faults.NextDue is { } faultDue && faultDue > _simTime && faultDue < next)
            {
                next = faultDue;
            }

            var voltageBeforeV = _cell.TerminalVoltageV;
            StepOutcome outcome = State == ChannelState.Paused
                ? _integrator.Hold(_hold, _holdVoltageV, _holdCurrentA, (next - _simTime).TotalSeconds)
                : _integrator.Advance(next - _simTime);
            _simTime = next;
            AdaptStep(Math.Abs(_cell.TerminalVoltageV - voltageBeforeV), maxStep);
            if (State == ChannelState.Running && _integrator.CompletedImpedancePointHz is { } frequencyHz)
            {
                EmitImpedancePoint(frequencyHz);
            }

            if (_faults.NextDue is { } dueAt && dueAt <= _simTime)
            {
                foreach (var due in _faults.TakeDue(_simTime))
                {
                    Apply(due);
                }
            }

            if (State is not (ChannelState.Running or ChannelState.Paused))
            {
                return; // a fault ended the run
            }

            if (outcome.Fault is { } fault)
            {
                EmitSample();
                Finish(ChannelState.Faulted, fault);
                return;
            }

            if (outcome.Terminated is { } reason)
            {
                EmitSample(); // the end point of the step, usually off the sample grid

                if (!_integrator.NextStep())
                {
                    Finish(ChannelState.Finished, "completed");
                    return;
                }

                Write(new StepTransition(_simTime, _integrator.StepIndex, reason));
                _adaptiveStep = StepStartIntegrationStep; // a new set point starts with a transient
                _nextSampleTime = _simTime + Period;
                continue;
            }

            if (_simTime >= _nextSampleTime)
            {
                EmitSample();
                _nextSampleTime += Period;
            }
        }
    }

    private void EmitSample()
    {
        var s = _integrator;
        _lastSampleTime = _simTime;
        var voltageV = Quantise(_cell.TerminalVoltageV + _noise.Next(_options.VoltageNoiseV), _options.VoltageResolutionV);
        if (_faults.NaNNext)
        {
            _faults.NaNNext = false;
            voltageV = double.NaN;
        }

        Write(new ChannelSample(
            _simTime,
            voltageV,
            Quantise(s.LastCurrentA + _noise.Next(_options.CurrentNoiseA), _options.CurrentResolutionA),
            s.StepIndex,
            s.StepTimeS,
            s.StepChargeAh,
            s.TotalChargeAh,
            s.Cycle,
            Quantise(_cell.TemperatureK - KelvinAtZeroCelsius + _faults.OverheatK(_simTime), TemperatureResolutionC)));
    }

    private void EmitImpedancePoint(double frequencyHz)
    {
        var step = _steps[_integrator.StepIndex];
        var z = ImpedanceMeasurement.Measure(((IImpedanceCell)_cell).ImpedanceOhm(frequencyHz), step.Kind == StepKind.GalvanostaticImpedance,
            step.Impedance!.Amplitude, _options.VoltageNoiseV, _options.CurrentNoiseA, _noise);
        Write(new ImpedancePoint(_simTime, _integrator.StepIndex, frequencyHz, z.Real, z.Imaginary));
    }

    private void Finish(ChannelState state, string reason)
    {
        State = state;
        Write(new ChannelFinished(_simTime, state, reason));
    }

    /// <summary>Hands a record to the reader, unless the instrument has gone silent.</summary>
    private void Write(ChannelRecord record)
    {
        if (!_faults.Silent)
        {
            _records.Writer.TryWrite(record);
        }
    }

    private const double KelvinAtZeroCelsius = 273.15;

    /// <summary>Resolution of the channel's temperature sensor (a thermocouple input), °C.</summary>
    private const double TemperatureResolutionC = 0.01;

    private void Apply(ChannelFault fault)
    {
        switch (fault)
        {
            case ChannelFault.Overheat:
                _faults.OverheatSince ??= _simTime;
                break;
            case ChannelFault.Disconnect:
                _faults.LinkDown = true;
                if (State is ChannelState.Running or ChannelState.Paused)
                {
                    State = ChannelState.Faulted; // the instrument's watchdog opens the cell when the host link drops
                }

                _records.Writer.TryComplete(new DeviceNotConnectedException(ChannelId, "the host link dropped; the instrument put the cell at open circuit"));
                break;
            case ChannelFault.Timeout:
                _faults.Silent = true;
                break;
            case ChannelFault.GarbageReply:
                _faults.GarbageNext = true;
                break;
            case ChannelFault.NaNReading:
                _faults.NaNNext = true;
                break;
            case ChannelFault.ComplianceHit:
                if (State is ChannelState.Running or ChannelState.Paused)
                {
                    EmitSample();
                    Finish(ChannelState.Faulted, FormattableString.Invariant(
                        $"compliance: current limit ±{_options.MaxAbsCurrentA:G6} A reached at {_cell.TerminalVoltageV:G6} V"));
                }

                break;
        }
    }

    /// <summary>One command/reply exchange with the instrument, failing the way the injected fault makes it fail.</summary>
    private async Task ExchangeAsync(string command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool silent;
        lock (_gate)
        {
            if (_faults.LinkDown)
            {
                throw new DeviceNotConnectedException(ChannelId, $"the host link is down; {command} was not sent");
            }

            if (_faults.GarbageNext)
            {
                _faults.GarbageNext = false;
                throw new DeviceFaultException(ChannelId, $"garbled reply to {command}: 15-00-3F-45-23 (expected an ACK)");
            }

            silent = _faults.Silent;
        }

        if (silent)
        {
            var timeout = TimeSpan.FromSeconds(_options.CommandTimeoutS);
            await Task.Delay(timeout, _time, cancellationToken);
            throw new DeviceTimeoutException(ChannelId, timeout, command);
        }
    }

    private static double Quantise(double value, double resolution) => Math.Round(value / resolution) * resolution;

    /// <summary>Records a sample now unless one was just recorded at this instant (pause and resume edges).</summary>
    private void EmitEdgeSample()
    {
        if (_lastSampleTime != _simTime)
        {
            EmitSample();
        }
    }

    /// <summary>Largest voltage change per integration step before the step shrinks, V.</summary>
    private const double MaxVoltageChangePerStepV = 0.01;

    private void AdaptStep(double voltageChangeV, TimeSpan maxStep)
    {
        if (voltageChangeV > MaxVoltageChangePerStepV && _adaptiveStep > MinIntegrationStep)
        {
            _adaptiveStep = TimeSpan.FromTicks(Math.Max(MinIntegrationStep.Ticks, _adaptiveStep.Ticks / 4));
        }
        else if (voltageChangeV < MaxVoltageChangePerStepV / 4 && _adaptiveStep < maxStep)
        {
            _adaptiveStep = TimeSpan.FromTicks(Math.Min(maxStep.Ticks, _adaptiveStep.Ticks * 2));
        }
    }

    private static readonly TimeSpan MinIntegrationStep = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan StepStartIntegrationStep = TimeSpan.FromMilliseconds(10);

    private DateTimeOffset Earliest(DateTimeOffset next, TimeSpan? remaining) =>
        remaining is { } r && r > TimeSpan.Zero && _simTime + r < next ? _simTime + r : next;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c)
    {
        var m = a < b ? a : b;
        return m < c ? m : c;
    }
}
