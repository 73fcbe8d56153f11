namespace Recsys.Runtime.Tests;

public interface IFlakyGrain : IGrainWithStringKey
{
    Task<string> Hello();
}
