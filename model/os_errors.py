"""What the operating system said when a file could not be read or written, in Chinese: its own words
(`strerror`) are English on Linux and macOS and in the language of Windows, and a clerk reads
“保存失败：Permission denied” as a program error."""
from __future__ import annotations

import errno

_PHRASES = {
    errno.EACCES: "没有权限（文件或文件夹可能是只读的，或正被其他程序打开）",
    errno.EPERM: "没有权限（文件或文件夹可能是只读的，或正被其他程序打开）",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘或文件夹是只读的（如写保护的U盘或光盘）",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EIO: "磁盘读写出错（U盘或网络盘可能已拔出或断开）",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "同时打开的文件过多",
    errno.EINVAL: "文件名中含有不允许的字符",
    errno.EFBIG: "文件太大",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ELOOP: "路径中的快捷方式（链接）循环指向自己",
    errno.ETIMEDOUT: "网络连接超时",
    errno.ENOTCONN: "网络盘已断开",
}
_OPTIONAL = {"EDQUOT": "磁盘空间配额已用完", "ESTALE": "网络盘已断开", "EHOSTDOWN": "网络上的计算机没有响应"}
_PHRASES.update({getattr(errno, name): phrase for name, phrase in _OPTIONAL.items() if hasattr(errno, name)})
# Windows' own codes where they say more than the errno Python derives from them
_WINDOWS_PHRASES = {32: "文件正被其他程序打开（如 Word、WPS 或 PDF 阅读器），请关闭后再试",
                    33: "文件的一部分被其他程序锁定",
                    53: "找不到网络上的计算机", 59: "网络出错", 64: "网络连接已断开", 67: "找不到网络名",
                    112: "磁盘已满", 206: "文件名或路径太长", 1117: "磁盘读写出错"}


def describe(exc: OSError) -> str:
    """The reason in Chinese, for a sentence such as “保存“年报.json”失败：{describe(exc)}。”."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_PHRASES:
        return _WINDOWS_PHRASES[winerror]
    if exc.errno in _PHRASES:
        return _PHRASES[exc.errno]
    code = winerror or exc.errno
    return f"系统错误（代码 {code}）" if code else "系统错误"
