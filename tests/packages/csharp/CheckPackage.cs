// Checks the .nupkg as NuGet and the runtimes will read it (scripts/test-packages.sh, on Mono):
// its layout, the nuspec's metadata, and each Unilance.dll's target framework and references.
// Mono.Cecil (a dependency of Debian's mono-devel) reads the assemblies without loading them.
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Mono.Cecil;

public static class CheckPackage
{
    static int failures;

    static void Expect(bool ok, string what)
    {
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
        if (!ok) failures++;
    }

    // What each target may reference: its own framework's assemblies, nothing of Mono's own
    // (Mono.Posix...), no NuGet package (the nuspec declares no dependencies).
    static readonly Dictionary<string, string> Frameworks = new Dictionary<string, string>
    {
        { "netstandard2.0", ".NETStandard,Version=v2.0" },
        { "net8.0", ".NETCoreApp,Version=v8.0" },
    };
    static readonly HashSet<string> AllowedReferences = new HashSet<string> { "mscorlib", "System", "System.Core" };

    public static int Main(string[] args)
    {
        string path = args[0], version = args[1];
        using (var zip = ZipFile.OpenRead(path))
        {
            var entries = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            var expected = new[]
            {
                "Unilance.nuspec", "README.md", "[Content_Types].xml", "_rels/.rels",
                "lib/net8.0/Unilance.dll", "lib/net8.0/Unilance.xml",
                "lib/netstandard2.0/Unilance.dll", "lib/netstandard2.0/Unilance.xml",
                "runtimes/linux-x64/native/libunilance.so",
            }.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Expect(entries.SequenceEqual(expected), $"layout: {string.Join(", ", entries)}");

            var nuspec = XDocument.Load(zip.GetEntry("Unilance.nuspec").Open());
            XNamespace ns = nuspec.Root.Name.Namespace;
            var meta = nuspec.Root.Element(ns + "metadata");
            Func<string, string> field = name => (string)meta.Element(ns + name) ?? "";
            Expect(field("id") == "Unilance", $"nuspec id '{field("id")}'");
            Expect(field("version") == version, $"nuspec version '{field("version")}'");
            Expect(field("description").Length > 20, "nuspec description");
            var license = meta.Element(ns + "license");
            Expect(license != null && (string)license.Attribute("type") == "expression" && license.Value == "Apache-2.0", "nuspec license Apache-2.0 (expression)");
            var repository = meta.Element(ns + "repository");
            Expect(repository != null && ((string)repository.Attribute("url") ?? "").StartsWith("https://"), "nuspec repository url");
            Expect(field("readme") == "README.md" && zip.GetEntry("README.md").Length > 0, "nuspec readme, in the package");
            Expect(zip.GetEntry("runtimes/linux-x64/native/libunilance.so").Length > 1000000, "native library");

            foreach (var framework in Frameworks)
            {
                var memory = new MemoryStream();
                using (var dll = zip.GetEntry($"lib/{framework.Key}/Unilance.dll").Open()) dll.CopyTo(memory);
                memory.Position = 0;
                var assembly = AssemblyDefinition.ReadAssembly(memory);
                var target = assembly.CustomAttributes
                    .Where(a => a.AttributeType.FullName == "System.Runtime.Versioning.TargetFrameworkAttribute")
                    .Select(a => (string)a.ConstructorArguments[0].Value).FirstOrDefault();
                Expect(target == framework.Value, $"{framework.Key}: TargetFramework '{target}'");
                Expect(assembly.Name.Name == "Unilance" && assembly.Name.Version.ToString() == $"{version}.0",
                    $"{framework.Key}: assembly {assembly.Name.Name} {assembly.Name.Version}");
                var references = assembly.MainModule.AssemblyReferences.Select(r => $"{r.Name} {r.Version}").OrderBy(r => r).ToArray();
                Expect(assembly.MainModule.AssemblyReferences.All(r => AllowedReferences.Contains(r.Name)),
                    $"{framework.Key}: references {string.Join(", ", references)}");
            }
        }
        Console.WriteLine(failures == 0 ? "package check passed" : $"{failures} package checks failed");
        return failures == 0 ? 0 : 1;
    }
}
