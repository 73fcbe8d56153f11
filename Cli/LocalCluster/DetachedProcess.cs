using System.Diagnostics;

namespace Recsys.Cli.LocalCluster;

/// <summary>Processes that outlive the command that started them (a session of their own, output to a log
/// file), and the signals a local cluster sends them.</summary>
internal static class DetachedProcess
{
    /// <summary>Starts <paramref name="command"/> with <paramref name="arguments"/> in a new session, its output
    /// appended to <paramref name="log"/>; returns its process id.</summary>
    public static int Start(string command, IEnumerable<string> arguments, string log, IReadOnlyDictionary<string, string>? environment = null)
    {
        // sh execs setsid, which execs the command: the id of the process started here is the command's own.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$@\" >>\"$RECSYS_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["RECSYS_LOG"] = log;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        return process.Id;
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM: the process shuts down gracefully (a silo writes every grain's state).</summary>
    public static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false, RedirectStandardError = true });
        kill?.WaitForExit();
    }

    /// <summary>SIGKILL: nothing runs on the way out.</summary>
    public static void KillNow(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
        }
    }

    /// <returns>False when the process did not exit within <paramref name="timeout"/>.</returns>
    public static async Task<bool> WaitForExit(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }
}
