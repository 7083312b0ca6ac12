using Pointspot.Replay.Replaying;

namespace Pointspot.Replay.Tests;

public sealed class ProgressDisplayTests
{
    [Fact]
    public void FormatLine_WithBar_ShowsCountsPercentRate()
    {
        string line = ProgressDisplay.FormatLine(
            "replay", new ProgressCounts(34_829, 2, 5), 69_659, TimeSpan.FromSeconds(10), withBar: true);

        Assert.Equal("replay [############------------] 34,829/69,659 50.0% 3,483/s errors 2 retries 5 10s", line);
    }

    [Fact]
    public void FormatLine_WithoutBar_OmitsBar()
    {
        string line = ProgressDisplay.FormatLine(
            "balances", new ProgressCounts(0, 0, 0), 100, TimeSpan.Zero, withBar: false);

        Assert.Equal("balances 0/100 0.0% 0/s errors 0 retries 0 0s", line);
    }

    [Fact]
    public void FormatLine_NothingToDo_ShowsComplete()
    {
        string line = ProgressDisplay.FormatLine(
            "replay", new ProgressCounts(0, 0, 0), 0, TimeSpan.FromSeconds(1), withBar: false);

        Assert.Contains("100.0%", line);
    }

    [Fact]
    public async Task Dispose_NotTerminal_WritesPlainFinalLine()
    {
        var output = new StringWriter();

        await using (ProgressDisplay.Start("replay", 10, () => new ProgressCounts(10, 1, 0), output, terminal: false))
        {
        }

        string text = output.ToString();
        Assert.DoesNotContain("\r", text);
        Assert.StartsWith("replay 10/10 100.0%", text);
        Assert.EndsWith(Environment.NewLine, text);
    }

    [Fact]
    public async Task Dispose_Terminal_RedrawsLineAndEndsIt()
    {
        var output = new StringWriter();
        long done = 0;

        await using (ProgressDisplay.Start("replay", 10, () => new ProgressCounts(done, 0, 0), output, terminal: true))
        {
            await Task.Delay(ProgressDisplay.TerminalInterval * 3);
            done = 10;
        }

        string text = output.ToString();
        Assert.StartsWith("\r", text);
        Assert.Contains("\rreplay [########################] 10/10 100.0%", text);
        Assert.EndsWith(Environment.NewLine, text);
        Assert.Single(text.Split(Environment.NewLine), part => part.Length > 0);
    }
}
