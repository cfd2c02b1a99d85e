namespace OperandoRig.Daemon.Operando.Beam;

/// <summary>The beam, held by one request until disposed.</summary>
public sealed class BeamLease : IDisposable
{
    private readonly BeamTimeArbiter _arbiter;
    private int _released;

    internal BeamLease(BeamTimeArbiter arbiter, BeamRequest request, double grantedUnixS, double waitedS)
    {
        _arbiter = arbiter;
        Request = request;
        GrantedUnixS = grantedUnixS;
        WaitedS = waitedS;
    }

    /// <summary>The request that holds the beam.</summary>
    public BeamRequest Request { get; }

    /// <summary>When the beam was granted, Unix s on the daemon clock.</summary>
    public double GrantedUnixS { get; }

    /// <summary>How long the request waited, s.</summary>
    public double WaitedS { get; }

    /// <summary>Releases the beam to the next waiting request.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _arbiter.Release(this);
        }
    }
}
