using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Keeps docs/schema.graphql, the schema that POS vendors and partners read and generate clients
/// from, equal to the schema the server runs.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SchemaFileTests(ApiHostFixture fixture)
{
    [Fact]
    public void SchemaFile_MatchesServedSchema()
    {
        var schema = fixture.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        string printed = schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true })
            .ReplaceLineEndings("\n") + "\n";
        string path = Path.Combine(RepositoryRoot(), "docs", "schema.graphql");

        if (Environment.GetEnvironmentVariable("POINTSPOT_WRITE_SCHEMA") == "1")
        {
            File.WriteAllText(path, printed);
        }

        string stored = File.Exists(path) ? File.ReadAllText(path) : "";
        Assert.True(stored == printed,
            "docs/schema.graphql differs from the served schema: run the Api tests with POINTSPOT_WRITE_SCHEMA=1 "
            + "and commit the rewritten file.");
    }

    [Fact]
    public void Schema_EveryFieldAndArgument_HasDescription()
    {
        var schema = fixture.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var missing = new List<string>();
        foreach (var type in schema.AllTypes.Where(type => !type.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            if (type is not IComplexGraphType complex)
            {
                continue;
            }

            foreach (var field in complex.Fields)
            {
                if (string.IsNullOrWhiteSpace(field.Description))
                {
                    missing.Add($"{type.Name}.{field.Name}");
                }

                foreach (var argument in field.Arguments ?? [])
                {
                    if (string.IsNullOrWhiteSpace(argument.Description))
                    {
                        missing.Add($"{type.Name}.{field.Name}({argument.Name})");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "Fields and arguments without a description: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pointspot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Pointspot.sln above {AppContext.BaseDirectory}.");
    }
}
