#!/usr/bin/env bash
# Build "Interview Prep.app" with PyInstaller and wrap it in a disk image (macOS only).
#
#   packaging/macos/build_dmg.sh            # -> dist/interview-prep-<version>.dmg
#
# Needs Xcode's command-line tools (iconutil, hdiutil, sips) and the project's .venv, built
# from the lock by `python3 scripts/dev.py setup` (the spec refuses any other environment).
# Signing and notarisation: set CODESIGN_IDENTITY (and run `xcrun notarytool` afterwards);
# without it the app is ad-hoc signed and users open it with right-click > Open once.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(.venv/bin/python -c "import interview_prep; print(interview_prep.__version__)")

# The .icns icon from the SVG (rendered by Qt, then iconutil).
ICONSET=build/interview-prep.iconset
rm -rf "$ICONSET" && mkdir -p "$ICONSET"
.venv/bin/python - "$ICONSET" <<'PY'
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication([])
renderer = QSvgRenderer("resources/icons/interview-prep.svg")
for size in (16, 32, 128, 256, 512):
    for scale in (1, 2):
        image = QImage(size * scale, size * scale, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image); renderer.render(painter); painter.end()
        suffix = "@2x" if scale == 2 else ""
        image.save(f"{sys.argv[1]}/icon_{size}x{size}{suffix}.png")
PY
iconutil -c icns "$ICONSET" -o packaging/macos/interview-prep.icns

.venv/bin/pyinstaller --noconfirm --clean packaging/pyinstaller/interview-prep.spec
codesign --force --deep --sign "${CODESIGN_IDENTITY:--}" "dist/Interview Prep.app"
"dist/Interview Prep.app/Contents/MacOS/interview-prep" --self-test

STAGE=build/dmg && rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "dist/Interview Prep.app" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Interview Prep" -srcfolder "$STAGE" -ov -format UDZO \
  "dist/interview-prep-$VERSION.dmg"
echo "dist/interview-prep-$VERSION.dmg"
