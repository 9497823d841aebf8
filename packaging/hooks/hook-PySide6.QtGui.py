"""PyInstaller's QtGui hook (used by packaging/build.py), less the Qt plugins the editor never loads.

Dropping a plugin here, before PyInstaller follows its libraries, also leaves out what only it needs
(GTK for the gtk3 theme, Wayland and EGL for the embedded-display platforms, QtSvg for SVG icons).
Kept: the window platforms (xcb and offscreen on Linux, windows on Windows, cocoa on macOS), Chinese input
methods (ibus/fcitx input contexts), the desktop-portal theme, xcb GL integration, and the common image formats.
"""
import os

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

PLATFORMS = ("qxcb", "qoffscreen", "qwindows", "qcocoa")
IMAGE_FORMATS = ("qico", "qjpeg", "qgif")
UNUSED_PLUGIN_TYPES = {"egldeviceintegrations", "generic", "iconengines", "wayland-decoration-client",
                       "wayland-graphics-integration-client", "wayland-shell-integration",
                       "wayland-graphics-integration-server"}


def plugin_name(source):
    """libqxcb.so, qwindows.dll and libqcocoa.dylib are all the plugin qxcb, qwindows, qcocoa."""
    name = os.path.splitext(os.path.basename(source))[0]
    return name[3:] if name.startswith("lib") else name


def is_used(source, target):
    plugin_type = os.path.basename(os.path.normpath(target))
    if plugin_type in UNUSED_PLUGIN_TYPES:
        return False
    if plugin_type == "platforms":
        return plugin_name(source) in PLATFORMS
    if plugin_type == "imageformats":
        return plugin_name(source) in IMAGE_FORMATS
    if plugin_type == "platformthemes":
        return "gtk" not in plugin_name(source)  # GTK's own dialogs would need all of GTK in the folder
    return True


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, target) for source, target in binaries if is_used(source, target)]
