"""Builds the unilance wheel: a PEP 517 backend kept in this directory (pyproject.toml's
`backend-path`), so `pip wheel python/` and `scripts/package-python.sh` make the same wheel.

Why not setuptools: the wheel holds no CPython extension, only `libunilance.so`, which Python
loads through ctypes. So the wheel is `py3-none-<platform>`: any CPython 3 takes it, and pip on
3.12 no longer refuses a `cp311-cp311` wheel. setuptools tags a wheel with binaries for the
interpreter that built it, and copies the (hundreds of MB, in a debug build) library twice
before zipping it; this writes the zip straight from the files, reading the library once to
hash it and once to compress it.

The platform tag is `manylinux_<X>_<Y>_x86_64`, where glibc X.Y is the newest `GLIBC_` symbol
version the library needs (its ELF version-needs section): pip on an older glibc then refuses
the wheel instead of installing one that fails at import.

Settings (environment): UNILANCE_WHEEL_LIBRARY, the library to ship (default
`unilance/libunilance.so`, staged by scripts/build.sh); UNILANCE_ZIP_LEVEL, the deflate level
(default 6).
"""

import base64
import hashlib
import os
import platform
import struct
import zipfile

try:
    import tomllib
except ImportError:  # Python < 3.11 builds from a checkout with the tomli package
    import tomli as tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "unilance"
LIBRARY = "libunilance.so"


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    library = os.environ.get("UNILANCE_WHEEL_LIBRARY") or os.path.join(HERE, PACKAGE, LIBRARY)
    if not os.path.isfile(library):
        raise RuntimeError(f"{library} is missing: run scripts/build.sh first")
    tag = f"py3-none-{platform_tag(library)}"
    name, version = project["name"], project["version"]
    dist_info = f"{name}-{version}.dist-info"
    wheel_name = f"{name}-{version}-{tag}.whl"
    level = int(os.environ.get("UNILANCE_ZIP_LEVEL", "6"))
    path = os.path.join(wheel_directory, wheel_name)
    record = []
    with zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=level) as wheel:
        for source, target in _package_files(library):
            record.append(_add_file(wheel, source, target))
        for file, text in (("METADATA", _metadata(project)), ("WHEEL", _wheel_file(tag))):
            record.append(_add_bytes(wheel, f"{dist_info}/{file}", text.encode()))
        lines = [f"{target},sha256={digest},{size}" for target, digest, size in record]
        lines.append(f"{dist_info}/RECORD,,")
        _add_bytes(wheel, f"{dist_info}/RECORD", ("\n".join(lines) + "\n").encode())
    os.replace(path + ".tmp", path)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError("unilance ships wheels only: its native library is built by scripts/build.sh")


def platform_tag(library):
    machine = platform.machine()
    floor = glibc_floor(library)
    if floor is None:
        return f"linux_{machine}"
    return f"manylinux_{floor[0]}_{floor[1]}_{machine}"


def glibc_floor(library):
    """The newest GLIBC_X.Y version `library` needs, as (X, Y), or None when it needs none.

    Reads the ELF64 little-endian section headers and the SHT_GNU_verneed section only.
    """
    with open(library, "rb") as f:
        header = f.read(64)
        if header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
            raise RuntimeError(f"{library} is not a 64-bit little-endian ELF file")
        shoff, = struct.unpack_from("<Q", header, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", header, 0x3A)
        f.seek(shoff)
        sections = [struct.unpack_from("<IIQQQQIIQQ", f.read(shentsize)) for _ in range(shnum)]
        versions = []
        for _, kind, _, _, offset, size, link, info, _, _ in sections:
            if kind != 0x6FFFFFFE:  # SHT_GNU_verneed
                continue
            f.seek(offset)
            needs = f.read(size)
            strings_offset, strings_size = sections[link][4], sections[link][5]
            f.seek(strings_offset)
            strings = f.read(strings_size)
            need = 0
            for _ in range(info):  # Verneed entries, each with a chain of Vernaux
                _, count, _, aux, following = struct.unpack_from("<HHIII", needs, need)
                entry = need + aux
                for _ in range(count):
                    _, _, _, name, after = struct.unpack_from("<IHHII", needs, entry)
                    text = strings[name:strings.index(b"\0", name)].decode()
                    if text.startswith("GLIBC_2."):
                        versions.append(tuple(int(p) for p in text[len("GLIBC_"):].split(".")[:2]))
                    entry += after
                need += following
        return max(versions) if versions else None


def _project():
    with open(os.path.join(HERE, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["project"]


def _package_files(library):
    """(source, path in the wheel) for the package: its Python files, py.typed, the library."""
    directory = os.path.join(HERE, PACKAGE)
    for name in sorted(os.listdir(directory)):
        if name.endswith(".py") or name == "py.typed":
            yield os.path.join(directory, name), f"{PACKAGE}/{name}"
    yield library, f"{PACKAGE}/{LIBRARY}"


def _metadata(project):
    readme = project.get("readme")
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
        f"Summary: {project['description']}",
        f"Requires-Python: {project['requires-python']}",
        f"License: {project['license']['text']}",
    ]
    lines += [f"Project-URL: {label}, {url}" for label, url in project.get("urls", {}).items()]
    lines += [f"Requires-Dist: {dependency}" for dependency in project.get("dependencies", [])]
    body = ""
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(HERE, readme), encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


def _wheel_file(tag):
    return f"Wheel-Version: 1.0\nGenerator: unilance wheel_backend\nRoot-Is-Purelib: false\nTag: {tag}\n"


def _add_file(wheel, source, target):
    hasher, size = hashlib.sha256(), os.path.getsize(source)
    with open(source, "rb") as f:
        while chunk := f.read(1 << 20):
            hasher.update(chunk)
    wheel.write(source, target)  # the second read of the library comes from the page cache
    return target, _digest(hasher), size


def _add_bytes(wheel, target, data):
    info = zipfile.ZipInfo(target, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    wheel.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return target, _digest(hashlib.sha256(data)), len(data)


def _digest(hasher):
    return base64.urlsafe_b64encode(hasher.digest()).rstrip(b"=").decode()
