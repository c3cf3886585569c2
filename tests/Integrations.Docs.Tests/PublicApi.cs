using System.Reflection;
using System.Text;

namespace Integrations.Docs.Tests;

/// <summary>
/// The public surface of an assembly as text, one line per type and member, sorted: what a user can call, derive from or
/// see. A change to it shows as a diff of the checked-in baseline (<c>PublicAPI.txt</c> beside each project).
/// </summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add(TypeLine(type));
            var members = new List<string>();
            foreach (var member in type.GetMembers(Declared))
            {
                if (Describe(type, member) is { } line)
                {
                    members.Add("  " + line);
                }
            }

            members.Sort(StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join('\n', lines) + '\n';
    }

    private static string TypeLine(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct"
            : type.IsSubclassOf(typeof(Delegate)) ? "delegate"
            : (type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class");
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && !type.IsSubclassOf(typeof(Delegate)))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Where(i => type.BaseType is null || !i.IsAssignableFrom(type.BaseType)).Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static string? Describe(Type type, MemberInfo member)
    {
        switch (member)
        {
            case ConstructorInfo c when Visible(c):
                return $"ctor({Parameters(c)})";
            case MethodInfo m when Visible(m) && !m.IsSpecialName:
                return $"{Modifiers(m)}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m)})";
            case MethodInfo m when Visible(m) && m.Name.StartsWith("op_", StringComparison.Ordinal):
                return $"operator {m.Name}({Parameters(m)})";
            case PropertyInfo p when (p.GetMethod is { } g && Visible(g)) || (p.SetMethod is { } s && Visible(s)):
                var accessors = (p.GetMethod is { } get && Visible(get) ? "get; " : string.Empty)
                    + (p.SetMethod is { } set && Visible(set) ? (IsInit(set) ? "init; " : "set; ") : string.Empty);
                var index = p.GetIndexParameters();
                return $"{Modifiers(p.GetMethod ?? p.SetMethod!)}{Name(p.PropertyType)} {(index.Length > 0 ? "this[" + string.Join(", ", index.Select(i => Name(i.ParameterType))) + "]" : p.Name)} {{ {accessors}}}";
            case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                if (type.IsEnum)
                {
                    return f.IsSpecialName ? null : $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
                }

                return $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}"
                    + (f.IsLiteral ? " = " + f.GetRawConstantValue() : string.Empty);
            case EventInfo e when e.AddMethod is { } add && Visible(add):
                return $"event {Name(e.EventHandlerType!)} {e.Name}";
            case Type nested when nested.IsNestedPublic || nested.IsNestedFamily:
                return null; // listed as a type of its own
            default:
                return null;
        }
    }

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Modifiers(MethodInfo m) =>
        (m.IsStatic ? "static " : string.Empty)
        + (m.IsAbstract && !m.DeclaringType!.IsInterface ? "abstract " : m.IsVirtual && !m.IsFinal && !m.DeclaringType!.IsInterface
            ? (m.GetBaseDefinition() != m ? "override " : "virtual ") : m.IsVirtual && m.GetBaseDefinition() != m ? "override " : string.Empty)
        + (m.IsFamily || m.IsFamilyOrAssembly ? "protected " : string.Empty);

    private static string GenericArguments(MethodInfo m) =>
        m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) + Name(p.ParameterType) + " " + p.Name
        + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Name(inner) + "?";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = new StringBuilder(type.IsNested ? Name(type.DeclaringType!) + "." : type.Namespace is { } ns ? ns + "." : string.Empty);
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        name.Append(tick < 0 ? type.Name : type.Name[..tick]);
        var own = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).ToArray();
        if (own.Length > 0)
        {
            name.Append('<').Append(string.Join(", ", own.Select(Name))).Append('>');
        }

        return name.ToString();
    }
}
