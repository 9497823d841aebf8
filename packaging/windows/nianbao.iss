; The clerk's installer on Windows: per user, no administrator rights, into %LOCALAPPDATA%\Programs\<AppName>,
; with a Start-menu entry, the report file type registered for this user (HKCU) and an uninstaller.
; Compiled by `python packaging/build.py --installer` on Windows after it has built the one folder; the /D defines
; come from pyproject.toml and model/filetype.py (packaging/windows_installer.py), so nothing here repeats them.
; Written on Linux and checked there only by tests/test_packaging.py: it has not yet been compiled or run.
#ifndef AppName
  #error Compile with `python packaging/build.py --installer`: it passes AppName, AppVersion and the file type
#endif
#define ProgId "Nianbao.Report"
#define Executable AppName + ".exe"

[Setup]
AppId={{A54D2AB6-FAF2-4BCB-8FE0-A8DFAE9EE90A}
AppName={#DisplayName}
AppVersion={#AppVersion}
AppVerName={#DisplayName} {#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UninstallDisplayName={#DisplayName}
UninstallDisplayIcon={app}\{#Executable}
SetupIconFile=..\..\{#IconFile}
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\{#AppName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; a new version's folder replaces the old one whole: no library of the old version is left beside the new
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\{#DisplayName}"; Filename: "{app}\{#Executable}"
Name: "{userdesktop}\{#DisplayName}"; Filename: "{app}\{#Executable}"; Tasks: desktopicon

[Registry]
; the report file type for this user only (HKCU\Software\Classes); .json is left to whatever opens it today
Root: HKCU; Subkey: "Software\Classes\{#Extension}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#Extension}"; ValueType: string; ValueName: "Content Type"; ValueData: "{#MimeType}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#Extension}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#TypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#Executable},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#Executable}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#Executable}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#Executable}\SupportedTypes"; ValueType: string; ValueName: "{#Extension}"; ValueData: ""

[Run]
Filename: "{app}\{#Executable}"; Description: "{cm:LaunchProgram,{#DisplayName}}"; Flags: nowait postinstall skipifsilent
