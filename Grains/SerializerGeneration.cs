using Recsys.Model.Recommenders;

// The recommenders' state and answers (REPEAT profiles, baskets, popularity, co-occurrence) are stored by
// the grains and cross their calls; Model/Recommenders carries only the serializer attributes, and their
// codecs are generated here, where the Orleans SDK runs.
[assembly: GenerateCodeForDeclaringAssembly(typeof(RepeatProfile))]
