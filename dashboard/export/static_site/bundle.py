"""The plotly.js file the static site serves: the official basic bundle, vendored in `vendor/`.

    python -m dashboard.export.static_site.bundle check   # the vendored file matches its recorded sha256
    python -m dashboard.export.static_site.bundle fetch   # fetch it again with npm, check it, write it

`vendor/package.json` pins the npm package exactly; `vendor/plotly-basic.json` records its
version, the tarball's integrity (sha512, as npm reports it) and the extracted file's sha256.
`fetch` runs `npm pack NAME@VERSION` in a temporary folder, refuses a tarball whose sha512 is
not the recorded integrity, and extracts the one file and the licence. To move to another
version: change package.json (to the version plotly.py embeds: `plotly.offline.get_plotlyjs_version()`),
run `fetch --update` (it records the new integrity and sha256), and review the diff.

The file is vendored so that a machine with only Python can publish (README quick start);
plotly.js is MIT licensed (`vendor/plotly.js-LICENSE.txt`).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
RECORD = VENDOR / "plotly-basic.json"
PACKAGE = VENDOR / "package.json"
_HEADER = re.compile(r"\* plotly\.js \(basic - minified\) v(\S+)")


@dataclass(frozen=True)
class Bundle:
    package: str
    version: str
    path: Path  # the vendored file
    sha256: str
    integrity: str  # the npm tarball's sha512, "sha512-BASE64"
    licence: str
    licence_path: Path

    @property
    def name(self) -> str:
        """The file's name in the site: the version is in it, so a new version is a new address."""
        return self.path.name


def recorded() -> Bundle:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    return Bundle(record["package"], record["version"], VENDOR / record["file"], record["sha256"],
                  record["integrity"], record["licence"], VENDOR / record["licence_file"])


def pinned_version(package: str) -> str:
    """The exact version vendor/package.json pins."""
    return json.loads(PACKAGE.read_text(encoding="utf-8"))["dependencies"][package]


def header_version(data: bytes) -> str | None:
    """The version the bundle's own licence header states."""
    match = _HEADER.search(data[:400].decode("utf-8", "replace"))
    return match.group(1) if match else None


class BundleError(RuntimeError):
    pass


def verified(bundle: Bundle | None = None) -> bytes:
    """The vendored file's bytes, after checking them against the recorded sha256."""
    bundle = bundle or recorded()
    data = bundle.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != bundle.sha256:
        raise BundleError(f"{bundle.path} has sha256 {digest}, not the recorded {bundle.sha256} "
                          f"({RECORD.name}): run `python -m dashboard.export.static_site.bundle fetch` to restore it")
    if header_version(data) != bundle.version:
        raise BundleError(f"{bundle.path} says it is plotly.js {header_version(data)}, not {bundle.version}")
    return data


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fetch(update: bool = False) -> Bundle:
    """Fetch the pinned package with npm, check it and write the vendored file (and, with
    `update`, record a new version's integrity and sha256)."""
    bundle = recorded()
    version = pinned_version(bundle.package)
    if version != bundle.version and not update:
        raise BundleError(f"package.json pins {version}, {RECORD.name} records {bundle.version}: "
                          "run `fetch --update` to record the new version")
    npm = shutil.which("npm")
    if npm is None:
        raise BundleError("npm is needed to fetch the bundle (the vendored copy needs nothing)")
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        packed = subprocess.run([npm, "pack", f"{bundle.package}@{version}", "--json", "--silent"], cwd=folder,
                                capture_output=True, text=True)
        if packed.returncode != 0:
            raise BundleError(f"npm pack failed: {packed.stderr.strip()[-500:]}")
        tarball = Path(folder) / json.loads(packed.stdout)[0]["filename"]
        data = tarball.read_bytes()
        if not update and _integrity(data) != bundle.integrity:
            raise BundleError(f"the tarball's integrity {_integrity(data)} is not the recorded {bundle.integrity}")
        with tarfile.open(tarball) as archive:
            script = archive.extractfile(f"package/{record['file_in_package']}").read()
            licence = archive.extractfile("package/LICENSE").read()
    if header_version(script) != version:
        raise BundleError(f"the fetched file says it is plotly.js {header_version(script)}, not {version}")
    target = VENDOR / f"plotly-basic-{version}.min.js"
    if update:
        if bundle.path != target:
            bundle.path.unlink(missing_ok=True)
        record.update(version=version, file=target.name, integrity=_integrity(data),
                      sha256=hashlib.sha256(script).hexdigest())
        RECORD.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    target.write_bytes(script)
    bundle.licence_path.write_bytes(licence)
    fetched = recorded()
    verified(fetched)
    return fetched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.export.static_site.bundle", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["check", "fetch"])
    parser.add_argument("--update", action="store_true", help="with fetch: record a new pinned version")
    args = parser.parse_args(argv)
    try:
        bundle = fetch(args.update) if args.action == "fetch" else recorded()
        verified(bundle)
    except (BundleError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{bundle.path.name}: {bundle.package} {bundle.version}, sha256 {bundle.sha256}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
