global using Recsys.Testing;
