using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MlopsCdktf.Tests.Layering;

/// <summary>
/// Which namespaces each namespace of an assembly refers to, read from its metadata with System.Reflection.Metadata:
/// base types, interfaces, field, method, property and local-variable signatures, generic constraints, custom
/// attributes and every type, method and field token in the method bodies' IL (so a call into another namespace's
/// internal helper counts, not only public signatures). Nested and compiler-generated types count for the namespace of
/// their outermost declaring type.
/// </summary>
internal static class NamespaceReferences
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    /// <summary>One reference: <paramref name="FromType"/> (a type of the assembly) refers to a type of <paramref name="ToNamespace"/>.</summary>
    public sealed record Reference(string FromNamespace, string FromType, string ToNamespace, string ToType, string Via);

    /// <summary>Every reference from a type of the assembly at <paramref name="path"/> to a type in another namespace.</summary>
    public static IReadOnlyList<Reference> Of(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var references = new List<Reference>();

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var from = Outermost(reader, handle);
            var fromNamespace = reader.GetString(reader.GetTypeDefinition(from).Namespace);
            var fromName = FullName(reader, handle);
            var collector = new Collector(reader);

            void Flush(string via)
            {
                foreach (var (ns, name) in collector.Drain())
                {
                    if (ns != fromNamespace)
                    {
                        references.Add(new Reference(fromNamespace, fromName, ns, name, via));
                    }
                }
            }

            if (!type.BaseType.IsNil)
            {
                collector.Visit(type.BaseType);
                Flush("base type");
            }

            foreach (var implementation in type.GetInterfaceImplementations())
            {
                collector.Visit(reader.GetInterfaceImplementation(implementation).Interface);
            }

            Flush("interface");
            VisitGenericParameters(reader, collector, type.GetGenericParameters());
            VisitAttributes(reader, collector, type.GetCustomAttributes());
            Flush("type attributes or constraints");

            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                field.DecodeSignature(collector, null);
                VisitAttributes(reader, collector, field.GetCustomAttributes());
                Flush($"field {reader.GetString(field.Name)}");
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                property.DecodeSignature(collector, null);
                VisitAttributes(reader, collector, property.GetCustomAttributes());
                Flush($"property {reader.GetString(property.Name)}");
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var name = reader.GetString(method.Name);
                method.DecodeSignature(collector, null);
                VisitGenericParameters(reader, collector, method.GetGenericParameters());
                VisitAttributes(reader, collector, method.GetCustomAttributes());
                foreach (var parameter in method.GetParameters())
                {
                    VisitAttributes(reader, collector, reader.GetParameter(parameter).GetCustomAttributes());
                }

                Flush($"signature of {name}");
                if (method.RelativeVirtualAddress != 0)
                {
                    var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
                    }

                    VisitIl(collector, body.GetILReader());
                    Flush($"body of {name}");
                }
            }
        }

        return references;
    }

    private static void VisitGenericParameters(MetadataReader reader, Collector collector, GenericParameterHandleCollection parameters)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in reader.GetGenericParameter(parameter).GetConstraints())
            {
                collector.Visit(reader.GetGenericParameterConstraint(constraint).Type);
            }
        }
    }

    private static void VisitAttributes(MetadataReader reader, Collector collector, CustomAttributeHandleCollection attributes)
    {
        foreach (var attribute in attributes)
        {
            collector.Visit(reader.GetCustomAttribute(attribute).Constructor);
        }
    }

    private static void VisitIl(Collector collector, BlobReader il)
    {
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            switch (OperandTypes[value])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.ReadByte();
                    break;
                case OperandType.InlineVar:
                    il.ReadInt16();
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.ReadInt64();
                    break;
                case OperandType.InlineSwitch:
                    var count = il.ReadInt32();
                    il.Offset += count * 4;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    collector.Visit(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default: // InlineBrTarget, InlineI, InlineString, ShortInlineR
                    il.ReadInt32();
                    break;
            }
        }
    }

    private static TypeDefinitionHandle Outermost(MetadataReader reader, TypeDefinitionHandle handle)
    {
        while (true)
        {
            var declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
            if (declaring.IsNil)
            {
                return handle;
            }

            handle = declaring;
        }
    }

    private static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}".TrimStart('.')
            : $"{FullName(reader, declaring)}+{reader.GetString(type.Name)}";
    }

    /// <summary>Collects the (namespace, type) of every type definition or reference a handle or signature names.</summary>
    private sealed class Collector(MetadataReader reader) : ISignatureTypeProvider<object?, object?>
    {
        private readonly HashSet<(string Namespace, string Type)> found = [];

        public IEnumerable<(string Namespace, string Type)> Drain()
        {
            var result = found.ToList();
            found.Clear();
            return result;
        }

        public void Visit(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0);
                    break;
                case HandleKind.TypeReference:
                    GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0);
                    break;
                case HandleKind.TypeSpecification:
                    reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    Visit(method.GetDeclaringType());
                    method.DecodeSignature(this, null);
                    break;
                case HandleKind.FieldDefinition:
                    var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    Visit(field.GetDeclaringType());
                    field.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    Visit(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Visit(specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature:
                    var signature = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.Method)
                    {
                        signature.DecodeMethodSignature(this, null);
                    }

                    break;
            }
        }

        public object? GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var outer = Outermost(r, handle);
            found.Add((r.GetString(r.GetTypeDefinition(outer).Namespace), FullName(r, handle)));
            return null;
        }

        public object? GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = r.GetTypeReference(handle);
            var name = r.GetString(type.Name);
            while (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                type = r.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
                name = r.GetString(type.Name) + "+" + name;
            }

            var ns = r.GetString(type.Namespace);
            found.Add((ns, $"{ns}.{name}".TrimStart('.')));
            return null;
        }

        public object? GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            r.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public object? GetArrayType(object? elementType, ArrayShape shape) => null;

        public object? GetByReferenceType(object? elementType) => null;

        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;

        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;

        public object? GetGenericMethodParameter(object? genericContext, int index) => null;

        public object? GetGenericTypeParameter(object? genericContext, int index) => null;

        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;

        public object? GetPinnedType(object? elementType) => null;

        public object? GetPointerType(object? elementType) => null;

        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

        public object? GetSZArrayType(object? elementType) => null;
    }
}
