namespace Recsys.Runtime.Tests;

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile, ActivationLog log)
    : Grain, IProfileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Activated(GrainId);
        return Task.CompletedTask;
    }

    public async Task SetName(string name)
    {
        profile.State.Name = name;
        profile.State.History.Add(name);
        await profile.WriteStateAsync();
    }

    public Task<string?> Name() => Task.FromResult(profile.State.Name);

    public Task<string?> Etag() => Task.FromResult(profile.Etag);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task Clear() => profile.ClearStateAsync();
}
