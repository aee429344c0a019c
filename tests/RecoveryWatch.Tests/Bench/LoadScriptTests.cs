using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RecoveryWatch.Tests.Bench;

/// <summary>
/// Runs <c>bench/load --quick --no-readme --db sqlite</c> (200 cases, 2 s per request, the SIGKILL-during-import fault) so the
/// load script cannot rot unnoticed. Only the SQLite half: the PostgreSQL half needs its own server started from a cached
/// cluster and doubles the time, while what it adds — 503 with Retry-After during an outage — is covered on both databases
/// by <c>DatabaseOutageTests</c>; the full script, PostgreSQL restart included, is what the benchmark figures come from.
/// </summary>
public sealed partial class LoadScriptTests
{
    [Fact]
    public async Task The_load_script_runs_at_its_smallest_size_and_prints_plausible_figures()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RecoveryWatch.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var start = new ProcessStartInfo(Path.Combine(root.FullName, "bench", "load"), ["--quick", "--no-readme", "--db", "sqlite"])
        {
            WorkingDirectory = root.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"bench/load exited {process.ExitCode}:\n{output}\n{await stderr}");
        Assert.Contains("SUMMARY ok databases=sqlite", output, StringComparison.Ordinal);

        var results = Result().Matches(output).ToDictionary(m => m.Groups["endpoint"].Value, m => m);
        Assert.Equal(["export", "filtered", "healthz", "list", "page", "volumes"], results.Keys.Order(StringComparer.Ordinal));
        foreach (var (endpoint, m) in results)
        {
            Assert.True(Number(m, "rps") > 0, $"{endpoint}: no request finished");
            Assert.True(Number(m, "p50") > 0 && Number(m, "p50") <= Number(m, "p99"), $"{endpoint}: p50 {m.Groups["p50"]} p99 {m.Groups["p99"]}");
            Assert.True(m.Groups["errors"].Value == "0", $"{endpoint}: {m.Groups["errors"]} errors");
        }

        var startup = StartUp().Match(output);
        Assert.True(startup.Success && double.Parse(startup.Groups[1].Value, CultureInfo.InvariantCulture) > 0);
        Assert.Matches("FAULT db=sqlite kind=kill9 submissions=[12] outcome=\"the second import (wholly stored|absent)", output);
        // The table the README section is made of.
        Assert.Contains("| `/healthz` (reference) |", output, StringComparison.Ordinal);
    }

    private static double Number(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^RESULT db=sqlite endpoint=(?<endpoint>\w+) rps=(?<rps>[\d.]+) p50_ms=(?<p50>[\d.]+) p99_ms=(?<p99>[\d.]+) errors=(?<errors>\d+)$", RegexOptions.Multiline)]
    private static partial Regex Result();

    [GeneratedRegex(@"^STARTUP db=sqlite cases=200 seconds=([\d.]+)$", RegexOptions.Multiline)]
    private static partial Regex StartUp();
}
