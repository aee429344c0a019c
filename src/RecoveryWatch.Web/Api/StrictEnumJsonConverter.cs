using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryWatch.Common;

namespace RecoveryWatch.Web.Api;

/// <summary>
/// Enums in JSON as their names only (<see cref="EnumCodes"/>): a number, a comma-joined combination or an unknown name is
/// refused with the JSON path of the field, where <see cref="JsonStringEnumConverter"/> would accept "Frozen, Seized" and
/// store a stage that does not exist.
/// </summary>
public sealed class StrictEnumJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (EnumCodes.TryParse<TEnum>(text, out var value))
            {
                return value;
            }

            throw new UnknownCodeJsonException(reader.TokenType == JsonTokenType.String ? text ?? string.Empty : "(" + reader.TokenType.ToString() + ")");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            EnumCodes.TryParse<TEnum>(reader.GetString(), out var value) ? value : throw new UnknownCodeJsonException(reader.GetString() ?? string.Empty);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
    }
}

/// <summary>A code in a JSON body that is not one of the defined names; System.Text.Json adds the path of the field.</summary>
public sealed class UnknownCodeJsonException : JsonException
{
    public UnknownCodeJsonException()
    {
    }

    public UnknownCodeJsonException(string code)
        : base("Unknown code: " + code) => Code = code;

    public UnknownCodeJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Code { get; } = string.Empty;
}
