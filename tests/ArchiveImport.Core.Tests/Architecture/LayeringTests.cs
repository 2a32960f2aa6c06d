using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ArchiveImport.Core.Tests.Architecture;

/// <summary>
/// Dependencies inside ArchiveImport.Core point down only. Reads the compiled assembly's metadata: every type's base
/// types, interfaces, attributes, member signatures and the types, fields and methods its method bodies use (lambdas
/// and iterators count for the type they are written in), so a reference cannot hide in a local or a call.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Lowest first. A layer may use the layers before it, never the ones after it.</summary>
    private static readonly string[] Layers =
    [
        "Schema", // the catalog's column lengths: every layer that validates or clips a stored value reads them
        "Settings",
        "Logging", // the log file and its reader: every layer above may log, and health reads it back
        "ArchiveOrg",
        "Metadata",
        "Matching",
        "ArtistConfigs",
        "Storage",
        "", // the root namespace: ArchiveServices, the lower layers wired together for one set of settings
        "Imports",
        "Operations",
    ];

    private const string CoreNamespace = "ArchiveImport.Core";

    [Fact]
    public void No_layer_uses_a_layer_above_it()
    {
        var upward = References(typeof(ArchiveServices).Assembly)
            .Where(r => LayerOf(r.To) > LayerOf(r.From))
            .Select(r => $"{Describe(r.From)} uses {Describe(r.To)} ({LayerName(r.From)} → {LayerName(r.To)})")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(upward.Count == 0,
            "Lower layers must not use higher ones (order: " + string.Join(", ", Layers.Select(l => l.Length == 0 ? "root" : l)) + "). " +
            "Move the type down to the layer that owns it, or pass what the lower layer needs in:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Every_core_namespace_has_a_layer()
    {
        var unknown = References(typeof(ArchiveServices).Assembly)
            .SelectMany(r => new[] { r.From, r.To })
            .Select(t => t.Namespace)
            .Distinct()
            .Where(ns => Array.IndexOf(Layers, LayerKey(ns)) < 0)
            .ToList();

        Assert.True(unknown.Count == 0, "Add these namespaces to LayeringTests.Layers: " + string.Join(", ", unknown));
    }

    /// <summary>The reader must see references that only a method body makes, or the test above proves nothing.</summary>
    [Fact]
    public void Sees_references_made_only_inside_method_bodies()
    {
        var references = References(typeof(ArchiveServices).Assembly).ToHashSet();

        // Only in a method body: ArchiveServices.EnsureSchema throws it.
        Assert.Contains(new Reference(new TypeName(CoreNamespace, "ArchiveServices"), new TypeName(CoreNamespace, "SchemaOutdatedException")), references);

        // Only inside a lambda (compiled into a nested closure class): two types of this test assembly.
        var own = References(typeof(LayeringTests).Assembly).ToHashSet();
        var ns = typeof(LayeringTests).Namespace!;
        Assert.Contains(new Reference(new TypeName(ns, nameof(LayeringProbeUser)), new TypeName(ns, nameof(LayeringProbeUsed))), own);
        Assert.Equal([2], LayeringProbeUser.Use());
    }

    private static int LayerOf(TypeName type) => Array.IndexOf(Layers, LayerKey(type.Namespace));

    private static string LayerKey(string ns) =>
        ns == CoreNamespace ? "" : ns[(CoreNamespace.Length + 1)..].Split('.')[0];

    private static string LayerName(TypeName type) => LayerKey(type.Namespace) is { Length: > 0 } key ? key : "root";

    private static string Describe(TypeName type) => $"{type.Namespace}.{type.Name}";

    internal readonly record struct TypeName(string Namespace, string Name);

    internal readonly record struct Reference(TypeName From, TypeName To);

    /// <summary>Every (using type → used type) pair between two types of the assembly's own namespace.</summary>
    internal static IEnumerable<Reference> References(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var root = assembly.GetName().Name!;
        var found = new HashSet<Reference>();
        var collector = new TypeCollector(reader);

        foreach (var handle in reader.TypeDefinitions)
        {
            var from = NameOf(reader, Outermost(reader, handle));
            if (!InNamespace(from.Namespace, root))
            {
                continue;
            }

            foreach (var used in collector.UsedBy(handle, pe))
            {
                var to = NameOf(reader, Outermost(reader, used));
                if (InNamespace(to.Namespace, root) && to != from)
                {
                    found.Add(new Reference(from, to));
                }
            }
        }

        return found;
    }

    private static bool InNamespace(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static TypeDefinitionHandle Outermost(MetadataReader reader, TypeDefinitionHandle handle)
    {
        while (reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } declaring)
        {
            handle = declaring;
        }

        return handle;
    }

    private static TypeName NameOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        return new TypeName(reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    /// <summary>Collects the assembly's own types (TypeDef handles) that a type definition uses anywhere.</summary>
    private sealed class TypeCollector(MetadataReader reader) : ISignatureTypeProvider<IEnumerable<TypeDefinitionHandle>, object?>
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(op => op.Value);

        public IEnumerable<TypeDefinitionHandle> UsedBy(TypeDefinitionHandle handle, PEReader pe)
        {
            var type = reader.GetTypeDefinition(handle);
            var used = new List<TypeDefinitionHandle>();
            used.AddRange(FromEntity(type.BaseType));
            used.AddRange(type.GetInterfaceImplementations().SelectMany(i => FromEntity(reader.GetInterfaceImplementation(i).Interface)));
            used.AddRange(FromAttributes(type.GetCustomAttributes()));
            used.AddRange(FromGenericParameters(type.GetGenericParameters()));

            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                used.AddRange(field.DecodeSignature(this, null));
                used.AddRange(FromAttributes(field.GetCustomAttributes()));
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                used.AddRange(FromMethodSignature(property.DecodeSignature(this, null)));
                used.AddRange(FromAttributes(property.GetCustomAttributes()));
            }

            foreach (var eventHandle in type.GetEvents())
            {
                used.AddRange(FromEntity(reader.GetEventDefinition(eventHandle).Type));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                used.AddRange(FromMethodSignature(method.DecodeSignature(this, null)));
                used.AddRange(FromAttributes(method.GetCustomAttributes()));
                used.AddRange(FromGenericParameters(method.GetGenericParameters()));
                foreach (var parameter in method.GetParameters())
                {
                    used.AddRange(FromAttributes(reader.GetParameter(parameter).GetCustomAttributes()));
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    used.AddRange(FromBody(pe.GetMethodBody(method.RelativeVirtualAddress)));
                }
            }

            return used;
        }

        private IEnumerable<TypeDefinitionHandle> FromBody(MethodBodyBlock body)
        {
            var used = new List<TypeDefinitionHandle>();
            if (!body.LocalSignature.IsNil)
            {
                used.AddRange(reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null).SelectMany(t => t));
            }

            foreach (var region in body.ExceptionRegions)
            {
                used.AddRange(FromEntity(region.CatchType));
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il.ReadByte());
                }

                var opCode = OpCodesByValue[value];
                switch (opCode.OperandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                    case OperandType.InlineSig:
                        used.AddRange(FromEntity(MetadataTokens.EntityHandle(il.ReadInt32())));
                        break;
                    case OperandType.InlineSwitch:
                        il.Offset += 4 * il.ReadInt32();
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.InlineString:
                    case OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                }
            }

            return used;
        }

        private IEnumerable<TypeDefinitionHandle> FromEntity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return [];
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [(TypeDefinitionHandle)handle];
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                case HandleKind.FieldDefinition:
                    var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    return [field.GetDeclaringType(), .. field.DecodeSignature(this, null)];
                case HandleKind.MethodDefinition:
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return [method.GetDeclaringType(), .. FromMethodSignature(method.DecodeSignature(this, null))];
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    var fromMember = member.GetKind() == MemberReferenceKind.Field
                        ? member.DecodeFieldSignature(this, null)
                        : FromMethodSignature(member.DecodeMethodSignature(this, null));
                    return [.. FromEntity(member.Parent), .. fromMember];
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return [.. FromEntity(specification.Method), .. specification.DecodeSignature(this, null).SelectMany(t => t)];
                case HandleKind.StandaloneSignature:
                    var signature = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    return signature.GetKind() == StandaloneSignatureKind.Method
                        ? FromMethodSignature(signature.DecodeMethodSignature(this, null))
                        : signature.DecodeLocalSignature(this, null).SelectMany(t => t);
                default:
                    return [];
            }
        }

        private static IEnumerable<TypeDefinitionHandle> FromMethodSignature(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

        private IEnumerable<TypeDefinitionHandle> FromAttributes(CustomAttributeHandleCollection attributes) =>
            attributes.SelectMany(a => FromEntity(reader.GetCustomAttribute(a).Constructor));

        private IEnumerable<TypeDefinitionHandle> FromGenericParameters(GenericParameterHandleCollection parameters) =>
            parameters.SelectMany(p => reader.GetGenericParameter(p).GetConstraints())
                .SelectMany(c => FromEntity(reader.GetGenericParameterConstraint(c).Type));

        public IEnumerable<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public IEnumerable<TypeDefinitionHandle> GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public IEnumerable<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            metadata.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public IEnumerable<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public IEnumerable<TypeDefinitionHandle> GetSZArrayType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetArrayType(IEnumerable<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetPointerType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetByReferenceType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetPinnedType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetGenericInstantiation(IEnumerable<TypeDefinitionHandle> genericType, System.Collections.Immutable.ImmutableArray<IEnumerable<TypeDefinitionHandle>> typeArguments) =>
            genericType.Concat(typeArguments.SelectMany(t => t));

        public IEnumerable<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => [];

        public IEnumerable<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => [];

        public IEnumerable<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) => FromMethodSignature(signature);

        public IEnumerable<TypeDefinitionHandle> GetModifiedType(IEnumerable<TypeDefinitionHandle> modifier, IEnumerable<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
            modifier.Concat(unmodifiedType);
    }
}

internal static class LayeringProbeUser
{
    public static IEnumerable<int> Use() => new[] { 1 }.Select(i => new LayeringProbeUsed().Value + i);
}

internal sealed class LayeringProbeUsed
{
    public int Value => 1;
}
