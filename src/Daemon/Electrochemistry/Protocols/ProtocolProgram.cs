namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>What an <see cref="Instruction"/> does.</summary>
internal enum OpCode
{
    /// <summary>Run step definition <see cref="Instruction.Id"/>.</summary>
    Exec,
    /// <summary>Enter loop <see cref="Instruction.Id"/>: zero its iteration count, note the time.</summary>
    LoopEnter,
    /// <summary>End of an iteration of loop <see cref="Instruction.Id"/>: count it, then back to <see cref="Instruction.Target"/> or on.</summary>
    LoopNext,
    /// <summary>Enter group <see cref="Instruction.Id"/> (its exit is at <see cref="Instruction.Target"/>).</summary>
    GroupEnter,
    /// <summary>Leave group <see cref="Instruction.Id"/>.</summary>
    GroupExit,
    /// <summary>Goto <see cref="Instruction.Id"/>: jump to <see cref="Instruction.Target"/> when its condition holds.</summary>
    Goto,
}

/// <summary>One instruction of the lowered program.</summary>
internal readonly record struct Instruction(OpCode Op, int Id, int Target);

/// <summary>
/// The protocol lowered to a flat instruction list with resolved jumps: what the <see cref="ProtocolCursor"/>
/// interprets. Immutable.
/// </summary>
internal sealed class ProtocolProgram(
    IReadOnlyList<Instruction> instructions,
    IReadOnlyList<LoopNode> loops,
    IReadOnlyList<GroupNode> groups,
    IReadOnlyList<GotoNode> gotos)
{
    public IReadOnlyList<Instruction> Instructions { get; } = instructions;

    public IReadOnlyList<LoopNode> Loops { get; } = loops;

    public IReadOnlyList<GroupNode> Groups { get; } = groups;

    public IReadOnlyList<GotoNode> Gotos { get; } = gotos;

    /// <summary>The program counter of each group's exit.</summary>
    public int GroupExitPc(int groupId)
    {
        for (var pc = 0; pc < Instructions.Count; pc++)
        {
            if (Instructions[pc] is { Op: OpCode.GroupExit } i && i.Id == groupId)
            {
                return pc;
            }
        }

        throw new InvalidOperationException($"group {groupId} has no exit");
    }
}
