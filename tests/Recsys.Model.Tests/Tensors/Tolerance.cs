namespace Recsys.Model.Tests.Tensors;

/// <summary>Compares numbers up to an absolute tolerance, for Assert.Equal on sequences.</summary>
internal sealed class Tolerance(double tolerance) : IEqualityComparer<double>, IEqualityComparer<float>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    // Numbers within the tolerance must be able to compare equal, so no hash can tell them apart.
    public int GetHashCode(double obj) => 0;

    public int GetHashCode(float obj) => 0;
}
