"""Packs the built Unilance.dll files and the native library into a .nupkg (a zip with a .nuspec).

There is no NuGet client here; a .nupkg is an OPC zip, so zipfile writes it directly.
"""
import argparse
import os
import zipfile

# The repository's address, as in Cargo.toml, python/pyproject.toml, kotlin/pom.xml and
# dotnet/Unilance.csproj.
REPOSITORY = "https://github.com/unilance/unilance"

NUSPEC = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>Unilance</id>
    <version>{version}</version>
    <authors>unilance</authors>
    <license type="expression">Apache-2.0</license>
    <projectUrl>{repository}</projectUrl>
    <repository type="git" url="{repository}" />
    <readme>README.md</readme>
    <description>Embedded LanceDB for .NET: async (Task, CancellationToken), generated from one Rust crate by UniFFI. Linux x64 (glibc) native library included.</description>
    <tags>lancedb vector-database embeddings arrow</tags>
    <dependencies>
      <group targetFramework=".NETStandard2.0" />
      <group targetFramework="net8.0" />
    </dependencies>
  </metadata>
</package>
"""

CONTENT_TYPES = """<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="so" ContentType="application/octet" />
  <Default Extension="md" ContentType="application/octet" />
</Types>
"""

RELS = """<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/Unilance.nuspec" Id="R0" />
</Relationships>
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--version", required=True)
    parser.add_argument("--build", required=True, help="dotnet/build, holding netstandard2.0/ and net8.0/")
    parser.add_argument("--native", required=True, help="libunilance.so")
    parser.add_argument("--readme", required=True, help="shown by NuGet clients and nuget.org")
    parser.add_argument("--repository", default=REPOSITORY)
    parser.add_argument("--level", type=int, default=int(os.environ.get("UNILANCE_ZIP_LEVEL", "6")))
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    tmp = args.out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=args.level) as z:
        z.writestr("Unilance.nuspec", NUSPEC.format(version=args.version, repository=args.repository))
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        for tfm in ("netstandard2.0", "net8.0"):
            for name in ("Unilance.dll", "Unilance.xml"):
                z.write(os.path.join(args.build, tfm, name), f"lib/{tfm}/{name}")
        z.write(args.readme, "README.md")
        z.write(args.native, "runtimes/linux-x64/native/libunilance.so")
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({os.path.getsize(args.out) // (1 << 20)} MiB)")


if __name__ == "__main__":
    main()
