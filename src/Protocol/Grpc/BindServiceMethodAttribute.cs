using System.Diagnostics.CodeAnalysis;

namespace OperandoRig.Protocol.Grpc;

/// <summary>
/// Put on a generated service base class: names the static method that binds the service's methods,
/// <c>static void BindService(ServiceBinderBase binder, TServiceBase serviceImpl)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class BindServiceMethodAttribute : Attribute
{
    public BindServiceMethodAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] Type bindType, string bindMethodName)
    {
        BindType = bindType;
        BindMethodName = bindMethodName;
    }

    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)]
    public Type BindType { get; }

    public string BindMethodName { get; }
}
