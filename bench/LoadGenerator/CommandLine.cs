using System.Globalization;

namespace Pointspot.Bench;

/// <summary>The "--name value" options of one command; every option takes a value.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values;

    private CommandLine(Dictionary<string, string> values) => _values = values;

    public static CommandLine Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new UsageException($"Expected an option such as --clients, found \"{name}\".");
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"Option {name} is missing its value.");
            }

            values[name[2..]] = args[i + 1];
        }

        return new CommandLine(values);
    }

    public string Text(string name) =>
        _values.TryGetValue(name, out string? value)
            ? value
            : throw new UsageException($"Option --{name} is missing.");

    public string? OptionalText(string name) => _values.GetValueOrDefault(name);

    public string Text(string name, string defaultValue) => _values.GetValueOrDefault(name, defaultValue);

    public int Integer(string name, int defaultValue, int min)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min)
        {
            throw new UsageException($"--{name} \"{text}\" is invalid: expected a whole number of at least {min}.");
        }

        return value;
    }
}

/// <summary>The command line is invalid; the message names the option and the fix.</summary>
public sealed class UsageException(string message) : Exception(message);
