using Recsys.Grains.Hosting;

namespace Recsys.Serving;

/// <summary>Settings of the served model (configuration section "Recsys:Model").</summary>
public sealed class ModelServingOptions
{
    public const string SectionName = "Recsys:Model";

    /// <summary>A checkpoint directory from <c>recsys train</c>, loaded when the silo starts; none serves the
    /// non-learned mix until <c>POST /v1/admin/model</c> loads one.</summary>
    public string? Path { get; set; }

    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Requests ranked together in one pass of the network, at most.</summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>How long a batch that is not full waits for more requests after its first. 0 batches what queued
    /// while the last batch ran, which costs a lone request nothing. Keep it well below <see cref="Timeout"/>: a lone
    /// request waits this long before its pass.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.Zero;

    /// <summary>Requests waiting for the model, at most; past it a request is refused (HTTP 503) rather than queued.</summary>
    public int QueueCapacity { get; set; } = 1_024;

    /// <summary>Threads one pass of the network may use (libtorch's intra-op threads, for the whole process). Requests
    /// are already prepared in parallel on every core, and idle intra-op threads spin-wait on the cores those need:
    /// with 1, this 2-core machine ranked 1.5 x as many requests per second at 64 concurrent as with libtorch's default
    /// (measured with the first libtorch binding).
    /// Raise it for large batches on a machine with cores to spare.</summary>
    public int InferenceThreads { get; set; } = 1;

    /// <summary>A request the model has not answered in this long gets the non-learned mix instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);

    public void Validate()
    {
        Require(Path is null || !string.IsNullOrWhiteSpace(Path), nameof(Path), "a checkpoint directory, or left out");
        Require(IsDevice(Device), nameof(Device), "cpu, cuda or cuda:N");
        Require(MaxBatch is >= 1 and <= 4_096, nameof(MaxBatch), "between 1 and 4096");
        Require(MaxWait >= TimeSpan.Zero && MaxWait <= TimeSpan.FromSeconds(1), nameof(MaxWait), "between 0 and 1 second");
        Require(QueueCapacity is >= 1 and <= 1_000_000, nameof(QueueCapacity), "between 1 and 1000000");
        Require(InferenceThreads is >= 1 and <= 1_024, nameof(InferenceThreads), "between 1 and 1024");
        Require(Timeout > TimeSpan.Zero && Timeout <= TimeSpan.FromMinutes(1), nameof(Timeout), "between 0 and 1 minute");
    }

    private static bool IsDevice(string device)
    {
        try
        {
            Model.Tensors.ComputeDevice.Parse(device);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void Require(bool condition, string name, string rule) => OptionRule.Require(condition, SectionName, name, rule);
}
