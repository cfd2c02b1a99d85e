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
        Capabilities = options.ToCapabilities();
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
    public Task LoadAsync(IReadOnlyList<ChannelStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        cancellationToken.ThrowIfCancellationRequested();
        StepListValidator.Validate(ChannelId, Capabilities, steps);
        lock (_gate)
        {
            if (State is ChannelState.Running or ChannelState.Paused)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot load a step list while {State}; stop it first");
            }

            _steps = steps;
            State = ChannelState.Loaded;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (State != ChannelState.Loaded)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot start while {State}; load a step list first");
            }

            _simTime = _time.GetUtcNow();
            _integrator.Begin(_steps);
            State = ChannelState.Running;
            EmitSample();
            _nextSampleTime = _simTime + Period;
            _loopCancellation = new CancellationTokenSource();
            _loop = RunLoopAsync(_loopCancellation.Token);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PauseAsync(HoldPolicy hold, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (State != ChannelState.Running)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot pause while {State}");
            }

            CatchUpTo(_time.GetUtcNow());
            if (State != ChannelState.Running)
            {
                return Task.CompletedTask; // the step list ended on its own just before the pause
            }

            _hold = hold;
            _holdVoltageV = _cell.TerminalVoltageV;
            _holdCurrentA = _integrator.LastCurrentA;
            State = ChannelState.Paused;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ResumeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (State != ChannelState.Paused)
            {
                throw new InvalidDeviceStateException(ChannelId, $"cannot resume while {State}");
            }

            CatchUpTo(_time.GetUtcNow());
            State = ChannelState.Running;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
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

        await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChannelRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _records.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
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
            await cts.CancelAsync().ConfigureAwait(false);
            try
            {
                await loop.ConfigureAwait(false);
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

            var wait = wake - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Integrates the physics from the last simulated instant up to <paramref name="now"/>.</summary>
    private void CatchUpTo(DateTimeOffset now)
    {
        var maxStep = TimeSpan.FromSeconds(Math.Min(_options.IntegrationStepS, _options.SamplePeriodS));
        while (_simTime < now && State is ChannelState.Running or ChannelState.Paused)
        {
            var next = Min(now, _nextSampleTime, _simTime + maxStep);
            if (State == ChannelState.Running && _integrator.RemainingStepTime is { } remaining && remaining > TimeSpan.Zero)
            {
                var deadline = _simTime + remaining;
                next = next < deadline ? next : deadline;
            }

            StepOutcome outcome = State == ChannelState.Paused
                ? _integrator.Hold(_hold, _holdVoltageV, _holdCurrentA, (next - _simTime).TotalSeconds)
                : _integrator.Advance(next - _simTime);
            _simTime = next;

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

                _records.Writer.TryWrite(new StepTransition(_simTime, _integrator.StepIndex, reason));
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
        _records.Writer.TryWrite(new ChannelSample(
            _simTime,
            _cell.TerminalVoltageV + _noise.Next(_options.VoltageNoiseV),
            s.LastCurrentA + _noise.Next(_options.CurrentNoiseA),
            s.StepIndex,
            s.StepTimeS,
            s.StepChargeAh,
            s.TotalChargeAh,
            s.Cycle));
    }

    private void Finish(ChannelState state, string reason)
    {
        State = state;
        _records.Writer.TryWrite(new ChannelFinished(_simTime, state, reason));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c)
    {
        var m = a < b ? a : b;
        return m < c ? m : c;
    }
}
