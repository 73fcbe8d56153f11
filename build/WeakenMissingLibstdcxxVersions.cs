using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// TorchSharp 0.107's libLibTorchSharp.so is linked against GCC 13's libstdc++ and so asks for GLIBCXX_3.4.32,
// which Debian 12 (GCC 12) lacks, and the loader refuses the whole library. The only symbol of that version is
// std::ios_base_library_init(), which GCC 13 references without ever relocating (it only pulls <iostream>'s
// initialisation into a static link), so marking that version requirement weak (VER_FLG_WEAK) lets the loader
// accept the library and changes nothing it runs. Any other symbol of a missing version is a real dependency:
// then nothing is patched and the build warns, and the model stops at start-up naming the fix.
public sealed class WeakenMissingLibstdcxxVersions : Task
{
    private const uint SectionDynamicSymbols = 11;
    private const uint SectionVersionNeeds = 0x6ffffffe;
    private const uint SectionSymbolVersions = 0x6fffffff;
    private const ushort WeakVersion = 0x2;
    private const string Needed = "libstdc++.so.6";

    private static readonly HashSet<string> Unrelocated = new(StringComparer.Ordinal) { "_ZSt21ios_base_library_initv" };

    [Required]
    public string Library { get; set; } = "";

    [Required]
    public string SystemLibrary { get; set; } = "";

    public override bool Execute()
    {
        if (!File.Exists(Library) || !File.Exists(SystemLibrary))
        {
            return true;
        }

        var bytes = File.ReadAllBytes(Library);
        var system = File.ReadAllBytes(SystemLibrary);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[4] != 2 || bytes[5] != 1)
        {
            Log.LogWarning($"{Library} is not a 64-bit little-endian ELF library; left as it is.");
            return true;
        }

        var sections = Sections(bytes);
        var needs = sections.FirstOrDefault(s => s.Type == SectionVersionNeeds);
        if (needs is null)
        {
            return true;
        }

        var strings = sections[(int)needs.Link];
        var missing = new List<(int FlagsOffset, ushort Index, string Name)>();
        var need = needs.Offset;
        for (var n = 0; n < needs.Info; n++)
        {
            var file = Text(bytes, strings.Offset + U32(bytes, need + 4));
            var aux = need + (int)U32(bytes, need + 8);
            for (var a = 0; a < U16(bytes, need + 2); a++)
            {
                var name = Text(bytes, strings.Offset + U32(bytes, aux + 8));
                if (file == Needed && (U16(bytes, aux + 4) & WeakVersion) == 0 && !Contains(system, name))
                {
                    missing.Add((aux + 4, U16(bytes, aux + 6), name));
                }

                aux += (int)U32(bytes, aux + 12);
            }

            need += (int)U32(bytes, need + 12);
        }

        if (missing.Count == 0)
        {
            return true;
        }

        var indexes = new HashSet<ushort>(missing.Select(m => m.Index));
        var symbols = SymbolsOfVersions(bytes, sections, indexes);
        var real = symbols.Where(symbol => !Unrelocated.Contains(symbol)).ToList();
        if (real.Count > 0)
        {
            Log.LogWarning($"{Path.GetFileName(Library)} needs {string.Join(", ", missing.Select(m => m.Name))} of libstdc++, "
                + $"which {SystemLibrary} lacks, for {string.Join(", ", real.Take(5))}: install libstdc++ from GCC 13 or newer.");
            return true;
        }

        foreach (var (flags, _, _) in missing)
        {
            var value = (ushort)(U16(bytes, flags) | WeakVersion);
            bytes[flags] = (byte)value;
            bytes[flags + 1] = (byte)(value >> 8);
        }

        // A new file, not a write into the old one: the copy may be a hard link into the NuGet cache.
        var patched = Library + ".patching";
        File.WriteAllBytes(patched, bytes);
        File.Delete(Library);
        File.Move(patched, Library);
        Log.LogMessage(MessageImportance.Normal,
            $"{Path.GetFileName(Library)}: marked {string.Join(", ", missing.Select(m => m.Name))} weak (only {string.Join(", ", symbols)} uses it, never relocated).");
        return true;
    }

    private static List<string> SymbolsOfVersions(byte[] bytes, List<Section> sections, HashSet<ushort> indexes)
    {
        var dynamic = sections.First(s => s.Type == SectionDynamicSymbols);
        var versions = sections.First(s => s.Type == SectionSymbolVersions);
        var names = sections[(int)dynamic.Link];
        var found = new List<string>();
        for (var i = 0; i < dynamic.Size / 24; i++)
        {
            if (indexes.Contains((ushort)(U16(bytes, versions.Offset + i * 2) & 0x7fff)))
            {
                found.Add(Text(bytes, names.Offset + U32(bytes, dynamic.Offset + i * 24)));
            }
        }

        return found;
    }

    private static List<Section> Sections(byte[] bytes)
    {
        var table = (int)U64(bytes, 0x28);
        var size = U16(bytes, 0x3a);
        var count = U16(bytes, 0x3c);
        var sections = new List<Section>(count);
        for (var i = 0; i < count; i++)
        {
            var at = table + i * size;
            sections.Add(new Section(U32(bytes, at + 4), (int)U64(bytes, at + 0x18), (int)U64(bytes, at + 0x20),
                U32(bytes, at + 0x28), U32(bytes, at + 0x2c)));
        }

        return sections;
    }

    private static bool Contains(byte[] haystack, string name)
    {
        var needle = Encoding.ASCII.GetBytes(name + "\0");
        for (var at = Array.IndexOf(haystack, needle[0]); at >= 0 && at <= haystack.Length - needle.Length;
             at = Array.IndexOf(haystack, needle[0], at + 1))
        {
            var i = 1;
            while (i < needle.Length && haystack[at + i] == needle[i])
            {
                i++;
            }

            if (i == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static string Text(byte[] bytes, long at)
    {
        var end = Array.IndexOf(bytes, (byte)0, (int)at);
        return Encoding.ASCII.GetString(bytes, (int)at, end - (int)at);
    }

    private static ushort U16(byte[] b, long at) => BitConverter.ToUInt16(b, (int)at);

    private static uint U32(byte[] b, long at) => BitConverter.ToUInt32(b, (int)at);

    private static ulong U64(byte[] b, long at) => BitConverter.ToUInt64(b, (int)at);

    private sealed class Section(uint type, int offset, int size, uint link, uint info)
    {
        public uint Type { get; } = type;
        public int Offset { get; } = offset;
        public int Size { get; } = size;
        public uint Link { get; } = link;
        public uint Info { get; } = info;
    }
}
